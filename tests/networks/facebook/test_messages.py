"""Messenger: a person's message arrives as a ``messaging`` webhook entry (→ message_new);
the Page answers with the Send API inside the 24-hour window."""

from __future__ import annotations

import pytest

from gospablik.networks.base import Capability, ConnectorError

PSID = "7000000000000001"


def pushed(connector, emulator):
    received = []
    emulator.push.sender = lambda url, body, headers: received.append((body, headers)) or (200, "")
    emulator.state.callback_url = "https://gospablik.example/hooks/facebook"
    return lambda: [e for body, headers in received for e in connector.parse_webhook(body, headers)]


def test_it_declares_sending_private_messages(connector):
    assert Capability.SEND_MESSAGE in connector.capabilities


def test_a_message_to_the_page_becomes_message_new(connector, emulator):
    events = pushed(connector, emulator)
    sent = emulator.state.write_to_page("Где получить справку?", PSID)
    [event] = events()
    assert event.kind == "message_new" and event.community_id == emulator.state.page["id"]
    assert event.payload["message"]["id"] == sent["mid"]
    assert event.payload["message"]["from_id"] == PSID
    assert event.payload["message"]["text"] == "Где получить справку?"


def test_it_answers_with_the_send_api_and_skips_the_echo(connector, emulator):
    events = pushed(connector, emulator)
    emulator.state.write_to_page("Вопрос", PSID)
    message_id = connector.send_message(PSID, "Ответ", "k1")
    assert [(m["mid"], m["text"]) for m in emulator.state.inbox.answers(PSID)] == [
        (message_id, "Ответ")
    ]
    assert [e.kind for e in events()] == ["message_new"]  # the echo of our answer is skipped


def test_an_unknown_person_is_refused_plainly(connector):
    with pytest.raises(ConnectorError) as caught:
        connector.send_message("123", "Ответ", "k1")
    assert caught.value.permanent and caught.value.code == 100
    assert "получатель не найден" in caught.value.message


def test_the_24_hour_window_is_said_plainly(connector, emulator):
    emulator.state.write_to_page("Вопрос", PSID)
    emulator.state.inbox.age(PSID, 25 * 3600)
    with pytest.raises(ConnectorError) as caught:
        connector.send_message(PSID, "Ответ", "k1")
    assert caught.value.permanent and "окно ответа закрыто" in caught.value.message
    assert emulator.state.inbox.answers(PSID) == []


def test_without_pages_messaging_it_is_a_permission_error(connector, emulator):
    emulator.state.write_to_page("Вопрос", PSID)
    emulator.state.revoke_scope("pages_messaging")
    with pytest.raises(ConnectorError) as caught:
        connector.send_message(PSID, "Ответ", "k1")
    assert caught.value.code == 200 and "Недостаточно прав" in caught.value.message
