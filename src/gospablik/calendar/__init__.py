"""Russian production calendar and deadlines (plain Python, no Django)."""

from gospablik.calendar.deadlines import (
    DEFAULT_BUSINESS_HOURS,
    BusinessHours,
    Period,
    PeriodUnit,
    due_at,
    remaining,
)
from gospablik.calendar.workdays import ProductionCalendar

__all__ = [
    "DEFAULT_BUSINESS_HOURS",
    "BusinessHours",
    "Period",
    "PeriodUnit",
    "ProductionCalendar",
    "due_at",
    "remaining",
]
