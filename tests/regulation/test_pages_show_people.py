"""History and audit pages show labels, names, phrases and local times, not records."""

from __future__ import annotations

import re
from datetime import date

import time_machine

from tests.foundation.factories import register


def visible(html: bytes) -> str:
    """The text a person sees (tags and attribute values removed)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def test_the_audit_page_speaks_in_phrases_and_names(client, health, keeper, head):
    with time_machine.travel("2025-03-03 05:00:00+00:00", tick=False):  # 12:00 in Kemerovo
        register(health, keeper, title="Минздрав ВКонтакте", created_on=date(2025, 3, 3))
    client.force_login(head)
    page = visible(client.get(f"/{health.key}/audit/").content)
    assert "Аккаунт зарегистрирован" in page and "account.register" not in page
    assert "Ответственная организация" in page and "ГАУЗ «КОМИАЦ им. Р.М. Зельковича»" in page
    assert "responsible_org" not in page
    assert "03.03.2025 12:00" in page  # the ministry's time, not UTC


def test_the_audit_page_filters_by_action(client, health, keeper, head):
    register(health, keeper, title="Минздрав ВКонтакте", created_on=date(2025, 3, 3))
    client.force_login(head)
    page = client.get(f"/{health.key}/audit/", {"action": "duty.open"}).content.decode()
    assert "Обязанность открыта" in page and "<td>Аккаунт зарегистрирован</td>" not in page


def test_the_integrity_button_runs_the_chain_verification(client, health, keeper, head):
    register(health, keeper, created_on=date(2025, 3, 3))
    client.force_login(head)
    response = client.post(f"/{health.key}/audit/verify/", follow=True)
    assert "Цепочка журнала цела" in response.content.decode()


def test_the_account_history_shows_phrases(client, health, keeper):
    account = register(health, keeper, created_on=date(2025, 3, 3))
    client.force_login(keeper)
    page = visible(client.get(f"/{health.key}/registry/{account.pk}/").content)
    assert "Аккаунт зарегистрирован" in page and "account.register" not in page
