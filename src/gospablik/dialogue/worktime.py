"""Time to answer in business hours: the policy's working window on the days the Russian
production calendar (``gospablik.calendar``) calls working, in the policy's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from gospablik.calendar import BusinessHours, ProductionCalendar


@dataclass(frozen=True)
class WorkingTime:
    tz: ZoneInfo
    calendar: ProductionCalendar
    hours: BusinessHours

    @classmethod
    def of(cls, policy: Any) -> WorkingTime:
        """The policy's time zone, production calendar and working hours."""
        return cls(
            policy.tz(), policy.calendar.production_calendar(), policy.calendar.business_hours()
        )

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from ``start`` to ``end``: only inside working windows of working
        days (a Friday-evening question answered on Monday morning took minutes)."""
        total, day = timedelta(0), start.astimezone(self.tz).date()
        last = end.astimezone(self.tz).date()
        while day <= last:
            if self.calendar.is_working_day(day):
                opening, closing = (m.astimezone(UTC) for m in self.hours.window(day, self.tz))
                overlap = min(closing, end) - max(opening, start)
                total += max(overlap, timedelta(0))
            day += timedelta(days=1)
        return total

    def business_hours(self, start: datetime, end: datetime) -> float:
        return self.between(start, end).total_seconds() / 3600
