"""Fault isolation of the duties tick: a ministry without a policy is recorded and
skipped; every other ministry's duties are still processed."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine

from gospablik.audit.models import AuditEntry
from gospablik.duties.engine import RETRY_AFTER, tick
from gospablik.duties.models import Duty, Notification
from gospablik.policy.models import PolicyVersion
from tests.foundation.factories import register


def _broken_duty(social, due):
    """A due duty of a ministry whose policy was removed (the tick cannot compute it)."""
    account = register(social, network="vk", url="https://vk.com/social_broken")
    duty = Duty.objects.filter(ministry=social, subject_id=str(account.pk)).get()
    PolicyVersion.objects.filter(ministry=social).delete()
    Duty.objects.filter(pk=duty.pk).update(due_at=due, next_check_at=due - timedelta(days=1))
    return duty


def test_a_ministry_without_a_policy_does_not_stop_the_others(health, social, keeper):
    good = Duty.objects.get(
        subject_id=str(register(health, keeper, created_on=date(2025, 3, 3)).pk)
    )
    broken = _broken_duty(social, good.due_at)
    moment = good.due_at - timedelta(hours=23)
    with time_machine.travel(moment, tick=False):
        assert tick() == 2
    assert Notification.objects.filter(user=keeper, level="reminder").count() == 1
    fault = Duty.objects.get(kind="job_failure", ministry=social, status="open")
    assert fault.owner_org.kind == "ministry" and "сроков обязанностей" in fault.title
    assert AuditEntry.objects.filter(action="job.fault", ministry=social).count() == 1
    broken.refresh_from_db()
    assert broken.next_check_at == moment + RETRY_AFTER


def test_the_fault_is_reported_once_and_retried_later(health, social, keeper):
    good = Duty.objects.get(
        subject_id=str(register(health, keeper, created_on=date(2025, 3, 3)).pk)
    )
    _broken_duty(social, good.due_at)
    moment = good.due_at - timedelta(hours=23)
    with time_machine.travel(moment, tick=False):
        tick()
        assert tick() == 0  # the broken duty waits instead of being claimed again
    with time_machine.travel(moment + RETRY_AFTER, tick=False):
        assert tick() == 1
    assert Duty.objects.filter(kind="job_failure", status="open").count() == 1
    assert AuditEntry.objects.filter(action="job.fault").count() == 2


def test_many_broken_duties_do_not_loop_forever(health, social, keeper):
    due = Duty.objects.get(subject_id=str(register(health, keeper).pk)).due_at
    broken = _broken_duty(social, due)
    first = Duty.objects.get(pk=broken.pk)
    fields = [f.attname for f in Duty._meta.concrete_fields if f.attname != "id"]
    copies = [Duty(**{name: getattr(first, name) for name in fields}) for _ in range(250)]
    Duty.objects.bulk_create(copies)
    with time_machine.travel(due - timedelta(minutes=30), tick=False):
        assert tick() >= 251
        assert tick() == 0
