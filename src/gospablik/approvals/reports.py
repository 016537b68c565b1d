"""The monthly SLA report: the on-time share of each kind of approval duty.

A duty counts in the month its deadline falls in (the ministry's local time). It is
on time when done by its deadline, late when done later or still open after it, and
pending while open before it; cancelled duties (withdrawn material) do not count.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from gospablik.duties.kinds import DUTY_KINDS
from gospablik.duties.models import Duty
from gospablik.numbers import number
from gospablik.orgs.models import Ministry

REPORT_KINDS = ("content_approval_operational", "content_approval_special", "information_request")


@dataclass(frozen=True)
class ReportRow:
    kind: str
    label: str
    total: int
    on_time: int
    late: int
    pending: int

    @property
    def share(self) -> float | None:
        """On-time share of the decided-or-overdue duties, None if there are none.

        >>> ReportRow("k", "k", 4, 3, 1, 0).share
        0.75
        >>> ReportRow("k", "k", 1, 0, 0, 1).share is None
        True
        """
        counted = self.on_time + self.late
        return self.on_time / counted if counted else None

    @property
    def share_percent(self) -> str:
        return "—" if self.share is None else f"{number(round(self.share * 100))} %"


def month_bounds(year: int, month: int, tz: tzinfo) -> tuple[datetime, datetime]:
    """The month as [start, end) aware moments in ``tz``.

    >>> from zoneinfo import ZoneInfo
    >>> start, end = month_bounds(2025, 12, ZoneInfo("Asia/Novokuznetsk"))
    >>> start.isoformat(), end.isoformat()
    ('2025-12-01T00:00:00+07:00', '2026-01-01T00:00:00+07:00')
    """
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return datetime.combine(first, time(), tz), datetime.combine(following, time(), tz)


def classify(duty: Duty, now: datetime) -> str:
    assert duty.due_at is not None
    if duty.status == Duty.Status.DONE and duty.done_at is not None:
        return "on_time" if duty.done_at <= duty.due_at else "late"
    return "late" if now > duty.due_at else "pending"


def monthly_report(
    ministry: Ministry, year: int, month: int, tz: tzinfo, now: datetime
) -> list[ReportRow]:
    start, end = month_bounds(year, month, tz)
    duties = Duty.objects.filter(
        ministry=ministry, kind__in=REPORT_KINDS, due_at__gte=start, due_at__lt=end
    ).exclude(status=Duty.Status.CANCELLED)
    return [_row(kind, [d for d in duties if d.kind == kind], now) for kind in REPORT_KINDS]


def _row(kind: str, duties: list[Duty], now: datetime) -> ReportRow:
    counts = {"on_time": 0, "late": 0, "pending": 0}
    for duty in duties:
        counts[classify(duty, now)] += 1
    return ReportRow(kind, str(DUTY_KINDS[kind]), len(duties), **counts)


def report_xlsx(title: str, rows: Iterable[ReportRow]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Сроки согласования"
    sheet.append([title])
    sheet.append(["Вид", "Всего", "В срок", "С опозданием", "Срок не наступил", "Доля в срок"])
    for row in rows:
        share = None if row.share is None else round(row.share, 4)
        sheet.append([row.label, row.total, row.on_time, row.late, row.pending, share])
        sheet.cell(sheet.max_row, 6).number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
