"""Duties to renew keys: before expiry (policy: 14 days) and every 90 days."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gospablik.duties.models import Duty
from gospablik.networks.connections import do_connect_account
from gospablik.security.credentials import do_update_credential
from gospablik.security.models import Credential
from gospablik.security.rotation import check_credentials
from tests.security.conftest import connect

TZ = ZoneInfo("Asia/Novokuznetsk")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


@pytest.fixture
def keyed(account, emulator, keeper, sec):
    with time_machine.travel(at(date(2025, 3, 3)), tick=False):
        connection = connect(account, emulator, keeper, user_token="vk1.a.SECRET-ONE")
    credential = Credential.objects.get(connection=connection)
    do_update_credential(credential, {"expires_on": date(2025, 3, 20)}, actor=sec)
    return credential


def rotation_duties():
    return Duty.objects.filter(kind="credential_rotation")


def test_it_waits_until_the_reminder_window(keyed):
    assert check_credentials(at(date(2025, 3, 5))) == 0


def test_it_opens_a_duty_due_on_the_expiry_day(keyed):
    assert check_credentials(at(date(2025, 3, 6))) == 1
    duty = rotation_duties().get()
    assert duty.due_at.astimezone(TZ).date() == date(2025, 3, 20)
    assert "истекает 20.03.2025" in duty.title and duty.owner_org.key == "komiac"


def test_it_opens_one_duty_however_often_it_runs(keyed):
    check_credentials(at(date(2025, 3, 7)))
    check_credentials(at(date(2025, 3, 8)))
    assert rotation_duties().count() == 1


def test_it_reminds_at_the_rotation_interval(keyed, sec):
    do_update_credential(keyed, {"expires_on": None}, actor=sec)
    assert check_credentials(at(date(2025, 5, 17))) == 0  # 75 days after the last change
    assert check_credentials(at(date(2025, 5, 18))) == 1
    assert rotation_duties().get().due_at.astimezone(TZ).date() == date(2025, 6, 1)


def test_a_new_value_closes_the_duty(keyed, keeper):
    check_credentials(at(date(2025, 3, 6)))
    connection = keyed.connection
    do_connect_account(
        connection.account, connection.config, {"user_token": "vk1.a.TWO"}, actor=keeper
    )
    assert rotation_duties().get().status == "done"


def test_a_new_expiry_date_cancels_the_stale_duty(keyed, sec):
    check_credentials(at(date(2025, 3, 6)))
    do_update_credential(keyed, {"expires_on": date(2026, 3, 20)}, actor=sec)
    assert rotation_duties().get().status == "cancelled"


@pytest.mark.policy_field("security.expiry_reminder_days")
@pytest.mark.policy_field("security.clause")
def test_the_reminder_window_and_clause_follow_the_policy(keyed):
    from tests.foundation.factories import change_policy

    ministry = keyed.connection.account.ministry
    change_policy(
        ministry, {"security.expiry_reminder_days": 30, "security.clause": "п. 1.2.4 (ред.)"}
    )
    assert check_credentials(at(date(2025, 3, 5))) == 1  # 15 days before expiry: within 30
    assert rotation_duties().get().clause == "п. 1.2.4 (ред.)"


@pytest.mark.policy_field("security.credential_rotation_days")
def test_the_rotation_interval_follows_the_policy(keyed, sec):
    from tests.foundation.factories import change_policy

    do_update_credential(keyed, {"expires_on": None}, actor=sec)
    change_policy(keyed.connection.account.ministry, {"security.credential_rotation_days": 30})
    assert check_credentials(at(date(2025, 3, 18))) == 0
    assert check_credentials(at(date(2025, 3, 19))) == 1  # 30 days from 03.03, 14 days ahead
    assert rotation_duties().get().due_at.astimezone(TZ).date() == date(2025, 4, 2)
