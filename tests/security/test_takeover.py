"""Takeover detection against the VK emulator: a change made in VK's UI, not through
gospablik, raises an alert within one snapshot cycle."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gospablik.audit.models import AuditEntry
from gospablik.duties.models import Duty, Notification
from gospablik.security.actions import do_allow_admin
from gospablik.security.alerts import do_record_network_change, do_resolve_alert
from gospablik.security.models import Alert, AllowedAdmin, Snapshot
from gospablik.security.snapshots import snapshot_all, take_snapshot
from tests.security.conftest import GROUP


@pytest.fixture
def watched(connection, sec):
    account = connection.account
    do_allow_admin(account, user_id="100", name="Анна Смирнова", role="creator", actor=sec)
    do_allow_admin(account, user_id="101", name="Пётр Иванов", role="moderator", actor=sec)
    assert snapshot_all() == 1  # the baseline
    return account


def next_cycle(now=None):
    return snapshot_all((now or timezone.now()) + timedelta(minutes=11))


def test_it_takes_a_baseline_without_alerts(watched):
    snap = Snapshot.objects.get(account=watched)
    assert snap.title == "Министерство здравоохранения Кузбасса"
    assert {a["user_id"] for a in snap.admins} == {"100", "101"}
    assert not Alert.objects.exists()


def test_it_raises_a_critical_alert_for_a_new_admin_within_one_cycle(watched, emulator):
    emulator.state.add_user(666, "Тёмный", "Властелин")
    emulator.add_admin(GROUP, 666, "administrator")
    assert next_cycle() == 1
    alert = Alert.objects.get()
    assert (alert.severity, alert.kind) == ("critical", "admin_added")
    assert "Тёмный Властелин" in alert.summary


def test_it_opens_a_duty_for_the_security_org_and_tells_people(watched, emulator, sec, head):
    emulator.add_admin(GROUP, 666, "editor")
    next_cycle()
    duty = Duty.objects.get(kind="security_alert")
    assert duty.owner_org.key == "komiac" and duty.due_at is not None
    assert Notification.objects.filter(user=sec, duty=duty, level="alert").exists()
    assert Notification.objects.filter(user=head, duty=duty).exists()  # critical: heads too


def test_it_raises_high_alerts_for_a_rename_and_a_new_avatar(watched, emulator):
    emulator.rename_community(GROUP, "Казино «Удача»")
    emulator.change_photo(GROUP, "https://sun9-1.userapi.com/evil.jpg")
    next_cycle()
    kinds = dict(Alert.objects.values_list("kind", "severity"))
    assert kinds == {"title": "high", "avatar": "high"}


def test_it_does_not_alert_a_change_made_through_gospablik(watched, emulator, sec):
    do_record_network_change(watched, {"title": "Минздрав Кузбасса"}, actor=sec)
    emulator.rename_community(GROUP, "Минздрав Кузбасса")
    next_cycle()
    assert not Alert.objects.exists()
    assert Snapshot.objects.filter(account=watched).count() == 2  # the new state is recorded


def test_it_does_not_alert_an_allowed_admin(watched, emulator, sec):
    do_allow_admin(watched, user_id="200", name="Иван Петров", role="editor", actor=sec)
    emulator.add_admin(GROUP, 200, "editor")
    next_cycle()
    assert not Alert.objects.exists()


def test_it_alerts_an_allowed_admin_raised_above_the_allowed_role(watched, emulator):
    emulator.add_admin(GROUP, 101, "administrator")
    next_cycle()
    assert Alert.objects.get().kind == "admin_role"


def test_it_alerts_when_an_allowed_admin_is_removed(watched, emulator):
    emulator.remove_admin(GROUP, 101)
    next_cycle()
    assert Alert.objects.get().kind == "admin_removed"


def test_it_alerts_when_gospablik_loses_access(watched, emulator):
    emulator.remove_admin(GROUP, 100)  # the owner of our key is thrown out
    next_cycle()
    next_cycle(timezone.now() + timedelta(minutes=30))
    alert = Alert.objects.get()  # once, not every cycle
    assert (alert.kind, alert.severity) == ("access_lost", "high")
    assert AuditEntry.objects.filter(action="connection.error").count() == 1


def test_it_notes_a_post_by_an_unknown_author(watched, emulator):
    emulator.add_external_post(GROUP, "Розыгрыш призов! Переходите по ссылке", from_id=777)
    next_cycle()
    alert = Alert.objects.get(kind="unknown_post")
    assert alert.details["text"].startswith("Розыгрыш")


def test_it_does_not_look_again_before_the_interval(watched, emulator):
    emulator.add_admin(GROUP, 666, "administrator")
    assert snapshot_all() == 0
    assert not Alert.objects.exists()


def test_it_keeps_one_snapshot_while_nothing_changes(watched):
    next_cycle()
    next_cycle(timezone.now() + timedelta(minutes=30))
    assert Snapshot.objects.filter(account=watched).count() == 1


def test_it_records_a_read_failure_without_alerting(watched, emulator):
    emulator.faults.push("error", 3, "groups.getById", code=10)
    next_cycle()
    assert watched.security.__class__.objects.get(account=watched).last_snapshot_error
    assert not Alert.objects.exists()


def test_it_resolves_an_alert_and_allows_a_legitimate_admin(watched, emulator, sec):
    emulator.state.add_user(300, "Новый", "Редактор")
    emulator.add_admin(GROUP, 300, "editor")
    next_cycle()
    alert = do_resolve_alert(
        Alert.objects.get(), actor=sec, outcome="legit", resolution="Новый сотрудник КОМИАЦ"
    )
    assert not alert.is_open and alert.duty.status == "done"
    assert AllowedAdmin.objects.filter(account=watched, network_user_id="300").exists()


def test_take_snapshot_skips_an_account_without_connection(account):
    assert take_snapshot(account) == []
