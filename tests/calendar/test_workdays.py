"""The production calendar against the 2024–2026 decrees (see the reference, section 5)."""

from datetime import date, datetime

import pytest

from gospablik.calendar import ProductionCalendar

CAL = ProductionCalendar()

DAYS_OFF = [
    date(2024, 4, 29),  # moved from Sat 27.04
    date(2024, 4, 30),  # moved from Sat 02.11
    date(2024, 11, 4),
    date(2024, 12, 30),  # moved from Sat 28.12
    date(2024, 12, 31),  # moved from Sun 07.01
    *[date(2025, 1, d) for d in range(1, 9)],
    date(2025, 5, 2),
    date(2025, 5, 8),
    date(2025, 6, 13),
    date(2025, 11, 3),
    date(2025, 12, 31),
    *[date(2026, 1, d) for d in range(1, 10)],
    date(2026, 3, 9),
    date(2026, 5, 11),
    date(2026, 12, 31),
]
WORKING_SATURDAYS = [date(2024, 4, 27), date(2024, 11, 2), date(2024, 12, 28), date(2025, 11, 1)]


@pytest.mark.parametrize("day", DAYS_OFF, ids=str)
def test_it_knows_transferred_and_public_days_off(day: date) -> None:
    assert not CAL.is_working_day(day)


@pytest.mark.parametrize("day", WORKING_SATURDAYS, ids=str)
def test_it_knows_working_saturdays(day: date) -> None:
    assert day.weekday() == 5
    assert CAL.is_working_day(day)


def test_it_treats_plain_weekends_as_days_off() -> None:
    assert not CAL.is_working_day(date(2026, 1, 10))
    assert not CAL.is_working_day(date(2025, 3, 16))


def test_it_treats_plain_weekdays_as_working() -> None:
    assert CAL.is_working_day(date(2025, 1, 9))
    assert CAL.is_working_day(date(2026, 1, 12))


@pytest.mark.parametrize(("year", "count"), [(2024, 248), (2025, 247), (2026, 247)])
def test_it_counts_working_days_in_a_year(year: int, count: int) -> None:
    assert CAL.working_days_between(date(year, 1, 1), date(year, 12, 31)) == count


@pytest.mark.parametrize(
    ("month_start", "month_end", "count"),
    [
        (date(2024, 12, 1), date(2024, 12, 31), 21),
        (date(2025, 1, 1), date(2025, 1, 31), 17),
        (date(2025, 11, 1), date(2025, 11, 30), 19),
    ],
)
def test_it_counts_working_days_in_a_month(month_start: date, month_end: date, count: int) -> None:
    assert CAL.working_days_between(month_start, month_end) == count


def test_it_counts_zero_working_days_in_a_reversed_range() -> None:
    assert CAL.working_days_between(date(2025, 1, 31), date(2025, 1, 1)) == 0


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2024, 4, 26), 3, date(2024, 5, 3)),
        (date(2024, 12, 27), 1, date(2024, 12, 28)),
        (date(2024, 12, 27), 2, date(2025, 1, 9)),
        (date(2025, 12, 30), 1, date(2026, 1, 12)),
        (date(2026, 1, 12), -1, date(2025, 12, 30)),
        (date(2025, 5, 7), 1, date(2025, 5, 12)),
    ],
)
def test_it_adds_working_days(day: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(day, n) == expected


def test_it_adds_zero_working_days_as_next_working_day() -> None:
    assert CAL.add_working_days(date(2025, 3, 14), 0) == date(2025, 3, 14)
    assert CAL.add_working_days(date(2025, 3, 15), 0) == date(2025, 3, 17)


def test_it_returns_the_day_itself_as_next_working_day() -> None:
    assert CAL.next_working_day(date(2024, 11, 2)) == date(2024, 11, 2)
    assert CAL.next_working_day(date(2024, 11, 3)) == date(2024, 11, 5)


def test_it_lets_an_extra_day_off_win_over_the_package() -> None:
    cal = ProductionCalendar(extra_days_off=[date(2025, 3, 14)])
    assert not cal.is_working_day(date(2025, 3, 14))
    assert cal.add_working_days(date(2025, 3, 13), 1) == date(2025, 3, 17)


def test_it_lets_an_extra_working_day_win_over_the_package() -> None:
    cal = ProductionCalendar(extra_working_days=[date(2027, 1, 9)])
    assert cal.is_working_day(date(2027, 1, 9))
    assert cal.working_days_between(date(2027, 1, 9), date(2027, 1, 9)) == 1


def test_it_rejects_a_day_both_working_and_off() -> None:
    with pytest.raises(ValueError, match="2025-03-14"):
        ProductionCalendar(
            extra_working_days=[date(2025, 3, 14)], extra_days_off=[date(2025, 3, 14)]
        )


def test_it_rejects_a_datetime_where_a_date_is_expected() -> None:
    with pytest.raises(TypeError, match="дата"):
        CAL.is_working_day(datetime(2025, 3, 14, 10, 0))  # noqa: DTZ001


def test_it_explains_a_day_off_in_russian() -> None:
    assert CAL.day_off_reason(date(2025, 6, 13)) == "Выходной (перенесено с 08.03.2025)"
    assert CAL.day_off_reason(date(2024, 4, 27)) is None
    cal = ProductionCalendar(extra_days_off=[date(2025, 3, 14)])
    assert "дополнительно" in (cal.day_off_reason(date(2025, 3, 14)) or "")
