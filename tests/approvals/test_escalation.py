"""An unanswered submission reminds КОМИАЦ before the deadline and escalates after it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from gospablik.audit.models import AuditEntry
from gospablik.duties import engine
from gospablik.duties.models import Notification
from tests.approvals.conftest import make_submission

START = datetime(2025, 5, 16, 22, tzinfo=ZoneInfo("Asia/Novokuznetsk"))


def levels(user, duty) -> list[str]:
    return sorted(Notification.objects.filter(user=user, duty=duty).values_list("level", flat=True))


def test_it_alerts_the_approvers_at_once(health, cur, komiac):
    with time_machine.travel(START, tick=False):
        duty = make_submission(health, cur, kind="operational").rounds.get().duty
    assert levels(komiac, duty) == ["alert"]


def test_it_reminds_two_hours_before_the_deadline(health, cur, komiac):
    with time_machine.travel(START, tick=False):
        duty = make_submission(health, cur, kind="operational").rounds.get().duty
    engine.tick(START + timedelta(hours=2, minutes=1))
    assert levels(komiac, duty) == ["alert", "reminder"]


def test_it_escalates_to_the_ministry_head_when_late(health, cur, komiac, head):
    with time_machine.travel(START, tick=False):
        duty = make_submission(health, cur, kind="operational").rounds.get().duty
    with time_machine.travel(START + timedelta(hours=4, minutes=1), tick=False):
        engine.tick()
    duty.refresh_from_db()
    assert duty.escalated_at is not None
    assert "escalation" in levels(head, duty)
    assert AuditEntry.objects.filter(action="duty.escalate", object_id=str(duty.pk)).exists()


def test_it_does_not_escalate_a_signed_round(health, cur, signer, device, head):
    from gospablik.approvals.actions.signing import do_sign_round
    from tests.approvals.conftest import fresh_code

    with time_machine.travel(START, tick=False):
        submission = make_submission(health, cur, kind="operational")
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        do_sign_round(submission, actor=signer, decision="approved", otp_code=fresh_code(device))
    engine.tick(START + timedelta(hours=5))
    assert levels(head, submission.rounds.get().duty) == []
