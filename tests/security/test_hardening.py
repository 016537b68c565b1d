"""Hardening: HSTS and no-store in production, a CSP on the API docs, the schema behind
the login in production, a lockout per username across addresses."""

from __future__ import annotations

import importlib

from django.test import Client

from tests.conftest import PASSWORD
from tests.security.conftest import client_for


def test_authenticated_pages_are_not_stored_in_production(settings, komiac):
    settings.GOSPABLIK_NO_STORE = True
    response = client_for(komiac).get("/kuzbass-health-335/")
    assert "no-store" in response["Cache-Control"]


def test_production_settings_send_hsts_and_hide_the_schema(monkeypatch):
    monkeypatch.setenv("GOSPABLIK_ENV", "production")
    for name in ("GOSPABLIK_SECRET_KEY", "GOSPABLIK_ENCRYPTION_KEYS", "GOSPABLIK_AUDIT_KEYS"):
        monkeypatch.setenv(name, "x" * 50)
    from gospablik import settings as module

    production = importlib.reload(module)
    try:
        assert production.SECURE_HSTS_SECONDS >= 31536000
        assert production.GOSPABLIK_NO_STORE
        assert production.GOSPABLIK_API_DOCS_LOGIN
    finally:
        monkeypatch.undo()
        importlib.reload(module)


def test_the_api_docs_have_a_csp_without_inline_script(health):
    response = Client().get("/api/docs/")
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert b"<script>" not in response.content.replace(b" ", b"")


def test_the_schema_and_docs_need_a_login_when_so_configured(settings, komiac):
    settings.GOSPABLIK_API_DOCS_LOGIN = True
    assert Client().get("/api/schema/").status_code in (401, 403)
    assert Client().get("/api/docs/").status_code in (401, 403)
    assert client_for(komiac).get("/api/schema/").status_code == 200


def test_failures_from_many_addresses_lock_the_username(komiac):
    for n in range(5):
        Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post(
            "/accounts/login/", {"username": "komiac", "password": "wrong"}
        )
    fresh = Client(REMOTE_ADDR="10.0.9.9")
    response = fresh.post("/accounts/login/", {"username": "komiac", "password": PASSWORD})
    assert response.status_code == 429


def test_an_id_beyond_any_integer_column_is_not_found(sec):
    """Found by the URL guard's hostile ids: the 2FA reset looked the person up with an id
    no database integer holds and answered 500."""
    client = client_for(sec)
    client.raise_request_exception = False
    huge = "99999999999999999999"
    response = client.post(f"/kuzbass-health-335/security/people/{huge}/reset-2fa/")
    assert response.status_code == 404
    assert client.get(f"/kuzbass-health-335/registry/{huge}/").status_code == 404
