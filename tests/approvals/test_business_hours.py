"""A ministry may count the 4 hours in business hours: a new policy version says so."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from gospablik.policy.actions import do_update_policy
from gospablik.policy.loader import dump_policy
from gospablik.policy.store import policy_for
from tests.approvals.conftest import make_submission

KUZBASS = ZoneInfo("Asia/Novokuznetsk")


def business_hours_version(ministry, actor) -> None:
    policy = policy_for(ministry)
    operational = policy.approvals.operational.model_copy(update={"unit": "business_hours"})
    approvals = policy.approvals.model_copy(update={"operational": operational})
    text = dump_policy(policy.model_copy(update={"approvals": approvals, "version": 2}))
    do_update_policy(ministry, text, actor=actor, comment="4 рабочих часа")


def test_it_counts_business_hours_when_the_policy_says_so(health, cur, head):
    business_hours_version(health, head)
    with time_machine.travel(datetime(2025, 5, 16, 16, tzinfo=KUZBASS), tick=False):
        submission = make_submission(health, cur, kind="operational")
    # Friday 16:00 + 2 h to 18:00, then Monday 09:00 + 2 h.
    assert submission.rounds.get().due_at == datetime(2025, 5, 19, 11, tzinfo=KUZBASS)
    assert submission.rounds.get().duty.period_text == "4 рабочих часа"
