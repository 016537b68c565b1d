"""Every security page and endpoint for every role: heads and security officers see,
only the security officer of the organization with the `security` function changes,
others get 403, another ministry and strangers 404, anonymous users go to login."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from gospablik.security.actions import do_allow_admin
from gospablik.security.alerts import do_raise_alerts
from gospablik.security.changes import Change
from gospablik.security.models import Credential
from tests.security.conftest import client_for

M = "kuzbass-health-335"
READ = [
    "/{m}/security/",
    "/{m}/security/accounts/{a}/",
    "/{m}/security/accounts/{a}/keys/",
    "/{m}/security/alerts/",
    "/{m}/security/alerts/{al}/",
    "/{m}/security/audit/",
    "/{m}/security/audit/?fmt=csv",
    "/{m}/security/people/",
    "/api/m/{m}/security/alerts/",
    "/api/m/{m}/security/alerts/{al}/",
    "/api/m/{m}/security/posture/",
    "/api/m/{m}/security/keys/",
]
MANAGE = [
    ("post", "/{m}/security/accounts/{a}/posture/", {"owner_2fa": "yes"}),
    (
        "post",
        "/{m}/security/accounts/{a}/admins/",
        {"network_user_id": "5", "name": "x", "role": "editor"},
    ),
    ("post", "/{m}/security/accounts/{a}/admins/{ad}/delete/", {}),
    ("post", "/{m}/security/accounts/{a}/snapshot/", {}),
    ("get", "/{m}/security/keys/{k}/", {}),
    ("post", "/{m}/security/keys/{k}/", {"scope": "wall"}),
    ("post", "/{m}/security/alerts/{al}/", {"outcome": "legit", "resolution": "ok"}),
    ("post", "/{m}/security/people/{u}/reset-2fa/", {}),
    ("post", "/api/m/{m}/security/alerts/{al}/resolve/", {"outcome": "legit", "resolution": "ok"}),
]


@pytest.fixture
def world(connection, sec):
    account = connection.account
    admin = do_allow_admin(account, user_id="100", name="Анна", role="creator", actor=sec)
    change = Change("title", "high", "title:x", "Изменено название", {"after": "x"})
    alert = do_raise_alerts(account, [change], source="snapshot", since=timezone.now())[0]
    key = Credential.objects.filter(connection=connection).first()
    return {"m": M, "a": account.pk, "al": alert.pk, "ad": admin.pk, "k": key.pk, "u": sec.pk}


def call(client: Client, method: str, url: str, data: dict) -> int:
    return getattr(client, method)(url, data).status_code


@pytest.mark.parametrize("url", READ)
def test_heads_and_security_officers_see(world, head, sec, url):
    for user in (head, sec):
        assert client_for(user).get(url.format(**world)).status_code == 200


@pytest.mark.parametrize("url", READ)
def test_an_editor_of_the_operator_does_not_see(world, komiac, url):
    assert client_for(komiac).get(url.format(**world)).status_code == 403


@pytest.mark.parametrize("url", READ)
def test_another_ministry_gets_nothing(world, foreign, outsider, url):
    for user in (foreign, outsider):
        response = client_for(user).get(url.format(**world))
        assert response.status_code == 404
        assert "Министерство здравоохранения Кузбасса" not in response.content.decode()


@pytest.mark.parametrize("url", READ)
def test_anonymous_users_go_to_login(world, url):
    response = Client().get(url.format(**world))
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("method", "url", "data"), MANAGE)
def test_a_head_cannot_change_security_records(world, head, method, url, data):
    assert call(client_for(head), method, url.format(**world), data) == 403


@pytest.mark.parametrize(("method", "url", "data"), MANAGE)
def test_others_cannot_change_security_records(world, komiac, foreign, method, url, data):
    assert call(client_for(komiac), method, url.format(**world), data) == 403
    assert call(client_for(foreign), method, url.format(**world), data) == 404


@pytest.mark.parametrize(("method", "url", "data"), MANAGE)
def test_the_security_officer_can(world, sec, method, url, data):
    assert call(client_for(sec), method, url.format(**world), data) in (200, 302)


def test_a_security_officer_of_another_ministry_sees_nothing_here(world, make_user, social):
    other = make_user("csvi_sec", social, "csvi", "security_officer")
    assert client_for(other).get(f"/{M}/security/").status_code == 404
    assert client_for(other).get("/kuzbass-social-protection-draft/security/").status_code == 200
