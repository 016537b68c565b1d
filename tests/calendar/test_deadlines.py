"""Deadlines: working/calendar days by the local date, clock hours, business hours."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from gospablik.calendar import BusinessHours, Period, ProductionCalendar, due_at, remaining

NSK = ZoneInfo("Asia/Novokuznetsk")
CAL = ProductionCalendar()


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=NSK)


def due(start: datetime, amount: int, unit: str, **kwargs: object) -> datetime:
    return due_at(start, Period(amount, unit), calendar=CAL, tz=NSK, **kwargs)  # type: ignore[arg-type]


def test_it_ends_working_days_at_the_end_of_the_local_day() -> None:
    result = due(local(2024, 4, 26, 10, 0), 3, "working_days")
    assert result == local(2024, 5, 3, 23, 59, 59)


def test_it_returns_utc() -> None:
    result = due(local(2024, 4, 26, 10, 0), 3, "working_days")
    assert result.tzinfo == UTC
    assert result == datetime(2024, 5, 3, 16, 59, 59, tzinfo=UTC)


def test_it_counts_from_friday_at_23_30_kemerovo_time() -> None:
    start = local(2024, 4, 26, 23, 30)  # 16:30 UTC Friday
    assert due(start, 3, "working_days") == local(2024, 5, 3, 23, 59, 59)


def test_it_counts_from_the_local_saturday_although_it_is_friday_in_utc() -> None:
    start = datetime(2024, 4, 26, 18, 30, tzinfo=UTC)  # Sat 27.04 01:30 local, a working day
    assert due(start, 3, "working_days") == local(2024, 5, 6, 23, 59, 59)


def test_it_counts_calendar_days_from_the_local_date() -> None:
    start = datetime(2025, 3, 13, 18, 30, tzinfo=UTC)  # Fri 14.03 01:30 local
    assert due(start, 1, "calendar_days") == local(2025, 3, 15, 23, 59, 59)


def test_it_keeps_a_calendar_day_deadline_on_a_day_off_by_default() -> None:
    assert due(local(2025, 3, 5, 9, 0), 10, "calendar_days") == local(2025, 3, 15, 23, 59, 59)


def test_it_rolls_a_calendar_day_deadline_to_the_next_working_day() -> None:
    result = due(local(2025, 3, 5, 9, 0), 10, "calendar_days", roll_to_working_day=True)
    assert result == local(2025, 3, 17, 23, 59, 59)


def test_it_rolls_over_the_new_year_holidays() -> None:
    result = due(local(2025, 12, 22, 9, 0), 10, "calendar_days", roll_to_working_day=True)
    assert result == local(2026, 1, 12, 23, 59, 59)


def test_it_adds_clock_hours_across_the_night() -> None:
    assert due(local(2025, 3, 14, 22, 0), 4, "hours") == local(2025, 3, 15, 2, 0)


def test_it_adds_business_hours_within_one_day() -> None:
    assert due(local(2025, 3, 12, 10, 0), 4, "business_hours") == local(2025, 3, 12, 14, 0)


def test_it_ends_business_hours_exactly_at_closing() -> None:
    assert due(local(2025, 3, 12, 14, 0), 4, "business_hours") == local(2025, 3, 12, 18, 0)


def test_it_carries_business_hours_over_the_weekend() -> None:
    assert due(local(2025, 3, 14, 16, 0), 4, "business_hours") == local(2025, 3, 17, 11, 0)


def test_it_carries_business_hours_over_the_new_year_holidays() -> None:
    assert due(local(2025, 12, 30, 17, 0), 4, "business_hours") == local(2026, 1, 12, 12, 0)


def test_it_starts_business_hours_at_the_next_opening_after_night() -> None:
    assert due(local(2025, 3, 12, 20, 0), 2, "business_hours") == local(2025, 3, 13, 11, 0)


def test_it_starts_business_hours_at_opening_when_early() -> None:
    assert due(local(2025, 3, 12, 6, 0), 2, "business_hours") == local(2025, 3, 12, 11, 0)


def test_it_starts_business_hours_on_a_working_saturday() -> None:
    assert due(local(2024, 11, 2, 7, 0), 3, "business_hours") == local(2024, 11, 2, 12, 0)


def test_it_spans_several_days_of_business_hours() -> None:
    assert due(local(2025, 3, 12, 9, 0), 20, "business_hours") == local(2025, 3, 14, 11, 0)


def test_it_uses_custom_business_hours() -> None:
    hours = BusinessHours(start=time(8, 30), end=time(17, 30))
    result = due(local(2025, 3, 14, 16, 30), 2, "business_hours", business_hours=hours)
    assert result == local(2025, 3, 17, 9, 30)


def test_it_uses_calendar_overrides_in_deadlines() -> None:
    cal = ProductionCalendar(extra_days_off=[local(2025, 3, 17, 0).date()])
    result = due_at(local(2025, 3, 14, 10), Period(1, "working_days"), calendar=cal, tz=NSK)
    assert result == local(2025, 3, 18, 23, 59, 59)


def test_it_rejects_a_naive_start() -> None:
    with pytest.raises(ValueError, match="часовым поясом"):
        due(datetime(2025, 3, 14, 10, 0), 1, "hours")  # noqa: DTZ001


@pytest.mark.parametrize(("amount", "unit"), [(-1, "hours"), (1, "weeks"), (True, "hours")])
def test_it_rejects_a_bad_period(amount: int, unit: str) -> None:
    with pytest.raises(ValueError):
        Period(amount, unit)  # type: ignore[arg-type]


def test_it_rejects_an_empty_business_day() -> None:
    with pytest.raises(ValueError, match="рабочий день"):
        BusinessHours(start=time(18, 0), end=time(9, 0))


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (Period(1, "working_days"), "1 рабочий день"),
        (Period(3, "working_days"), "3 рабочих дня"),
        (Period(11, "working_days"), "11 рабочих дней"),
        (Period(10, "calendar_days"), "10 календарных дней"),
        (Period(21, "calendar_days"), "21 календарный день"),
        (Period(4, "hours"), "4 часа"),
        (Period(1, "hours"), "1 час"),
        (Period(12, "hours"), "12 часов"),
        (Period(4, "business_hours"), "4 рабочих часа"),
        (Period(25, "business_hours"), "25 рабочих часов"),
    ],
)
def test_it_describes_periods_in_russian(period: Period, text: str) -> None:
    assert period.describe_ru() == text


def test_it_computes_remaining_time_negative_when_overdue() -> None:
    deadline = local(2025, 3, 14, 18, 0)
    assert remaining(deadline, local(2025, 3, 14, 17, 0)) == timedelta(hours=1)
    assert remaining(deadline, local(2025, 3, 14, 19, 0)) == timedelta(hours=-1)
