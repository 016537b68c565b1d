"""API tokens: the second factor on every authentication path, scopes, expiry, revocation,
hashing at rest, and the audit of creation and use."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIRequestFactory, force_authenticate

from gospablik.api.views import MinistryList
from gospablik.audit.models import AuditEntry
from gospablik.security.apitokens import do_create_token
from gospablik.security.models import ApiToken
from gospablik.security.twofactor import do_disable
from tests.security.conftest import client_for
from tests.security.test_twofactor import code, enrolled

M = "kuzbass-health-335"
KEYS = f"/api/m/{M}/security/keys/"
POSTS = f"/api/m/{M}/content/posts/"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.GOSPABLIK_REQUIRE_2FA = True


def api(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def token_for(user, scope: str = "read", days: int = 30) -> str:
    return do_create_token(user, name="robot", scope=scope, days=days, actor=user)


def test_a_token_does_not_pass_by_the_missing_second_factor(sec, komiac):
    assert api(token_for(sec)).get(KEYS).status_code in (401, 403)
    assert api(token_for(komiac, "publish")).post(POSTS, {}).status_code in (401, 403)


def test_any_authentication_path_meets_the_same_rule(komiac, health):
    request = APIRequestFactory().get("/api/ministries/")
    force_authenticate(request, user=komiac)  # stands for an authentication added later
    assert MinistryList.as_view()(request).status_code == 403


def test_a_token_of_an_enrolled_person_works_within_its_scope(sec, komiac):
    enrolled(sec)
    enrolled(komiac)
    assert api(token_for(sec)).get(KEYS).status_code == 200
    assert api(token_for(komiac, "read")).post(POSTS, {}).status_code == 403
    assert api(token_for(komiac, "publish")).post(POSTS, {}).status_code == 400
    assert api(token_for(komiac, "moderate")).post(POSTS, {}).status_code == 403


def test_a_revoked_or_expired_token_is_refused(sec):
    enrolled(sec)
    key = token_for(sec, days=1)
    with time_machine.travel(timedelta(days=2)):
        assert api(key).get(KEYS).status_code in (401, 403)
    do_disable(sec)  # removing the app revokes its tokens
    assert ApiToken.objects.get().revoked_at is not None
    assert api(key).get(KEYS).status_code in (401, 403)
    assert api("gpk_" + "x" * 43).get(KEYS).status_code in (401, 403)
    assert Client(HTTP_AUTHORIZATION="Token \xff\xfe").get(KEYS).status_code in (401, 403)


def test_only_a_hash_is_stored_and_creation_and_use_are_audited(sec):
    enrolled(sec)
    key = token_for(sec)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM security_apitoken")
        assert key not in repr(cursor.fetchall())
    api(key).get(KEYS)
    api(key).get(KEYS)  # reads: one entry per interval
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    assert (
        AuditEntry.objects.filter(action="api_token.create", object_id=str(token.pk)).count() == 1
    )
    assert AuditEntry.objects.filter(action="api_token.use", object_id=str(token.pk)).count() == 1


def test_the_tokens_page_creates_a_token_after_a_fresh_code(sec):
    device = enrolled(sec)
    client = client_for(sec)
    client.post("/accounts/2fa/verify/", {"token": code(device)})
    assert client.get("/accounts/tokens/").status_code == 200
    refused = client.post(
        "/accounts/tokens/", {"name": "n", "scope": "read", "days": 5, "token": "000000"}
    )
    assert "Неверный код" in refused.content.decode() and not ApiToken.objects.exists()
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    page = client.post(
        "/accounts/tokens/", {"name": "n", "scope": "read", "days": 5, "token": code(device)}
    ).content.decode()
    key = re.search(r'id="new-token">([^<]+)<', page).group(1)
    assert api(key).get(KEYS).status_code == 200
    assert key not in client.get("/accounts/tokens/").content.decode()  # shown once
    token = ApiToken.objects.get()
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert api(key).get(KEYS).status_code in (401, 403)


def test_the_tokens_page_needs_a_verified_session(sec):
    enrolled(sec)
    response = client_for(sec).get("/accounts/tokens/")
    assert response.status_code == 302 and "/accounts/2fa/verify/" in response["Location"]


def test_the_console_command_leaves_an_audit_entry(sec, capsys):
    call_command("token", "create", "sec", "--scope", "read")
    key = capsys.readouterr().out.strip()
    assert key.startswith("gpk_")
    entry = AuditEntry.objects.get(action="api_token.create")
    assert entry.actor is None and entry.actor_repr.startswith("консоль")
