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


def login(address: str, password: str) -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post("/accounts/login/", {"username": "komiac", "password": password}).status_code


def test_five_failures_at_one_address_do_not_lock_the_person_out_elsewhere(komiac):
    """The trade-off: a stranger typing wrong passwords for a colleague's login locks it
    at the stranger's address only."""
    for _ in range(5):
        login("10.0.0.66", "wrong")
    assert login("10.0.0.66", PASSWORD) == 429
    assert login("10.0.5.5", PASSWORD) == 302


def test_spraying_from_many_addresses_locks_the_username_at_new_addresses(settings, komiac):
    for n in range(settings.GOSPABLIK_LOGIN_USERNAME_LIMIT):
        login(f"10.0.{n // 4}.{n % 4 + 1}", "wrong")  # 4 an address, under the per-address limit
    assert login("10.0.9.9", PASSWORD) == 429


def test_the_person_still_gets_in_from_an_address_they_logged_in_from(settings, komiac):
    assert login("10.0.5.5", PASSWORD) == 302  # the person's workplace
    for n in range(settings.GOSPABLIK_LOGIN_USERNAME_LIMIT):
        login(f"10.0.{n // 4}.{n % 4 + 1}", "wrong")
    assert login("10.0.9.9", PASSWORD) == 429
    assert login("10.0.5.5", PASSWORD) == 302


def test_an_id_beyond_any_integer_column_is_not_found(sec):
    """Found by the URL guard's hostile ids: the 2FA reset looked the person up with an id
    no database integer holds and answered 500."""
    client = client_for(sec)
    client.raise_request_exception = False
    huge = "99999999999999999999"
    response = client.post(f"/kuzbass-health-335/security/people/{huge}/reset-2fa/")
    assert response.status_code == 404
    assert client.get(f"/kuzbass-health-335/registry/{huge}/").status_code == 404


def test_a_nul_character_in_the_query_is_a_bad_request(sec):
    """Found by the URL guard on PostgreSQL: a filter with a NUL character failed in the
    driver (text cannot hold it) and the content plan and the inbox answered 500."""
    client = client_for(sec)
    client.raise_request_exception = False
    for url in (
        "/kuzbass-health-335/content/?network=%00",
        "/kuzbass-health-335/registry/?q=a%00b",
    ):
        response = client.get(url)
        assert response.status_code == 400
        assert "Недопустимый символ" in response.content.decode()
    assert client.get("/kuzbass-health-335/registry/?q=ab").status_code == 200
    api = client.get("/api/m/kuzbass-health-335/duties/?status=%00")
    assert api.status_code == 400 and "Недопустимый символ" in api.json()["detail"]


def test_a_media_row_without_its_file_is_not_found(komiac, health):
    """Found by the URL guard in the full suite: the file was gone, the page answered 500."""
    from gospablik.content.actions import do_create_post
    from gospablik.content.attachments import do_attach_media
    from gospablik.web.demo_records import png

    post = do_create_post(health, {"format": "text", "text": "Афиша"}, [], actor=komiac)
    media = do_attach_media(post, "a.png", png(), alt="", actor=komiac)
    media.file.storage.delete(media.file.name)
    client = client_for(komiac)
    client.raise_request_exception = False
    assert client.get(f"/kuzbass-health-335/content/media/{media.pk}/").status_code == 404
