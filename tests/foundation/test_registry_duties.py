"""Registering accounts opens the notification duty the policy requires."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from gospablik.duties.models import Duty
from gospablik.registry.actions import do_mark_account_deleted, do_update_account
from tests.foundation.factories import register

NOVOKUZNETSK = ZoneInfo("Asia/Novokuznetsk")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=NOVOKUZNETSK)


def test_it_gives_cur_3_working_days_under_order_000(health, keeper):
    account = register(health, keeper, created_on=date(2024, 4, 26))
    duty = Duty.objects.get(subject_id=str(account.pk))
    assert duty.kind == "account_created_notice"
    assert duty.recipient.startswith("Центр управления регионом")
    assert duty.owner_org.key == "komiac"
    assert duty.due_at == local(2024, 5, 3, 23, 59, 59)  # May holidays and a working Saturday


def test_it_gives_the_media_directorate_10_days_under_order_001(social, foreign):
    account = register(
        social, foreign, url="https://vk.com/kuzsocial_t", created_on=date(2025, 3, 3)
    )
    duty = Duty.objects.get(subject_id=str(account.pk))
    assert "средствами массовой информации" in duty.recipient
    assert duty.due_at == local(2025, 3, 13, 23, 59, 59)


def test_it_opens_no_duty_for_a_planned_account(health, keeper):
    account = register(health, keeper, status="planned", created_on=None)
    assert not Duty.objects.filter(subject_id=str(account.pk)).exists()


def test_it_opens_the_created_notice_when_a_planned_account_goes_live(health, keeper):
    account = register(health, keeper, status="planned", created_on=None)
    do_update_account(account, {"status": "active", "created_on": date(2025, 12, 30)}, actor=keeper)
    duty = Duty.objects.get(subject_id=str(account.pk))
    assert duty.due_at == local(2026, 1, 14, 23, 59, 59)  # 31 Dec and New Year holidays are off


def test_it_opens_a_deleted_notice_and_keeps_the_account(health, keeper):
    account = register(health, keeper)
    do_mark_account_deleted(account, date(2025, 5, 7), actor=keeper)
    account.refresh_from_db()
    assert account.status == "deleted"
    deleted = Duty.objects.get(subject_id=str(account.pk), kind="account_deleted_notice")
    assert deleted.due_at == local(2025, 5, 14, 23, 59, 59)  # 8, 9 May are days off


def test_it_refuses_a_network_the_order_does_not_name(health, keeper):
    with pytest.raises(ValidationError) as error:
        register(health, keeper, network="facebook", url="https://facebook.com/kuzdrav")
    assert "не предусматривает" in error.value.message_dict["network"][0]


def test_it_accepts_facebook_under_order_001(social, foreign):
    account = register(social, foreign, network="facebook", url="https://facebook.com/kuzsocial")
    assert account.pk


def test_it_refuses_a_url_of_another_network(health, keeper):
    with pytest.raises(ValidationError) as error:
        register(health, keeper, network="ok", url="https://vk.com/x")
    assert "url" in error.value.message_dict


def test_it_refuses_an_active_account_without_creation_date(health, keeper):
    with pytest.raises(ValidationError) as error:
        register(health, keeper, created_on=None)
    assert "created_on" in error.value.message_dict


def test_it_records_every_change_in_the_audit_log(health, keeper):
    from gospablik.audit.models import AuditEntry

    account = register(health, keeper)
    do_update_account(account, {"title": "Новое название"}, actor=keeper)
    entry = AuditEntry.objects.filter(action="account.update").get()
    assert entry.before["title"] == "Тестовое сообщество"
    assert entry.after["title"] == "Новое название"
    assert entry.actor == keeper
