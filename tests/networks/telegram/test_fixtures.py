"""The emulator answers in the shapes of the real payloads kept in fixtures/."""

from __future__ import annotations

import httpx

from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.telegram.world import DEMO_TOKEN

from ..conftest import unlike
from .conftest import fixture

CHANNEL = "@minzdrav_kuzbass_demo"


def call(emulator, method, token=DEMO_TOKEN, **params):
    client = httpx.Client(
        transport=emulator_transport(emulator), base_url="https://api.telegram.org"
    )
    return client.post(f"/bot{token}/{method}", json=params)


def test_it_answers_send_message_like_telegram(emulator):
    answer = call(emulator, "sendMessage", chat_id=CHANNEL, text="Текст").json()
    assert unlike(fixture("send_message_result.json"), answer) == []


def test_it_answers_get_chat_like_telegram(emulator):
    answer = call(emulator, "getChat", chat_id=CHANNEL).json()
    assert unlike(fixture("get_chat_channel.json"), answer) == []


def test_it_delivers_auto_forwards_and_comments_like_telegram(emulator):
    call(emulator, "sendMessage", chat_id=CHANNEL, text="Текст")
    emulator.state.add_comment(1, "Комментарий")
    forward, comment = call(emulator, "getUpdates").json()["result"]
    assert unlike(fixture("automatic_forward_update.json"), forward) == []
    assert unlike(fixture("comment_update.json"), comment) == []


def test_it_delivers_admin_posts_like_telegram(emulator):
    emulator.state.post_as_admin("Пост вручную")
    update = call(emulator, "getUpdates").json()["result"][0]
    assert unlike(fixture("channel_post_update.json"), update) == []


def test_it_answers_flood_control_like_telegram(emulator):
    emulator.faults.push("rate_limit", retry_after=35)
    answer = call(emulator, "getMe")
    assert answer.status_code == 429
    assert answer.json() == fixture("error_flood.json")


def test_it_answers_a_bad_token_like_telegram(emulator):
    answer = call(emulator, "getMe", token="1:bad")
    assert (answer.status_code, answer.json()) == (401, fixture("error_unauthorized.json"))
