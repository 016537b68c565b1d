"""The ids and dates of a VK comment and of a Telegram message, replaced one at a time by a
hostile value, through the real webhook views: a clean 400 and nothing stored — never a 500,
never a value too long for the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from gospablik.networks.connections import TRANSPORT_OVERRIDES
from gospablik.networks.models import InboundEvent
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.telegram.emulator import make_app as telegram_app
from tests.security.test_webhook_fuzz import TG_BODY, VK_BODY, setups

HOSTILE = {
    "a dict": {"id": 1},
    "a list": [1],
    "beyond bigint": 10**30,
    "just beyond bigint": 2**63,
    "a 10,000-char string": "9" * 10_000,
    "NUL bytes": "12\x0034",
    "a float": 1.5,
    "a boolean": True,
    "non-ASCII digits": "٣",
}
NEGATIVE = {"negative": -5}

VK_FIELDS: dict[tuple[str, ...], bool] = {  # field -> may it be negative (a community's id is)
    ("object", "id"): False,
    ("object", "post_id"): False,
    ("object", "from_id"): True,
    ("object", "owner_id"): True,
    ("object", "date"): False,
    ("object", "reply_to_comment"): False,
}
TG_FIELDS: dict[tuple[str, ...], bool] = {
    ("update_id",): False,
    ("message", "message_id"): False,
    ("message", "chat", "id"): True,
    ("message", "from", "id"): False,
    ("message", "date"): False,
    ("message", "message_thread_id"): False,
    ("message", "reply_to_message", "message_id"): False,
    ("message", "reply_to_message", "forward_origin", "message_id"): False,
}


def cases(fields: dict[tuple[str, ...], bool]) -> list[tuple[tuple[str, ...], str, Any]]:
    found = []
    for path, signed in fields.items():
        values = HOSTILE if signed else HOSTILE | NEGATIVE
        found += [(path, name, value) for name, value in values.items()]
    return found


def replaced(template: dict[str, Any], path: tuple[str, ...], value: Any) -> str:
    body = json.loads(json.dumps(template))
    parent = body
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return json.dumps(body)


@pytest.fixture(autouse=True)
def telegram_network() -> Iterator[None]:
    TRANSPORT_OVERRIDES["telegram"] = emulator_transport(telegram_app())
    yield
    TRANSPORT_OVERRIDES.pop("telegram", None)


def post(network: str, body: str, all_setups: dict[str, Any]) -> int:
    _connection, url, _template, headers = all_setups[network]
    response = Client(raise_request_exception=False).post(
        url, body, content_type="application/json", **headers(body.encode())
    )
    return response.status_code


@pytest.mark.parametrize(("path", "name", "value"), cases(VK_FIELDS))
def test_vk_comment_with_a_hostile_id_is_refused(health, keeper, social, foreign, path, name,
                                                 value):  # fmt: skip
    all_setups = setups(health, keeper, social, foreign)
    assert post("vk", replaced(VK_BODY, path, value), all_setups) == 400
    assert not InboundEvent.objects.exists()


@pytest.mark.parametrize(("path", "name", "value"), cases(TG_FIELDS))
def test_telegram_comment_with_a_hostile_id_is_refused(health, keeper, social, foreign, path,
                                                       name, value):  # fmt: skip
    all_setups = setups(health, keeper, social, foreign)
    assert post("telegram", replaced(TG_BODY, path, value), all_setups) == 400
    assert not InboundEvent.objects.exists()


def test_real_payloads_still_pass(health, keeper, social, foreign):
    """A community's comment on its own wall (from_id negative) and Telegram's real ids."""
    all_setups = setups(health, keeper, social, foreign)
    community = replaced(VK_BODY, ("object", "from_id"), -219000077)
    assert post("vk", community, all_setups) == 200
    assert post("telegram", json.dumps(TG_BODY), all_setups) == 200
    assert InboundEvent.objects.count() == 2
