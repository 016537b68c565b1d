"""A ministry's policy is never edited in place: every change is a new, audited version."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import Client

from gospablik.audit.models import AuditEntry
from gospablik.duties.models import Duty
from gospablik.policy.models import PolicyVersion
from gospablik.policy.store import current_version, policy_for
from tests.conftest import PASSWORD


def login(user) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_it_stores_a_changed_policy_as_a_new_version(health, head):
    text = current_version(health).text.replace("max_share: 0.25", "max_share: 0.2")
    response = login(head).post(
        "/kuzbass-health-335/policy/edit/", {"text": text, "comment": "Доля репостов 20 %"}
    )
    assert response.status_code == 302
    assert PolicyVersion.objects.filter(ministry=health).count() == 2
    assert policy_for(health).repost_cap.max_share == 0.2
    entry = AuditEntry.objects.filter(action="policy.version").last()
    assert entry.reason == "Доля репостов 20 %" and entry.actor == head


def test_it_rejects_a_broken_policy_and_keeps_the_text(health, head):
    text = current_version(health).text.replace("amount: 4", "amount: -4", 1)
    response = login(head).post(
        "/kuzbass-health-335/policy/edit/", {"text": text, "comment": "опечатка"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "amount" in page and "-4" in page
    assert PolicyVersion.objects.filter(ministry=health).count() == 1


def test_it_opens_the_order_publication_duty_of_item_3_2(health, head):
    login(head).post("/kuzbass-health-335/policy/order-signed/", {"signed_on": "2024-05-21"})
    duty = Duty.objects.get(kind="order_publication")
    assert duty.owner_org.key == "kuzdrav-legal"
    assert "kuzdrav.ru" in duty.title
    # 3 days from Tue 21.05.2024, end of Friday 24.05 (a working day)
    assert duty.due_at == datetime(2024, 5, 24, 23, 59, 59, tzinfo=ZoneInfo("Asia/Novokuznetsk"))


def test_it_opens_an_order_duty_without_deadline_under_order_001(social):
    call_command("policy", "order-signed", "--ministry", social.key, "--date", "2025-02-03")
    duty = Duty.objects.get(kind="order_publication")
    assert duty.due_at is None
    assert duty.owner_org.key == "csvi"


def test_it_sets_up_a_ministry_from_a_preset_on_the_cli(db, capsys):
    call_command("policy", "setup", "--preset", "kuzbass-social-protection-draft")
    assert capsys.readouterr().out.strip() == "kuzbass-social-protection-draft"
    assert PolicyVersion.objects.get().version == 1


def test_it_reports_the_file_and_field_of_a_broken_policy_file(db, tmp_path):
    import pytest
    from django.core.management import CommandError

    broken = tmp_path / "broken.yaml"
    broken.write_text("key: x\ntimezone: Mars/Olympus\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("policy", "check", "--file", str(broken))
    assert "broken.yaml" in str(error.value)


def test_it_keeps_the_policy_version_on_each_duty(health, keeper):
    from tests.foundation.factories import register

    register(health, keeper, created_on=date(2025, 3, 3))
    assert Duty.objects.get().policy_version == 1
