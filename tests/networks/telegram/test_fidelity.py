"""Bot API objects as the current Bot API defines them (https://core.telegram.org/bots/api):
what python-telegram-bot and aiogram refuse to parse when a required field is missing."""

from __future__ import annotations

import http.client
import json

import httpx
import pytest

from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.server import serve_in_thread
from gospablik_emulators.telegram.world import CHANNEL_ID, DEMO_TOKEN, GROUP_ID


@pytest.fixture
def bot(emulator):
    client = httpx.Client(
        transport=emulator_transport(emulator), base_url="https://api.telegram.org"
    )

    def call(method: str, **params: object) -> dict:
        return client.post(f"/bot{DEMO_TOKEN}/{method}", json=params).json()

    return call


def test_a_poll_has_the_fields_of_bot_api_9_6_and_10(bot):
    sent = bot("sendPoll", chat_id=CHANNEL_ID, question="Удобно?", options=[{"text": "Да"}, "Нет"])
    poll = sent["result"]["poll"]
    assert [o["persistent_id"] for o in poll["options"]] == ["0", "1"]
    assert (poll["allows_revoting"], poll["members_only"]) == (True, False)


def test_get_updates_carries_the_forwarded_poll(bot):
    bot("sendPoll", chat_id=CHANNEL_ID, question="Удобно?", options=["Да", "Нет"])
    (update,) = bot("getUpdates")["result"]
    assert update["message"]["is_automatic_forward"]
    assert update["message"]["poll"]["options"][0]["persistent_id"] == "0"


def test_edit_message_text_changes_a_post_once(bot):
    post = bot("sendMessage", chat_id=CHANNEL_ID, text="Черновик")["result"]
    edited = bot("editMessageText", chat_id=CHANNEL_ID, message_id=post["message_id"], text="Итог")
    again = bot("editMessageText", chat_id=CHANNEL_ID, message_id=post["message_id"], text="Итог")
    assert edited["result"]["text"] == "Итог" and "edit_date" in edited["result"]
    assert again["error_code"] == 400 and "message is not modified" in again["description"]
    missing = bot("editMessageText", chat_id=CHANNEL_ID, message_id=999, text="x")
    assert missing["description"] == "Bad Request: message to edit not found"


def test_send_document_keeps_the_file_name(emulator):
    client = httpx.Client(
        transport=emulator_transport(emulator), base_url="https://api.telegram.org"
    )
    answer = client.post(
        f"/bot{DEMO_TOKEN}/sendDocument",
        data={"chat_id": str(CHANNEL_ID), "caption": "Приказ"},
        files={"document": ("prikaz.pdf", b"%PDF-1.4", "application/pdf")},
    ).json()
    document = answer["result"]["document"]
    assert (document["file_name"], document["mime_type"], document["file_size"]) == (
        "prikaz.pdf",
        "application/pdf",
        8,
    )
    assert answer["result"]["caption"] == "Приказ"


def test_get_chat_lists_every_accepted_gift_type(bot):
    gifts = bot("getChat", chat_id=GROUP_ID)["result"]["accepted_gift_types"]
    assert gifts["gifts_from_channels"] is False and len(gifts) == 5


def test_a_chunked_body_reaches_a_served_emulator():
    server = serve_in_thread("telegram", 0)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=5)
        body = json.dumps({"chat_id": CHANNEL_ID, "text": "По частям"}).encode()
        connection.request(
            "POST",
            f"/bot{DEMO_TOKEN}/sendMessage",
            body=iter([body[:7], body[7:]]),
            headers={"Content-Type": "application/json"},
            encode_chunked=True,
        )
        answer = json.loads(connection.getresponse().read())
    finally:
        server.shutdown()
        server.server_close()
    assert answer["ok"] and answer["result"]["text"] == "По частям"
