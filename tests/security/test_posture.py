"""Posture findings and grades (plain Python), and the posture on the pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gospablik.security.changes import AdminSeen
from gospablik.security.posture import Facts, KeyState, findings, grade
from tests.security.conftest import client_for

TODAY = date(2025, 6, 1)
KEY = KeyState(
    "Ключ администратора",
    "wall, groups, photos, video, stats, offline",
    date(2025, 12, 31),
    date(2025, 5, 1),
    frozenset({"wall", "groups", "photos", "video", "stats", "offline"}),
)
GOOD = Facts(
    connected=True,
    owner_2fa=True,
    owner_login_holder="Начальник отдела КОМИАЦ",
    admins=(AdminSeen("100", "Анна", "creator"),),
    allowed={"100": "creator"},
    keys=(KEY,),
    today=TODAY,
    rotation_days=90,
    reminder_days=14,
)


def texts(facts: Facts) -> list[str]:
    return [f.text for f in findings(facts)]


def test_a_well_kept_account_gets_an_a():
    assert grade(findings(GOOD)) == "A"


def test_a_stranger_among_the_admins_is_critical():
    facts = replace(GOOD, admins=(*GOOD.admins, AdminSeen("666", "Некто", "administrator")))
    assert grade(findings(facts)) == "D"
    assert "«Некто» (ID 666)" in texts(facts)[0]


def test_an_owner_login_without_second_factor_is_critical():
    assert grade(findings(replace(GOOD, owner_2fa=False))) == "D"


def test_an_unknown_second_factor_is_major():
    assert grade(findings(replace(GOOD, owner_2fa=None))) == "C"


def test_an_expired_key_is_critical_and_an_expiring_one_major():
    expired = replace(KEY, expires_on=date(2025, 5, 31))
    soon = replace(KEY, expires_on=date(2025, 6, 10))
    assert grade(findings(replace(GOOD, keys=(expired,)))) == "D"
    assert grade(findings(replace(GOOD, keys=(soon,)))) == "C"


def test_an_old_key_must_be_rotated():
    old = replace(KEY, rotated_on=date(2025, 1, 1))
    assert any("не менялся 151 дн." in t for t in texts(replace(GOOD, keys=(old,))))


def test_extra_rights_of_a_key_are_pointed_out():
    greedy = replace(KEY, scope=KEY.scope + ", messages, friends")
    assert "Уберите лишние права ключа «Ключ администратора»: friends, messages" in texts(
        replace(GOOD, keys=(greedy,))
    )


def test_missing_records_make_a_b():
    facts = replace(GOOD, keys=(replace(KEY, expires_on=None, scope=""),))
    assert grade(findings(facts)) == "B"


def test_an_unconnected_account_cannot_be_watched():
    facts = replace(GOOD, connected=False, admins=None, keys=())
    assert texts(facts) == ["Подключите аккаунт: без подключения изменения в соцсети не видны"]


def test_the_registry_card_shows_the_grade_to_the_security_officer(account, sec, komiac):
    url = f"/kuzbass-health-335/registry/{account.pk}/"
    assert "Защищённость аккаунта" in client_for(sec).get(url).content.decode()
    assert "Защищённость аккаунта" not in client_for(komiac).get(url).content.decode()


def test_the_overview_lists_accounts_with_what_to_fix(account, sec):
    page = client_for(sec).get("/kuzbass-health-335/security/").content.decode()
    assert account.title in page and "Подключите аккаунт" in page


def test_recording_the_owner_login_is_audited(account, sec):
    from gospablik.audit.models import AuditEntry

    client_for(sec).post(
        f"/kuzbass-health-335/security/accounts/{account.pk}/posture/",
        {"owner_2fa": "yes", "owner_login_holder": "Иванов И.И."},
    )
    entry = AuditEntry.objects.get(action="security.posture")
    assert entry.after["owner_2fa"] is True and entry.after["owner_login_holder"] == "Иванов И.И."


def test_a_shared_secret_needs_no_expiry_or_scope():
    secret = KeyState("Секретный ключ Callback API", "", None, date(2025, 5, 1), is_token=False)
    assert grade(findings(replace(GOOD, keys=(secret,)))) == "A"
