"""A date range of a page, its previous period and the step of its charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gospablik.analytics.aggregate import monday

WEEKLY_AFTER_DAYS = 92  # longer ranges are charted by week


@dataclass(frozen=True)
class Period:
    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> Period:
        """The same number of days right before.

        >>> Period(date(2026, 12, 1), date(2026, 12, 7)).previous()
        Period(since=datetime.date(2026, 11, 24), until=datetime.date(2026, 11, 30))
        """
        return Period(self.since - timedelta(days=self.days), self.since - timedelta(days=1))

    @property
    def interval(self) -> str:
        return "week" if self.days > WEEKLY_AFTER_DAYS else "day"

    def weeks(self) -> tuple[date, date]:
        """Mondays of the first and the last week the range touches."""
        return monday(self.since), monday(self.until)

    @classmethod
    def default(cls, today: date) -> Period:
        """The current week and the three before it."""
        return cls(monday(today) - timedelta(days=21), today)
