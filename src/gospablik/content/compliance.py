"""Compliance per account and week: posts, reposts, share, formats mix, style (п.2.2–2.4)."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from gospablik.content.counting import imported_between, publications_between
from gospablik.content.formats import FORMAT_LABELS_RU
from gospablik.content.models import ComplianceDay, Publication
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
    style_sum: float = 0.0
    style_n: int = 0

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
        return round(self.style_sum / self.style_n, 1) if self.style_n else None

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
            self.style_sum, self.style_n = self.style_sum + score, self.style_n + 1


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
    """Rows of what went out (with ``planned``, also what waits to go out: counted from
    the publications of the few accounts the plan shows; what went out is read from the
    per-account-per-day table, one query)."""
    policy = policy_for(ministry)
    tz, cap = policy.tz(), policy.repost_cap
    weeks = mondays(first, last)
    chosen = accounts is not None
    accounts = (
        accounts
        if accounts is not None
        else list(Account.objects.filter(ministry=ministry).exclude(status=Account.Status.PLANNED))
    )
    rows = {
        (a.pk, w): WeekRow(a, w, cap.max_share if cap else None) for a in accounts for w in weeks
    }
    if planned:
        _count_publications(rows, accounts, weeks, tz)
    else:
        _read_days(rows, ministry, weeks, accounts if chosen else None)
    return sorted(rows.values(), key=lambda r: (r.account.network, r.account.title, r.week))


def _read_days(
    rows: dict[tuple[int, date], WeekRow],
    ministry: Ministry,
    weeks: list[date],
    accounts: list[Account] | None,
) -> None:
    days = ComplianceDay.objects.filter(
        ministry=ministry, day__gte=weeks[0], day__lt=weeks[-1] + timedelta(days=7)
    )
    if accounts is not None:
        days = days.filter(account__in=[a.pk for a in accounts])
    figures = days.values_list(
        "account_id", "day", "originals", "reposts", "imported", "formats", "style_sum", "style_n"
    )
    # (one query; the rows of a 6,000-account ministry's 8 weeks are tens of thousands)
    for account_id, day, originals, reposts, imported, formats, style_sum, style_n in figures:
        row = rows.get((account_id, day - timedelta(days=day.weekday())))
        if row is None:  # a planned account
            continue
        row.originals += originals
        row.reposts += reposts
        row.imported += imported
        row.formats.update(formats)
        row.style_sum += style_sum
        row.style_n += style_n


def _count_publications(
    rows: dict[tuple[int, date], WeekRow], accounts: list[Account], weeks: list[date], tz: ZoneInfo
) -> None:
    start, end = week_bounds(weeks[0], tz)[0], week_bounds(weeks[-1], tz)[1]
    pubs = publications_between(accounts, start, end, planned=True).select_related("post")
    for pub in pubs:
        row = rows[(pub.account_id, week_of(pub.moment_at, tz))]  # type: ignore[attr-defined]
        row.add(pub.kind == Publication.Kind.REPOST, pub.post.format, pub.post.style_score)
    for remote in imported_between(accounts, start, end):
        row = rows[(remote.account_id, week_of(remote.date, tz))]
        row.add(remote.is_repost, IMPORTED)
        row.imported += 1


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
