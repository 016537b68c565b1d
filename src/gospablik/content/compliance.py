"""Compliance per account and week: posts, reposts, share, formats mix, style (п.2.2–2.4)."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean
from typing import Any

from gospablik.content.counting import imported_between, publications_between
from gospablik.content.formats import FORMAT_LABELS_RU
from gospablik.content.models import Publication
from gospablik.content.repostcap import WeekCount, percent, week_bounds, week_label, week_of, within
from gospablik.networks.base import NETWORK_LABELS_RU
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account

IMPORTED = "imported"
FORMAT_NAMES = {**FORMAT_LABELS_RU, IMPORTED: "Вне системы"}


@dataclass
class WeekRow:
    account: Account
    week: date
    cap: float | None
    originals: int = 0
    reposts: int = 0
    imported: int = 0
    formats: Counter[str] = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.originals + self.reposts

    @property
    def share(self) -> float:
        return self.reposts / self.total if self.total else 0.0

    @property
    def within_cap(self) -> bool:
        return within(WeekCount(self.week, self.originals, self.reposts), self.cap)

    @property
    def style(self) -> float | None:
        return round(mean(self.scores), 1) if self.scores else None

    @property
    def week_label(self) -> str:
        return week_label(self.week)

    @property
    def formats_text(self) -> str:
        return ", ".join(f"{FORMAT_NAMES.get(k, k)}: {n}" for k, n in self.formats.most_common())

    def add(self, is_repost: bool, fmt: str, score: float | None = None) -> None:
        if is_repost:
            self.reposts += 1
        else:
            self.originals += 1
        self.formats[fmt] += 1
        if score is not None:
            self.scores.append(score)


def mondays(first: date, last: date) -> list[date]:
    """Mondays from the week of ``first`` to the week of ``last``.

    >>> mondays(date(2024, 5, 15), date(2024, 5, 27))
    [datetime.date(2024, 5, 13), datetime.date(2024, 5, 20), datetime.date(2024, 5, 27)]
    """
    start = first - timedelta(days=first.weekday())
    return [start + timedelta(weeks=n) for n in range((last - start).days // 7 + 1)]


def compliance_rows(
    ministry: Ministry,
    first: date,
    last: date,
    accounts: list[Account] | None = None,
    *,
    planned: bool = False,
) -> list[WeekRow]:
    """Rows of what went out (with ``planned``, also what waits to go out)."""
    policy = policy_for(ministry)
    tz, cap = policy.tz(), policy.repost_cap
    weeks = mondays(first, last)
    accounts = (
        accounts
        if accounts is not None
        else list(Account.objects.filter(ministry=ministry).exclude(status=Account.Status.PLANNED))
    )
    rows = {
        (a.pk, w): WeekRow(a, w, cap.max_share if cap else None) for a in accounts for w in weeks
    }
    start, end = week_bounds(weeks[0], tz)[0], week_bounds(weeks[-1], tz)[1]
    pubs = publications_between(accounts, start, end, planned=planned).select_related("post")
    for pub in pubs:
        row = rows[(pub.account_id, week_of(pub.moment_at, tz))]  # type: ignore[attr-defined]
        row.add(pub.kind == Publication.Kind.REPOST, pub.post.format, pub.post.style_score)
    for remote in imported_between(accounts, start, end):
        row = rows[(remote.account_id, week_of(remote.date, tz))]
        row.add(remote.is_repost, IMPORTED)
        row.imported += 1
    return sorted(rows.values(), key=lambda r: (r.account.network, r.account.title, r.week))


HEADER = [
    "Аккаунт",
    "Соцсеть",
    "Неделя",
    "Всего публикаций",
    "Оригинальных",
    "Репостов",
    "Доля репостов",
    "Предел",
    "Соблюдён",
    "Вне системы",
    "Форматы",
    "Средняя оценка стиля",
]


def xlsx_row(row: WeekRow) -> list[object]:
    return [
        row.account.title,
        NETWORK_LABELS_RU.get(row.account.network, row.account.network),
        row.week_label,
        row.total,
        row.originals,
        row.reposts,
        percent(row.share),
        percent(row.cap) if row.cap is not None else "нет",
        "да" if row.within_cap else "нет",
        row.imported,
        row.formats_text,
        row.style if row.style is not None else "",
    ]


def compliance_xlsx(rows: list[WeekRow], dialogue: list[Any] | None = None) -> bytes:
    """``dialogue``: the dialogue's per-account figures, a sheet of their own."""
    from openpyxl import Workbook

    from gospablik.dialogue.report import add_sheet

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Соблюдение Порядка"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(xlsx_row(row))
    sheet.freeze_panes = "A2"
    add_sheet(workbook, dialogue or [])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
