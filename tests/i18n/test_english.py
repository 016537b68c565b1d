"""The UI is Russian by default and English when the language cookie says so."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from tests.conftest import HEALTH, PASSWORD

REGISTRY = f"/{HEALTH}/registry/"


@pytest.fixture
def client_keeper(keeper: Any, settings: Any) -> Client:
    settings.GOSPABLIK_REQUIRE_2FA = False  # the second factor has its own tests
    client = Client()
    assert client.login(username=keeper.username, password=PASSWORD)
    return client


def test_it_shows_the_registry_in_russian_by_default(client_keeper: Client) -> None:
    page = client_keeper.get(REGISTRY).content.decode()
    assert "Реестр аккаунтов" in page
    assert "Account registry" not in page


def test_it_shows_the_registry_in_english_with_the_cookie(client_keeper: Client) -> None:
    client_keeper.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client_keeper.get(REGISTRY)
    page = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert "Account registry" in page
    assert "Реестр аккаунтов" not in page


def test_it_translates_plurals_and_placeholders() -> None:
    with translation.override("en"):
        one = translation.ngettext("и ещё %(n)s замечание", "и ещё %(n)s замечаний", 1)
        many = translation.ngettext("и ещё %(n)s замечание", "и ещё %(n)s замечаний", 3)
    assert one % {"n": 1} == "and 1 more remark"
    assert many % {"n": 3} == "and 3 more remarks"
