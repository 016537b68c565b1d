"""``gospablik calendar ...`` through the real console entry point."""

import pytest

from gospablik.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["calendar", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_adds_working_days(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add-working-days", "2024-04-26", "3") == (0, "2024-05-03\n", "")


def test_it_goes_back_with_negative_working_days(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add-working-days", "2026-01-12", "-1")[1] == "2025-12-30\n"


def test_it_says_yes_for_a_working_saturday(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "is-working-day", "2024-12-28") == (0, "yes\n", "")


def test_it_says_no_for_a_holiday(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "is-working-day", "2026-01-09") == (0, "no\n", "")


def test_it_honours_extra_day_off_flags(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["is-working-day", "2030-03-04", "--extra-day-off", "2030-03-04"]
    assert run(capsys, *argv)[1] == "no\n"


def test_it_honours_extra_working_day_flags(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["add-working-days", "2030-03-01", "1", "--extra-working-day", "2030-03-02"]
    assert run(capsys, *argv)[1] == "2030-03-02\n"


def test_it_prints_the_due_moment_in_the_time_zone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "due", "2024-04-26T10:00", "3", "working_days")
    assert (code, out) == (0, "2024-05-03T23:59:59+07:00\n")


def test_it_prints_the_due_moment_in_another_zone(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["due", "2025-03-14T16:00", "4", "business_hours", "--tz", "Europe/Moscow"]
    assert run(capsys, *argv)[1] == "2025-03-17T11:00:00+03:00\n"


def test_it_rolls_calendar_days_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["due", "2025-03-05T09:00", "10", "calendar_days", "--roll-to-working-day"]
    assert run(capsys, *argv)[1] == "2025-03-17T23:59:59+07:00\n"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["is-working-day", "2024-13-01"], "неверная дата"),
        (["is-working-day"], "не хватает аргументов"),
        (["add-working-days", "2024-04-26", "три"], "целое число"),
        (["due", "2024-04-26T10:00", "3", "weeks"], "неизвестная единица"),
        (["due", "2024-04-26T10:00", "3", "hours", "--tz", "Mars/Olympus"], "часовой пояс"),
        (["due", "вчера", "3", "hours"], "неверные дата и время"),
        (["due", "2024-04-26T10:00", "-3", "hours"], "отрицательным"),
    ],
)
def test_it_reports_bad_input_in_russian(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert fragment in err


def test_it_prints_help_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "due", "--help")
    assert code == 0
    assert "часовой пояс" in out and "--extra-day-off" in out
