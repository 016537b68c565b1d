"""The emulator answers in the shapes of the official client's fixtures."""

from __future__ import annotations

import httpx

from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.max.world import CHANNEL_ID, DEMO_TOKEN

from ..conftest import unlike
from .conftest import fixture


def client(emulator, token=DEMO_TOKEN):
    return httpx.Client(
        transport=emulator_transport(emulator),
        base_url="https://platform-api2.max.ru",
        headers={"Authorization": token},
    )


def test_it_answers_a_bad_token_like_max(emulator):
    answer = client(emulator, "bad").get("/me")
    assert (answer.status_code, answer.json()) == (401, fixture("error_invalid_token.json"))


def test_it_answers_send_message_like_max(emulator):
    answer = client(emulator).post("/messages", params={"chat_id": CHANNEL_ID}, json={"text": "Т"})
    assert unlike(fixture("send_message_result.json"), answer.json()) == []


def test_it_refuses_an_unready_attachment_like_max(emulator):
    body = {"text": "Т", "attachments": [{"type": "video", "payload": {"token": "nope"}}]}
    answer = client(emulator).post("/messages", params={"chat_id": CHANNEL_ID}, json=body)
    assert (answer.status_code, answer.json()) == (400, fixture("error_attachment_not_ready.json"))


def test_it_answers_get_chat_like_max(emulator):
    answer = client(emulator).get(f"/chats/{CHANNEL_ID}").json()
    assert unlike(fixture("get_chat.json"), answer) == []


def test_it_answers_admins_like_max(emulator):
    answer = client(emulator).get(f"/chats/{CHANNEL_ID}/members/admins").json()
    assert unlike(fixture("get_admins.json"), answer) == []


def test_it_delivers_comment_updates_like_max(emulator):
    api = client(emulator)
    mid = api.post("/messages", params={"chat_id": CHANNEL_ID}, json={"text": "Т"}).json()
    emulator.state.add_comment(mid["message"]["body"]["mid"], "Комментарий")
    answer = api.get("/updates").json()
    assert unlike(fixture("update_comment_created.json"), answer) == []
