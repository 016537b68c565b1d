"""The Russian production calendar (производственный календарь).

Working days come from the ``holidays`` package, which knows the government decrees
that move days off and make some Saturdays working days. Decrees newer than the
installed package are added as overrides (``extra_working_days`` / ``extra_days_off``),
which always win over the package.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from holidays import HolidayBase

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def russian_holidays(year: int) -> HolidayBase:
    """The package's Russian calendar for one year (cached; names in Russian).

    >>> russian_holidays(2025).get(date(2025, 5, 2))
    'Выходной (перенесено с 04.01.2025)'
    """
    return holidays.country_holidays("RU", years=year, expand=False, language="ru")


def _as_date(day: date) -> date:
    if isinstance(day, datetime):
        raise TypeError("ожидалась дата (date), а не дата и время (datetime)")
    return day


class ProductionCalendar:
    """Working days of the Russian Federation, with local overrides.

    >>> cal = ProductionCalendar()
    >>> cal.is_working_day(date(2024, 4, 27))  # a working Saturday
    True
    >>> cal.is_working_day(date(2024, 4, 29))  # a transferred day off
    False
    >>> ProductionCalendar(extra_days_off=[date(2030, 1, 9)]).is_working_day(date(2030, 1, 9))
    False
    """

    def __init__(
        self, extra_working_days: Iterable[date] = (), extra_days_off: Iterable[date] = ()
    ) -> None:
        self.extra_working_days = frozenset(_as_date(d) for d in extra_working_days)
        self.extra_days_off = frozenset(_as_date(d) for d in extra_days_off)
        both = sorted(self.extra_working_days & self.extra_days_off)
        if both:
            days = ", ".join(d.isoformat() for d in both)
            raise ValueError(f"дата указана и как рабочий, и как выходной день: {days}")

    def __repr__(self) -> str:
        return (
            f"ProductionCalendar(extra_working_days={sorted(self.extra_working_days)!r}, "
            f"extra_days_off={sorted(self.extra_days_off)!r})"
        )

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day (overrides first, then the package)."""
        day = _as_date(day)
        if day in self.extra_days_off:
            return False
        if day in self.extra_working_days:
            return True
        return bool(russian_holidays(day.year).is_working_day(day))

    def day_off_reason(self, day: date) -> str | None:
        """Why ``day`` is not a working day, in Russian; ``None`` for a working day.

        >>> cal = ProductionCalendar()
        >>> cal.day_off_reason(date(2026, 1, 9))
        'Выходной (перенесено с 03.01.2026)'
        >>> cal.day_off_reason(date(2026, 1, 10))
        'Выходной день'
        >>> cal.day_off_reason(date(2026, 1, 12)) is None
        True
        """
        if self.is_working_day(day):
            return None
        if day in self.extra_days_off:
            return "Нерабочий день (дополнительно установлен)"
        name = russian_holidays(day.year).get(day)
        return str(name) if name else "Выходной день"

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the next working day.

        >>> ProductionCalendar().next_working_day(date(2025, 12, 31))
        datetime.date(2026, 1, 12)
        """
        day = _as_date(day)
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (``day`` itself is not counted).

        A negative ``n`` goes back; ``n == 0`` gives :meth:`next_working_day`.

        >>> cal = ProductionCalendar()
        >>> cal.add_working_days(date(2024, 4, 26), 3)
        datetime.date(2024, 5, 3)
        >>> cal.add_working_days(date(2024, 12, 27), 1)  # a working Saturday
        datetime.date(2024, 12, 28)
        >>> cal.add_working_days(date(2026, 1, 12), -1)
        datetime.date(2025, 12, 30)
        """
        if n == 0:
            return self.next_working_day(day)
        step = ONE_DAY if n > 0 else -ONE_DAY
        current = _as_date(day)
        for _ in range(abs(n)):
            current += step
            while not self.is_working_day(current):
                current += step
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days from ``start`` to ``end``, both included.

        Zero when ``end`` is before ``start``.

        >>> ProductionCalendar().working_days_between(date(2024, 1, 1), date(2024, 12, 31))
        248
        >>> ProductionCalendar().working_days_between(date(2025, 11, 1), date(2025, 11, 30))
        19
        """
        start, end = _as_date(start), _as_date(end)
        days = (end - start).days + 1
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(max(days, 0)))
