"""TOTP second factor: required for publishing/approving/moderating/key-keeping roles."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gospablik.audit.models import AuditEntry
from gospablik.orgs.models import Membership, Organization
from tests.security.conftest import client_for

BOARD = "/kuzbass-health-335/"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.GOSPABLIK_REQUIRE_2FA = True


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def test_it_sends_an_editor_without_a_device_to_enrol(komiac):
    response = client_for(komiac).get(BOARD)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/?next=%2Fkuzbass-health-335%2F"


def test_it_refuses_the_api_to_an_editor_without_a_device(komiac):
    response = client_for(komiac).get("/api/m/kuzbass-health-335/accounts/")
    assert response.status_code == 403


def test_it_lets_a_role_that_cannot_publish_in(legal):
    assert client_for(legal).get(BOARD).status_code == 200


def test_it_does_not_require_a_device_when_switched_off(settings, komiac):
    settings.GOSPABLIK_REQUIRE_2FA = False
    assert client_for(komiac).get(BOARD).status_code == 200


def test_the_enrolment_page_shows_a_qr_code_and_the_key(komiac):
    page = client_for(komiac).get("/accounts/2fa/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page)
    assert secret and len(secret.group(1).replace(" ", "")) == 32


def test_it_enrols_with_a_right_code_and_opens_the_pages(komiac):
    client = client_for(komiac)
    client.get("/accounts/2fa/")
    device = TOTPDevice.objects.get(user=komiac)
    response = client.post("/accounts/2fa/", {"token": code(device), "next": BOARD})
    assert response.status_code == 302 and response["Location"] == BOARD
    assert client.get(BOARD).status_code == 200
    assert AuditEntry.objects.filter(action="auth.2fa_enable", object_id=str(komiac.pk)).exists()


def test_it_refuses_a_wrong_code(komiac):
    client = client_for(komiac)
    client.get("/accounts/2fa/")
    response = client.post("/accounts/2fa/", {"token": "000000"})
    assert "Неверный код" in response.content.decode()
    assert not TOTPDevice.objects.get(user=komiac).confirmed
    assert AuditEntry.objects.filter(action="auth.2fa_failed").exists()


def test_it_asks_for_the_code_after_the_password(komiac):
    device = enrolled(komiac)
    client = client_for(komiac)
    response = client.get(BOARD)
    assert response["Location"].startswith("/accounts/2fa/verify/")
    client.post("/accounts/2fa/verify/", {"token": code(device), "next": BOARD})
    assert client.get(BOARD).status_code == 200


def test_an_enrolled_person_must_verify_even_when_not_required(settings, legal):
    settings.GOSPABLIK_REQUIRE_2FA = False
    enrolled(legal)
    assert client_for(legal).get(BOARD).status_code == 302


def test_it_does_not_redirect_to_another_site(komiac):
    device = enrolled(komiac)
    client = client_for(komiac)
    response = client.post(
        "/accounts/2fa/verify/", {"token": code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_removing_the_device_needs_a_verified_session_and_is_audited(komiac):
    device = enrolled(komiac)
    client = client_for(komiac)
    client.post("/accounts/2fa/disable/")
    assert TOTPDevice.objects.filter(user=komiac).exists()
    client.post("/accounts/2fa/verify/", {"token": code(device)})
    client.post("/accounts/2fa/disable/")
    assert not TOTPDevice.objects.filter(user=komiac).exists()
    assert AuditEntry.objects.filter(action="auth.2fa_remove").exists()


def test_the_login_page_stays_open(komiac):
    assert Client().get("/accounts/login/").status_code == 200


def test_the_security_officer_sees_who_lacks_the_second_factor(komiac, make_user, health):
    sec = make_user("sec", health, "komiac", "security_officer")
    enrolled(sec)
    page = client_for(sec)
    page.post("/accounts/2fa/verify/", {"token": code(TOTPDevice.objects.get(user=sec))})
    html = page.get("/kuzbass-health-335/security/people/").content.decode()
    assert "komiac" in html and 'badge red">нет' in html


def test_the_security_officer_resets_a_lost_app(komiac, make_user, health, settings):
    settings.GOSPABLIK_REQUIRE_2FA = False
    sec = make_user("sec", health, "komiac", "security_officer")
    enrolled(komiac)
    response = client_for(sec).post(f"/kuzbass-health-335/security/people/{komiac.pk}/reset-2fa/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=komiac).exists()
    entry = AuditEntry.objects.get(action="auth.2fa_remove")
    assert entry.actor == sec and entry.object_id == str(komiac.pk)


def test_a_reset_cannot_reach_another_ministry(foreign, make_user, health, settings):
    settings.GOSPABLIK_REQUIRE_2FA = False
    sec = make_user("sec", health, "komiac", "security_officer")
    enrolled(foreign)
    response = client_for(sec).post(f"/kuzbass-health-335/security/people/{foreign.pk}/reset-2fa/")
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=foreign).exists()


@pytest.mark.parametrize("where", ["inactive_here", "unprotected_here"])
def test_a_reset_needs_an_active_protected_role_in_the_officers_ministry(
    foreign, make_user, health, settings, where
):
    settings.GOSPABLIK_REQUIRE_2FA = False
    sec = make_user("sec", health, "komiac", "security_officer")
    org = Organization.objects.get(ministry=health, key="kuzdrav-legal")
    if where == "inactive_here":
        Membership.objects.create(user=foreign, organization=org, role="editor", is_active=False)
    else:
        Membership.objects.create(user=foreign, organization=org, role="legal")
    enrolled(foreign)
    response = client_for(sec).post(f"/kuzbass-health-335/security/people/{foreign.pk}/reset-2fa/")
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=foreign).exists()


def test_the_reset_entry_belongs_to_the_officers_ministry(komiac, make_user, health, settings):
    settings.GOSPABLIK_REQUIRE_2FA = False
    sec = make_user("sec", health, "komiac", "security_officer")
    enrolled(komiac)
    client_for(sec).post(f"/kuzbass-health-335/security/people/{komiac.pk}/reset-2fa/")
    entry = AuditEntry.objects.get(action="auth.2fa_reset")
    assert entry.ministry == health and entry.actor == sec
    assert entry.object_id == str(komiac.pk)


def test_the_seed_is_encrypted_at_rest_and_codes_still_verify(komiac):
    from django.db import connection

    device = enrolled(komiac)
    plain = device.bin_key.hex()
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM otp_totp_totpdevice WHERE id = %s", [device.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("s1:") and plain not in stored
    fresh = TOTPDevice.objects.get(pk=device.pk)
    assert fresh.bin_key.hex() == plain
    assert fresh.verify_token(code(fresh))


def test_vault_rotation_reseals_the_seeds(komiac, settings):
    from gospablik.security.vault import rotate_all

    device = enrolled(komiac)
    old = settings.ENCRYPTION_KEYS
    settings.ENCRYPTION_KEYS = f"a-brand-new-key,{old}"
    assert rotate_all().ok
    settings.ENCRYPTION_KEYS = "a-brand-new-key"  # the old key removed
    fresh = TOTPDevice.objects.get(pk=device.pk)
    assert fresh.verify_token(code(fresh))
