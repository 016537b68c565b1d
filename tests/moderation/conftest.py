"""Moderation fixtures: a moderator persona, texts, an OK group connected for polling.

Texts were chosen against the shipped classifier under the order-000 policy thresholds:
OBSCENE is deleted automatically, BORDERLINE goes to review, CLEAN is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from gospablik.orgs.models import Ministry
from tests.conftest import PASSWORD, VK_CALLBACK_SECRET, VK_GROUP

OBSCENE = "Иди нахуй, хуй тебе а не льготы"
BORDERLINE = "тупые чиновники"
CLEAN = "Подскажите, где получить справку для льготы?"
POST = 3  # a post of the emulator's demo community 219000001
AUTHOR = 200
OK_GID = "70000000000001"


@pytest.fixture
def moderator(make_user: Callable[..., Any], health: Ministry) -> Any:
    return make_user("moderator", health, "komiac", "moderator")


def client_for(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def callback_body(comment_id: int, text: str, event_id: str, kind: str = "wall_reply_new") -> bytes:
    """A Callback request as VK sends it (for replays and out-of-order deliveries)."""
    body = {
        "type": kind,
        "group_id": VK_GROUP,
        "event_id": event_id,
        "v": "5.199",
        "secret": VK_CALLBACK_SECRET,
        "object": {"id": comment_id, "from_id": AUTHOR, "post_id": POST,
                   "owner_id": -VK_GROUP, "date": 1700000000, "text": text},
    }  # fmt: skip
    return json.dumps(body, ensure_ascii=False).encode()


def post_callback(account: Any, body: bytes) -> str:
    response = Client().post(
        f"/hooks/vk/{account.connection.pk}/", body, content_type="application/json"
    )
    return response.content.decode()


@pytest.fixture
def ok_emulator() -> Iterator[Any]:
    from gospablik.networks.connections import TRANSPORT_OVERRIDES
    from gospablik_emulators.emulation import emulator_transport
    from gospablik_emulators.ok.emulator import make_app

    emulator = make_app()
    TRANSPORT_OVERRIDES["ok"] = emulator_transport(emulator)
    yield emulator
    TRANSPORT_OVERRIDES.pop("ok", None)


@pytest.fixture
def ok_account(health: Ministry, keeper: Any, ok_emulator: Any) -> Any:
    from gospablik.networks.connections import do_connect_account
    from tests.foundation.factories import register

    account = register(
        health, keeper, network="ok", url="https://ok.ru/group/70000000000001", network_id=OK_GID
    )
    do_connect_account(
        account,
        {"group_id": OK_GID},
        {"application_key": "CBAOKDEMOAPPKEY", "application_secret_key": "ok-demo-secret",
         "access_token": "ok-demo-access-token"},
        actor=keeper,
    )  # fmt: skip
    return account
