"""The 4-hour and 3-working-day clocks of order 000 п.2 абз.8, in Asia/Novokuznetsk."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gospablik.approvals.deadlines import round_period
from gospablik.policy.loader import load_preset
from tests.approvals.conftest import make_submission

KUZBASS = ZoneInfo("Asia/Novokuznetsk")
POLICY = load_preset("kuzbass-health-335")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=KUZBASS)


def due(kind: str, start: datetime) -> datetime:
    assert POLICY.approvals is not None
    return POLICY.due_at(start, round_period(POLICY.approvals, kind)).astimezone(KUZBASS)


def test_it_counts_operational_hours_through_the_night():
    assert due("operational", local(2025, 5, 16, 22)) == local(2025, 5, 17, 2)


def test_it_counts_operational_hours_through_a_holiday_night():
    assert due("operational", local(2025, 12, 31, 21)) == local(2026, 1, 1, 1)


def test_it_skips_the_may_holidays_for_a_special_project():
    # 30.04.2025 is the last working day before 1–4 May; 5–7 May are working days.
    assert due("special_project", local(2025, 4, 30, 15)) == local(2025, 5, 7, 23, 59, 59)


def test_it_skips_the_second_may_break():
    # 8–11 May 2025 are days off (8 May was moved from 5 January).
    assert due("special_project", local(2025, 5, 7, 23, 30)) == local(2025, 5, 14, 23, 59, 59)


def test_it_crosses_the_new_year_break():
    # 31.12.2025 and 1–11.01.2026 are days off: 12, 13 and 14 January are the three days.
    assert due("special_project", local(2025, 12, 30, 10)) == local(2026, 1, 14, 23, 59, 59)


def test_it_counts_a_working_saturday():
    # 1.11.2025 (Saturday) is a working day; 3 and 4 November are days off.
    assert due("special_project", local(2025, 10, 31, 10)) == local(2025, 11, 6, 23, 59, 59)


def test_it_takes_the_local_date_not_the_utc_date():
    # Sunday 18:00 UTC is already Monday 01:00 in Kuzbass: Tue, Wed, Thu count.
    start = datetime(2025, 5, 18, 18, tzinfo=UTC)
    assert due("special_project", start) == local(2025, 5, 22, 23, 59, 59)


@pytest.mark.django_db
def test_it_opens_a_duty_with_the_clock_deadline(health, cur):
    with time_machine.travel(local(2025, 5, 16, 22), tick=False):
        submission = make_submission(health, cur, kind="operational")
    round_ = submission.rounds.get()
    assert round_.due_at == local(2025, 5, 17, 2)
    assert round_.duty.kind == "content_approval_operational"
    assert round_.duty.owner_org.key == "komiac"
    assert round_.duty.due_at == round_.due_at


@pytest.mark.django_db
def test_it_opens_a_special_project_duty_in_working_days(health, cur):
    with time_machine.travel(local(2025, 4, 30, 15), tick=False):
        submission = make_submission(health, cur)
    duty = submission.rounds.get().duty
    assert duty.kind == "content_approval_special"
    assert duty.due_at == local(2025, 5, 7, 23, 59, 59)
    assert duty.period_text == "3 рабочих дня"
