"""Hostile policy YAML (an alias bomb, deep nesting, a huge text) is refused at once with a
clear message, on the API and on the edit page, which keeps the text."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.conftest import PASSWORD

from gospablik.policy.loader import PolicyError, load_policy_text
from gospablik.policy.models import PolicyVersion
from gospablik.policy.store import current_version

M = "kuzbass-health-335"


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


NESTED = "key: " + "[" * 5000 + "]" * 5000 + "\n"
HOSTILE = {
    "alias_bomb": alias_bomb(),
    "nested": NESTED,
    "huge": "comment: '" + "x" * 600_000 + "'\n",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_loader_refuses_hostile_yaml_with_a_clear_message(name):
    with pytest.raises(PolicyError) as caught:
        load_policy_text(HOSTILE[name], "hostile.yaml")
    assert "слишком" in str(caught.value)


def login(user) -> Client:
    client = Client(raise_request_exception=False)
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("name", ["alias_bomb", "nested"])
def test_the_api_answers_400(health, head, name):
    response = login(head).post(
        f"/api/m/{M}/policy/",
        {"text": current_version(health).text + HOSTILE[name], "comment": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "слишком" in str(response.json()["text"])
    assert PolicyVersion.objects.filter(ministry=health).count() == 1


@pytest.mark.parametrize("name", ["alias_bomb", "nested"])
def test_the_edit_page_shows_the_message_and_keeps_the_text(health, head, name):
    text = current_version(health).text + HOSTILE[name]
    response = login(head).post(f"/{M}/policy/edit/", {"text": text, "comment": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "слишком" in html
    assert HOSTILE[name].splitlines()[0].replace("&", "&amp;").replace('"', "&quot;") in html
    assert PolicyVersion.objects.filter(ministry=health).count() == 1
