"""A person's dialog with the bot: ``message_created`` (dialog) → ``message_new``; the
answer goes with ``POST /messages?user_id=``."""

from __future__ import annotations

import json

import pytest

from gospablik.networks.base import Capability, ConnectorError
from gospablik.networks.max.events import SECRET_HEADER


def test_it_declares_sending_private_messages(connector):
    assert Capability.SEND_MESSAGE in connector.capabilities


def test_a_dialog_message_becomes_message_new(connector, emulator):
    sent = emulator.state.write_to_bot("Где получить справку?")
    events, _ = connector.poll_events()
    [event] = events
    message = event.payload["message"]
    assert event.kind == "message_new" and message["id"] == sent["body"]["mid"]
    assert message["from_id"] == str(sent["sender"]["user_id"])
    assert message["text"] == "Где получить справку?"
    assert message["date"] == sent["timestamp"] // 1000


def test_a_pushed_dialog_message_is_parsed(connector, emulator):
    received = []
    emulator.push.sender = lambda url, body, headers: received.append((body, headers)) or (200, "")
    connector.register_webhook("https://gospablik.example/hooks/max")
    emulator.state.write_to_bot("Вопрос")
    [(body, headers)] = received
    assert headers[SECRET_HEADER] == "s3cret_token"
    assert json.loads(body)["message"]["recipient"]["chat_type"] == "dialog"
    assert [e.kind for e in connector.parse_webhook(body, headers)] == ["message_new"]


def test_it_answers_in_the_dialog(connector, emulator):
    user_id = emulator.state.write_to_bot("Вопрос")["sender"]["user_id"]
    mid = connector.send_message(str(user_id), "Ответ", "k1")
    [answer] = emulator.state.answers(user_id)
    assert answer["body"]["text"] == "Ответ" and answer["body"]["mid"] == mid
    assert answer["recipient"] == {"chat_id": emulator.state.dialogs[user_id]["chat_id"],
                                   "chat_type": "dialog", "user_id": user_id}  # fmt: skip


def test_a_person_who_stopped_the_bot_is_refused_plainly(connector, emulator):
    user_id = emulator.state.write_to_bot("Вопрос")["sender"]["user_id"]
    emulator.state.stop_bot(user_id)
    with pytest.raises(ConnectorError) as caught:
        connector.send_message(str(user_id), "Ответ", "k1")
    assert caught.value.permanent and caught.value.code == 403
    assert "не начинал диалог" in caught.value.message
    assert emulator.state.answers(user_id) == []


def test_a_person_who_never_wrote_cannot_be_written_to(connector):
    with pytest.raises(ConnectorError) as caught:
        connector.send_message("500000999", "Ответ", "k1")
    assert caught.value.code == 403
