"""The stored posture (issue 18): assessed again by the actions that change an account's
facts, equal to a rebuild, read one page at a time, and renewed when time alone changes
it (a key nearing expiry)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.management import call_command
from django.db import connection as db
from django.test.utils import CaptureQueriesContext

from gospablik.security.actions import do_allow_admin, do_record_posture
from gospablik.security.models import AccountPosture, Credential
from gospablik.security.standing import postures
from tests.foundation.factories import register
from tests.security.conftest import client_for, connect


def stored():
    return sorted(AccountPosture.objects.values_list("account_id", "grade", "findings"))


def test_the_actions_keep_the_stored_posture_current(account, emulator, keeper, sec, health):
    connection = connect(account, emulator, keeper)
    assert AccountPosture.objects.get(account=account).grade == "C"  # owner's 2FA unknown
    do_record_posture(account, {"owner_2fa": False}, actor=sec)
    assert AccountPosture.objects.get(account=account).grade == "D"
    do_record_posture(account, {"owner_2fa": True, "owner_login_holder": "КОМИАЦ"}, actor=sec)
    do_allow_admin(account, user_id="100", name="Анна", role="creator", actor=sec)
    kept = stored()
    AccountPosture.objects.all().delete()
    call_command("reports", "rebuild")
    assert stored() == kept
    assert Credential.objects.filter(connection=connection).exists()


def test_the_overview_reads_the_stored_rows(account, sec, health):
    client = client_for(sec)
    client.get(f"/{health.key}/security/")  # assesses the first time
    AccountPosture.objects.filter(account=account).update(
        findings=[{"severity": "critical", "text": "Записанное замечание"}], grade="D"
    )
    page = client.get(f"/{health.key}/security/").content.decode()
    assert "Записанное замечание" in page and "Оценки аккаунтов:" in page
    api = client.get(f"/api/m/{health.key}/security/posture/").json()
    assert api["results"][0]["findings"][0]["text"] == "Записанное замечание"


def test_a_page_costs_the_same_queries_for_5_or_40_accounts(health, sec):
    def overview_queries():
        client_for(sec).get(f"/{health.key}/security/")  # stores what is missing
        with CaptureQueriesContext(db) as captured:
            client_for(sec).get(f"/{health.key}/security/")
        return len(captured.captured_queries)

    for i in range(5):
        register(health, url=f"https://vk.com/few{i}", title=f"Мало {i:02}")
    few = overview_queries()
    for i in range(35):
        register(health, url=f"https://vk.com/many{i}", title=f"Много {i:02}")
    assert overview_queries() == few


def test_time_alone_renews_a_stored_posture(account, emulator, keeper, health, time_machine):
    time_machine.move_to("2025-06-01 12:00:00+07:00")
    connection = connect(account, emulator, keeper)
    Credential.objects.filter(connection=connection).update(expires_on=date(2025, 6, 30))
    call_command("reports", "rebuild")
    row = AccountPosture.objects.get(account=account)
    assert row.fresh_until == date(2025, 6, 30) - timedelta(days=15)
    texts = lambda: [f.text for p in postures(health, [account]) for f in p.findings]  # noqa: E731
    assert not any("истекает" in t for t in texts())
    time_machine.move_to("2025-06-20 12:00:00+07:00")
    assert any("истекает 30.06.2025" in t for t in texts())
