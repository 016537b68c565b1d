"""The answer deadline a new question gets, under each preset, on the Russian production
calendar in the policy's time zone: asked on Wednesday 7 May 2025 at 17:00 in Kemerovo,
the eve of the 8–11 May days off, it is due at the end of Monday 12 May (one working day,
both presets); with four business hours instead, at noon on that Monday."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gospablik.duties.models import Duty
from gospablik.policy.schema import PeriodSpec
from tests.dialogue.conftest import QUESTION, make_comment
from tests.dialogue.test_policy_effects import change

KEMEROVO = ZoneInfo("Asia/Novokuznetsk")
ASKED = datetime(2025, 5, 7, 17, 0, tzinfo=KEMEROVO)


@pytest.mark.parametrize("which", ["account", "social_account"])  # the two presets
def test_one_working_day_across_the_may_holidays(which, request, time_machine) -> None:
    account = request.getfixturevalue(which)
    time_machine.move_to(ASKED)
    thread = make_comment(account, QUESTION).thread
    assert thread.received_at == ASKED and thread.needs_answer
    assert thread.due_at == datetime(2025, 5, 12, 23, 59, 59, tzinfo=KEMEROVO)
    duty = Duty.objects.get(kind="dialogue_answer", subject_id=str(thread.pk))
    assert duty.due_at == thread.due_at == thread.first_due_at


def test_business_hours_count_only_working_windows(account, health, time_machine) -> None:
    change(health, answer_within=PeriodSpec(amount=4, unit="business_hours", clause="000 тест"))
    time_machine.move_to(ASKED)
    thread = make_comment(account, QUESTION).thread
    assert thread.due_at == datetime(2025, 5, 12, 12, 0, tzinfo=KEMEROVO)
