"""Deadlines: a start moment plus a period, computed in the ministry's time zone.

A regulation says "within 3 working days", "within 10 days", "within 4 hours". Each
is a :class:`Period`; :func:`due_at` turns a start moment into the deadline moment.
Days are counted on the *local* date of the start (Kuzbass: Asia/Novokuznetsk,
UTC+7) and a day-based deadline ends at 23:59:59 local time of its last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, cast, get_args
from zoneinfo import ZoneInfo

from django.utils.translation import get_language, ngettext

from gospablik.calendar.workdays import ProductionCalendar

PeriodUnit = Literal["working_days", "calendar_days", "hours", "business_hours"]
PERIOD_UNITS: tuple[str, ...] = get_args(PeriodUnit)
END_OF_DAY = time(23, 59, 59)

# Russian word forms for 1, 2–4 and 5+ (and 11–14) of each unit.
_UNIT_FORMS: dict[str, tuple[str, str, str]] = {
    "working_days": ("рабочий день", "рабочих дня", "рабочих дней"),
    "calendar_days": ("календарный день", "календарных дня", "календарных дней"),
    "hours": ("час", "часа", "часов"),
    "business_hours": ("рабочий час", "рабочих часа", "рабочих часов"),
}


def plural_ru(n: int, forms: tuple[str, str, str]) -> str:
    """Choose the Russian plural form for ``n``.

    >>> [plural_ru(n, ("день", "дня", "дней")) for n in (1, 2, 5, 11, 21, 22, 111)]
    ['день', 'дня', 'дней', 'дней', 'день', 'дня', 'дней']
    """
    one, few, many = forms
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


@dataclass(frozen=True)
class Period:
    """An amount of time as a regulation states it.

    >>> Period(3, "working_days").describe_ru()
    '3 рабочих дня'
    >>> Period(10, "calendar_days").describe_ru()
    '10 календарных дней'
    """

    amount: int
    unit: PeriodUnit

    def __post_init__(self) -> None:
        if self.unit not in PERIOD_UNITS:
            raise ValueError(f"неизвестная единица срока «{self.unit}»")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ValueError(f"срок должен быть целым числом, получено {self.amount!r}")
        if self.amount < 0:
            raise ValueError(f"срок не может быть отрицательным, получено {self.amount}")

    def describe_ru(self) -> str:
        """The period in Russian: "4 часа", "1 рабочий день", "5 рабочих часов"."""
        return f"{self.amount} {plural_ru(self.amount, _UNIT_FORMS[self.unit])}"

    @classmethod
    def from_ru(cls, text: str) -> Period | None:
        """The period :meth:`describe_ru` wrote (stored on duties), or None.

        >>> Period.from_ru("3 рабочих дня"), Period.from_ru("срок не установлен")
        (Period(amount=3, unit='working_days'), None)
        """
        amount, _space, words = text.strip().partition(" ")
        for unit, forms in _UNIT_FORMS.items():
            if amount.isdigit() and words in forms:
                return cls(int(amount), cast(PeriodUnit, unit))
        return None

    def describe(self) -> str:
        """The period in the page's language: «4 часа» on Russian pages, "4 hours" else."""
        if get_language().startswith("ru"):
            return self.describe_ru()
        n = self.amount
        text = {
            "working_days": ngettext("%(n)s рабочий день", "%(n)s рабочих дней", n),
            "calendar_days": ngettext("%(n)s календарный день", "%(n)s календарных дней", n),
            "hours": ngettext("%(n)s час", "%(n)s часов", n),
            "business_hours": ngettext("%(n)s рабочий час", "%(n)s рабочих часов", n),
        }[self.unit]
        return text % {"n": n}


@dataclass(frozen=True)
class BusinessHours:
    """The daily working window on working days, in local time: [start, end)."""

    start: time = time(9, 0)
    end: time = time(18, 0)

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("время начала и конца рабочего дня задаётся без часового пояса")
        if self.start >= self.end:
            raise ValueError("рабочий день должен начинаться раньше, чем заканчивается")

    def window(self, day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """Opening and closing moments of ``day`` (aware, in ``tz``)."""
        return (
            datetime.combine(day, self.start, tzinfo=tz),
            datetime.combine(day, self.end, tzinfo=tz),
        )


DEFAULT_BUSINESS_HOURS = BusinessHours()


def require_aware(moment: datetime, name: str = "start") -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name}: нужно время с часовым поясом, получено {moment.isoformat()}")


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """23:59:59 local time of ``day``."""
    return datetime.combine(day, END_OF_DAY, tzinfo=tz)


def add_business_hours(
    start: datetime,
    hours: int,
    *,
    calendar: ProductionCalendar,
    tz: ZoneInfo,
    business_hours: BusinessHours = DEFAULT_BUSINESS_HOURS,
) -> datetime:
    """``start`` plus ``hours`` counted only inside working windows (UTC result).

    >>> novokuznetsk = ZoneInfo("Asia/Novokuznetsk")
    >>> friday = datetime(2025, 3, 14, 16, 0, tzinfo=novokuznetsk)
    >>> add_business_hours(friday, 4, calendar=ProductionCalendar(), tz=novokuznetsk)
    datetime.datetime(2025, 3, 17, 4, 0, tzinfo=datetime.timezone.utc)
    """
    left = timedelta(hours=hours)
    cursor = start.astimezone(UTC)
    day = start.astimezone(tz).date()
    while True:
        if calendar.is_working_day(day):
            opening, closing = (m.astimezone(UTC) for m in business_hours.window(day, tz))
            cursor = max(cursor, opening)
            if cursor < closing:
                if left <= closing - cursor:
                    return cursor + left
                left -= closing - cursor
        day += timedelta(days=1)


def _end_of_calendar_days(
    local_day: date, n: int, calendar: ProductionCalendar, roll_to_working_day: bool
) -> date:
    day = local_day + timedelta(days=n)
    return calendar.next_working_day(day) if roll_to_working_day else day


def due_at(
    start: datetime,
    period: Period,
    *,
    calendar: ProductionCalendar,
    tz: ZoneInfo,
    business_hours: BusinessHours = DEFAULT_BUSINESS_HOURS,
    roll_to_working_day: bool = False,
) -> datetime:
    """The deadline (aware, UTC) of ``period`` counted from ``start``.

    ``roll_to_working_day`` moves a calendar-day deadline that ends on a day off
    to the end of the next working day (Гражданский кодекс РФ, ст. 193).

    >>> tz = ZoneInfo("Asia/Novokuznetsk")
    >>> start = datetime(2024, 4, 26, 10, 0, tzinfo=tz)
    >>> cal = ProductionCalendar()
    >>> due_at(start, Period(3, "working_days"), calendar=cal, tz=tz).astimezone(tz).isoformat()
    '2024-05-03T23:59:59+07:00'
    >>> due_at(start, Period(4, "hours"), calendar=cal, tz=tz).isoformat()
    '2024-04-26T07:00:00+00:00'
    """
    require_aware(start)
    local_day = start.astimezone(tz).date()
    if period.unit == "working_days":
        result = end_of_day(calendar.add_working_days(local_day, period.amount), tz)
    elif period.unit == "calendar_days":
        last = _end_of_calendar_days(local_day, period.amount, calendar, roll_to_working_day)
        result = end_of_day(last, tz)
    elif period.unit == "hours":
        result = start.astimezone(UTC) + timedelta(hours=period.amount)
    else:
        result = add_business_hours(
            start, period.amount, calendar=calendar, tz=tz, business_hours=business_hours
        )
    return result.astimezone(UTC)


def remaining(due: datetime, now: datetime) -> timedelta:
    """Time left until ``due`` (negative when overdue).

    >>> due = datetime(2024, 5, 3, 16, 59, 59, tzinfo=UTC)
    >>> remaining(due, datetime(2024, 5, 3, 15, 59, 59, tzinfo=UTC))
    datetime.timedelta(seconds=3600)
    """
    require_aware(due, "due")
    require_aware(now, "now")
    return due - now
