"""An editor enrols an authenticator app at the first login and enters a code at the next."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.oath import totp

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code(secret: str, drift: int = 0) -> str:
    raw = secret.replace(" ", "")
    key = b32decode(raw + "=" * (-len(raw) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=drift):06d}"


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_it_enrols_and_then_asks_for_a_code(settings, page, live_server, komiac):
    settings.GOSPABLIK_REQUIRE_2FA = True
    log_in(page, live_server, komiac)
    assert "/accounts/2fa/" in page.url
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1
    secret = page.inner_text("#totp-secret")
    page.fill("#id_token", code(secret))
    page.click("button[type=submit]")
    page.wait_for_url("**/kuzbass-health-335/")
    page.click("text=Выйти")
    log_in(page, live_server, komiac)
    assert "/accounts/2fa/verify/" in page.url
    page.fill("#id_token", code(secret, drift=1))  # the next 30-second code: each is used once
    page.click("button[type=submit]")
    page.wait_for_url("**/kuzbass-health-335/")
