"""The duties tick writes a batch's notifications in one statement and sends its mails
over one connection (issue 18), whatever the number of duties; a duty whose check fails
sends nothing and the others still go out."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gospablik.duties import outbox
from gospablik.duties.engine import tick
from gospablik.duties.models import Duty, Notification
from gospablik.policy.models import PolicyVersion
from tests.foundation.factories import register


def due_duties(ministry, keeper, n, prefix):
    for i in range(n):
        register(ministry, keeper, url=f"https://vk.com/{prefix}{i}", created_on=date(2025, 3, 3))
    return Duty.objects.filter(ministry=ministry, status="open")


def counted_tick(monkeypatch, moment):
    opened = []

    def counting(*args, **kwargs):
        opened.append(1)
        return mail.get_connection(*args, **kwargs)

    monkeypatch.setattr(outbox, "get_connection", counting)
    with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as captured:
        handled = tick()
    statements = [q["sql"] for q in captured.captured_queries]
    inserts = sum('INSERT INTO "duties_notification"' in sql for sql in statements)
    selects = sum('FROM "orgs_membership"' in sql for sql in statements)
    return handled, inserts, len(opened), selects


def test_one_insert_and_one_mail_connection_per_batch(
    health, keeper, head, monkeypatch, mailoutbox
):
    duties = due_duties(health, keeper, 12, "a")
    moment = max(d.due_at for d in duties) + timedelta(minutes=1)  # all overdue: escalations
    handled, inserts, connections, member_queries = counted_tick(monkeypatch, moment)
    assert handled == 12 and inserts == 1 and connections == 1
    assert member_queries == 2  # the owners and the heads, once per pass
    assert Notification.objects.filter(level="escalation").count() == 24  # keeper and head
    assert len(mailoutbox) == 24


def test_a_broken_ministry_sends_nothing_and_stops_nobody(
    health, social, keeper, monkeypatch, mailoutbox, make_user
):
    due_duties(health, keeper, 3, "h")
    other = make_user("other", social, "orgwork", "editor")
    due_duties(social, other, 2, "s")
    PolicyVersion.objects.filter(ministry=social).delete()
    moment = max(Duty.objects.values_list("due_at", flat=True)) + timedelta(minutes=1)
    handled, inserts, connections, _ = counted_tick(monkeypatch, moment)
    assert handled == 5 and inserts == 1 and connections == 1
    users = set(Notification.objects.filter(level="escalation").values_list("user", flat=True))
    assert other.pk not in users and keeper.pk in users
    assert Duty.objects.filter(kind="job_failure", ministry=social).count() == 2
