"""Moderation report per account and period: volume, what the automation did, what people
decided and how fast, and the restores (the automation's errors). XLSX export."""

from __future__ import annotations

import io
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext
from openpyxl import Workbook

from gospablik.moderation.decide import CATEGORY_RU
from gospablik.moderation.labels import category_label
from gospablik.moderation.models import (
    ModerationCategoryDay,
    ModerationDay,
    ModerationReviewDay,
)
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account


@dataclass
class Row:
    account: str
    network: str
    volume: int = 0
    auto_deleted: int = 0
    auto_hidden: int = 0
    reviewed: int = 0
    auto_kept: int = 0
    deleted_by_people: int = 0
    restored: int = 0
    restored_auto: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    minutes: list[float] = field(default_factory=list)

    def share(self, part: int) -> float:
        """
        >>> Row("a", "vk", volume=8).share(2)
        25.0
        """
        return round(100.0 * part / self.volume, 1) if self.volume else 0.0

    @property
    def auto_deleted_share(self) -> float:
        return self.share(self.auto_deleted)

    @property
    def reviewed_share(self) -> float:
        return self.share(self.reviewed)

    @property
    def auto_kept_share(self) -> float:
        return self.share(self.auto_kept)

    @property
    def category_list(self) -> list[tuple[str, int]]:
        return [(category_label(c), n) for c, n in self.categories.most_common()]

    @property
    def median_minutes(self) -> float | None:
        return round(statistics.median(self.minutes), 1) if self.minutes else None

    @property
    def max_minutes(self) -> float | None:
        return round(max(self.minutes), 1) if self.minutes else None


@dataclass
class Report:
    since: date
    until: date
    rows: list[Row]
    total: Row


def build_report(
    ministry: Ministry, since: date, until: date, tz: ZoneInfo, account: Account | None = None
) -> Report:
    """From the per-account-per-day tables (``moderation.daily``): one query per section
    (the counts, the categories, the review times, the names), never one per account.
    ``tz`` is the policy's: the tables' days are its local days."""
    scope = Q(ministry=ministry, day__gte=since, day__lte=until)
    if account is not None:
        scope &= Q(account=account)
    rows: dict[int, Row] = {}
    _counts(rows, ModerationDay.objects.filter(scope))
    _categories(rows, ModerationCategoryDay.objects.filter(scope))
    _decisions(rows, ModerationReviewDay.objects.filter(scope))
    if account is not None:
        rows.setdefault(account.pk, Row("", ""))
    _name(rows)
    ordered = sorted(rows.values(), key=lambda r: (r.account, r.network))
    ordered = [r for r in ordered if r.volume or r.restored] if account is None else ordered
    return Report(since, until, ordered, _total(ordered))


def _row(rows: dict[int, Row], account_id: int) -> Row:
    return rows.setdefault(account_id, Row("", ""))


FIGURES = ["volume", "auto_deleted", "auto_hidden", "reviewed", "auto_kept"]
FIGURES += ["deleted_by_people", "restored", "restored_auto"]


def _counts(rows: dict[int, Row], days: QuerySet[ModerationDay]) -> None:
    sums = days.values("account_id").annotate(**{name: Sum(name) for name in FIGURES})
    for item in sums.order_by():
        figures: dict[str, Any] = dict(item)
        row = _row(rows, figures["account_id"])
        for name in FIGURES:
            setattr(row, name, figures[name] or 0)


def _categories(rows: dict[int, Row], days: QuerySet[ModerationCategoryDay]) -> None:
    sums = days.values_list("account_id", "category").annotate(n=Sum("n")).order_by()
    for account_id, category, n in sums:
        _row(rows, account_id).categories[category] += n


def _decisions(rows: dict[int, Row], days: QuerySet[ModerationReviewDay]) -> None:
    sums = days.values_list("account_id", "tenths").annotate(n=Sum("n")).order_by()
    for account_id, tenths, n in sums:
        _row(rows, account_id).minutes.extend([tenths / 10] * n)


def _name(rows: dict[int, Row]) -> None:
    """Titles and networks of the accounts that have a row (one query)."""
    for account in Account.objects.filter(pk__in=list(rows)).only("title", "network"):
        rows[account.pk].account = account.title
        rows[account.pk].network = account.get_network_display()


def _total(rows: list[Row]) -> Row:
    total = Row(gettext("Итого"), "")
    for row in rows:
        for name in ("volume", "auto_deleted", "auto_hidden", "reviewed", "auto_kept"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.deleted_by_people += row.deleted_by_people
        total.restored += row.restored
        total.restored_auto += row.restored_auto
        total.categories.update(row.categories)
        total.minutes += row.minutes
    return total


HEADER = [
    "Аккаунт", "Соцсеть", "Комментариев", "Удалено автоматически", "% удалено авт.",
    "Скрыто авт.", "На проверку", "% на проверку", "Оставлено авт.", "% оставлено",
    "Удалено модераторами", "Медиана до решения, мин", "Максимум до решения, мин",
    "Восстановлено", "Из них удалённых автоматикой",
]  # fmt: skip


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Сводка"
    sheet.append([f"Модерация за {report.since:%d.%m.%Y} — {report.until:%d.%m.%Y}"])
    sheet.append(HEADER)
    for row in [*report.rows, report.total]:
        sheet.append(_cells(row))
    categories = book.create_sheet("По категориям")
    categories.append(["Аккаунт", *(CATEGORY_RU[c] for c in CATEGORY_RU)])
    for row in [*report.rows, report.total]:
        categories.append([row.account, *(row.categories.get(c, 0) for c in CATEGORY_RU)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cells(row: Row) -> list[object]:
    return [
        row.account, row.network, row.volume, row.auto_deleted, row.share(row.auto_deleted),
        row.auto_hidden, row.reviewed, row.share(row.reviewed), row.auto_kept,
        row.share(row.auto_kept), row.deleted_by_people, row.median_minutes, row.max_minutes,
        row.restored, row.restored_auto,
    ]  # fmt: skip
