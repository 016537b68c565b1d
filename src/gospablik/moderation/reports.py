"""Moderation report per account and period: volume, what the automation did, what people
decided and how fast, and the restores (the automation's errors). XLSX export."""

from __future__ import annotations

import io
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.utils.translation import gettext
from openpyxl import Workbook

from gospablik.moderation.decide import CATEGORY_RU
from gospablik.moderation.labels import category_label
from gospablik.moderation.models import AUTO, ArchivedItem, Comment
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


def period_bounds(since: date, until: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Local calendar days ``since``..``until`` inclusive as an aware half-open range."""
    start = datetime.combine(since, time.min, tzinfo=tz)
    return start, datetime.combine(until + timedelta(days=1), time.min, tzinfo=tz)


def build_report(
    ministry: Ministry, since: date, until: date, tz: ZoneInfo, account: Account | None = None
) -> Report:
    start, end = period_bounds(since, until, tz)
    accounts = Account.objects.filter(ministry=ministry).order_by("title")
    if account is not None:
        accounts = accounts.filter(pk=account.pk)
    rows = [_row(a, start, end) for a in accounts]
    rows = [r for r in rows if r.volume or r.restored] if account is None else rows
    return Report(since, until, rows, _total(rows))


def _row(account: Account, start: datetime, end: datetime) -> Row:
    row = Row(account.title, account.get_network_display())
    comments = Comment.objects.filter(account=account, received_at__gte=start, received_at__lt=end)
    counts = comments.aggregate(
        volume=Count("pk"),
        auto_deleted=Count("pk", filter=Q(auto_action="delete")),
        auto_hidden=Count("pk", filter=Q(auto_action="hide")),
        reviewed=Count("pk", filter=Q(auto_action="review")),
        auto_kept=Count("pk", filter=Q(auto_action="keep")),
    )
    for name, value in counts.items():
        setattr(row, name, value)
    for labels in (
        comments.exclude(verdict=None).values_list("verdict__labels", flat=True).iterator()
    ):
        row.categories.update(labels or [])
    _decisions(row, comments)
    _archives(row, account, start, end)
    return row


def _decisions(row: Row, comments: object) -> None:
    reviewed = comments.filter(  # type: ignore[attr-defined]
        auto_action="review", decided_by__isnull=False, decided_at__isnull=False
    ).values_list("received_at", "decided_at")
    row.minutes = [(d - r).total_seconds() / 60 for r, d in reviewed.iterator()]


def _archives(row: Row, account: Account, start: datetime, end: datetime) -> None:
    archives = ArchivedItem.objects.filter(account=account)
    row.deleted_by_people = archives.filter(
        decided_at__gte=start, decided_at__lt=end, decided_by__isnull=False
    ).count()
    restored = archives.filter(restored_at__gte=start, restored_at__lt=end)
    row.restored = restored.count()
    row.restored_auto = restored.filter(decided_by_repr=AUTO).count()


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
