"""Login lockout (django-axes) and the audit of logins, failures and lockouts."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from gospablik.audit.models import AuditEntry
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"


def attempt(client: Client, username: str, password: str) -> int:
    response = client.post(LOGIN, {"username": username, "password": password})
    return response.status_code


def test_it_audits_a_login_and_a_logout(komiac):
    client = Client()
    assert attempt(client, "komiac", PASSWORD) == 302
    client.post("/accounts/logout/")
    actions = list(
        AuditEntry.objects.filter(object_type="auth.user").values_list("action", flat=True)
    )
    assert actions == ["auth.login", "auth.logout"]


def test_it_audits_a_failed_login_without_the_password(komiac):
    assert attempt(Client(), "komiac", "wrong-password") == 200
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.object_repr == "komiac" and entry.after["ip"] == "127.0.0.1"
    assert "wrong-password" not in str(entry.after)


def test_it_locks_out_after_five_failures(komiac):
    client = Client()
    for _ in range(5):
        attempt(client, "komiac", "wrong")
    response = client.post(LOGIN, {"username": "komiac", "password": PASSWORD})
    assert response.status_code == 429
    assert "Вход временно заблокирован" in response.content.decode()
    assert AuditEntry.objects.filter(action="auth.lockout").exists()


def test_the_lockout_does_not_touch_other_people(komiac, keeper):
    client = Client()
    for _ in range(5):
        attempt(client, "komiac", "wrong")
    assert attempt(client, "keeper", PASSWORD) == 302


def test_the_lockout_ends_after_an_hour(komiac):
    client = Client()
    for _ in range(5):
        attempt(client, "komiac", "wrong")
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert attempt(client, "komiac", PASSWORD) == 302


def test_a_success_resets_the_count(komiac):
    client = Client()
    for _ in range(4):
        attempt(client, "komiac", "wrong")
    assert attempt(client, "komiac", PASSWORD) == 302
    for _ in range(4):
        attempt(Client(), "komiac", "wrong")
    assert attempt(Client(), "komiac", PASSWORD) == 302


def test_it_audits_membership_changes(komiac):
    membership = komiac.memberships.get()
    membership.role = "moderator"
    membership.save()
    entry = AuditEntry.objects.filter(action="membership.save").last()
    assert (entry.before["role"], entry.after["role"]) == ("editor", "moderator")


def test_it_audits_a_new_superuser(komiac):
    komiac.is_superuser = True
    komiac.save()
    entry = AuditEntry.objects.get(action="user.permissions")
    assert entry.before["is_superuser"] is False and entry.after["is_superuser"] is True
