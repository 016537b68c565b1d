"""Reminders before the deadline and escalation after it."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine

from gospablik.duties.engine import tick
from gospablik.duties.models import Duty, Notification
from tests.foundation.factories import register


def test_it_reminds_the_owner_before_the_deadline(health, keeper, head):
    account = register(health, keeper, created_on=date(2025, 3, 3))
    duty = Duty.objects.get(subject_id=str(account.pk))
    with time_machine.travel(duty.due_at - timedelta(hours=23), tick=False):
        assert tick() == 1
    assert Notification.objects.filter(user=keeper, level="reminder").count() == 1
    assert not Notification.objects.filter(user=head).exists()


def test_it_reminds_once_per_stage(health, keeper):
    account = register(health, keeper, created_on=date(2025, 3, 3))
    duty = Duty.objects.get(subject_id=str(account.pk))
    with time_machine.travel(duty.due_at - timedelta(hours=23), tick=False):
        tick()
        assert tick() == 0


def test_it_escalates_to_the_ministry_head_when_overdue(health, keeper, head):
    account = register(health, keeper, created_on=date(2025, 3, 3))
    duty = Duty.objects.get(subject_id=str(account.pk))
    with time_machine.travel(duty.due_at + timedelta(minutes=1), tick=False):
        tick()
    duty.refresh_from_db()
    assert duty.escalated_at is not None
    assert Notification.objects.filter(user=head, level="escalation").exists()


def test_it_leaves_completed_duties_alone(health, keeper, head):
    from gospablik.duties.actions import do_complete_duty

    account = register(health, keeper, created_on=date(2025, 3, 3))
    duty = Duty.objects.get(subject_id=str(account.pk))
    do_complete_duty(duty, actor=keeper, resolution={"method": "letter"})
    with time_machine.travel(duty.due_at + timedelta(days=1), tick=False):
        assert tick() == 0


def test_it_emails_the_reminder(health, keeper, mailoutbox):
    account = register(health, keeper, created_on=date(2025, 3, 3))
    duty = Duty.objects.get(subject_id=str(account.pk))
    with time_machine.travel(duty.due_at - timedelta(hours=1), tick=False):
        tick()
    assert [m.to for m in mailoutbox] == [[keeper.email]]
    assert "Напоминание" in mailoutbox[0].body
