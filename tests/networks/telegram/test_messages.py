"""Private messages to the bot: intake as ``message_new`` and answers with ``sendMessage``."""

from __future__ import annotations

import pytest

from gospablik.networks.base import Capability, ConnectorError
from gospablik.networks.telegram.events import update_events


def test_it_declares_sending_private_messages(connector):
    assert Capability.SEND_MESSAGE in connector.capabilities


def test_a_private_message_becomes_message_new(connector, emulator):
    sent = emulator.state.write_to_bot("Где получить справку?")
    events, _ = connector.poll_events()
    [event] = [e for e in events if e.kind == "message_new"]
    message = event.payload["message"]
    assert message["id"] == f"{sent['from']['id']}:{sent['message_id']}"
    assert message["from_id"] == str(sent["from"]["id"]) and message["text"] == sent["text"]
    assert message["date"] == sent["date"]


def test_talk_in_the_discussion_group_is_not_a_private_message(emulator):
    update = {"update_id": 1, "message": {"message_id": 3, "date": 0, "text": "Всем привет",
              "chat": {"id": -100, "type": "supergroup"}, "from": {"id": 5}}}  # fmt: skip
    assert update_events(update) == []


def test_it_answers_in_the_private_chat(connector, emulator):
    sent = emulator.state.write_to_bot("Вопрос")
    user_id = sent["from"]["id"]
    message_id = connector.send_message(str(user_id), "Ответ", "k1")
    [answer] = emulator.state.answers(user_id)
    assert answer["text"] == "Ответ" and message_id == f"{user_id}:{answer['message_id']}"


def test_a_person_who_blocked_the_bot_is_refused_plainly(connector, emulator):
    user_id = emulator.state.write_to_bot("Вопрос")["from"]["id"]
    emulator.state.block_bot(user_id)
    with pytest.raises(ConnectorError) as caught:
        connector.send_message(str(user_id), "Ответ", "k1")
    assert caught.value.permanent and caught.value.code == 403
    assert "заблокировал бота" in caught.value.message
    assert emulator.state.answers(user_id) == []


def test_a_person_who_never_wrote_cannot_be_written_to(connector, emulator):
    user = emulator.state.new_user()
    with pytest.raises(ConnectorError) as caught:
        connector.send_message(str(user["id"]), "Ответ", "k1")
    assert "не начинал диалог" in caught.value.message


def test_an_unknown_chat_is_refused(connector):
    with pytest.raises(ConnectorError) as caught:
        connector.send_message("999", "Ответ", "k1")
    assert caught.value.code == 400 and "не найден" in caught.value.message
