"""Instagram direct messages: ``messaging`` webhook entries (→ message_new), answers with
``POST /me/messages`` to the Instagram-scoped id within the 24-hour window."""

from __future__ import annotations

import pytest

from gospablik.networks.base import Capability, ConnectorError


def pushed(connector, emulator):
    received = []
    emulator.push.sender = lambda url, body, headers: received.append((body, headers)) or (200, "")
    emulator.state.callback_url = "https://gospablik.example/hooks/instagram"
    return lambda: [e for body, headers in received for e in connector.parse_webhook(body, headers)]


def test_it_declares_sending_private_messages(connector):
    assert Capability.SEND_MESSAGE in connector.capabilities


def test_a_direct_message_becomes_message_new(connector, emulator):
    events = pushed(connector, emulator)
    sent = emulator.state.write_to_account("Где получить справку?")
    [event] = events()
    assert event.kind == "message_new" and event.network == "instagram"
    assert event.payload["message"]["id"] == sent["mid"]
    assert event.payload["message"]["from_id"] == sent["sender"]


def test_it_answers_and_skips_the_echo(connector, emulator):
    events = pushed(connector, emulator)
    igsid = emulator.state.write_to_account("Вопрос")["sender"]
    message_id = connector.send_message(igsid, "Ответ", "k1")
    assert [(m["mid"], m["text"]) for m in emulator.state.inbox.answers(igsid)] == [
        (message_id, "Ответ")
    ]
    assert [e.kind for e in events()] == ["message_new"]


def test_an_unknown_person_is_refused_plainly(connector):
    with pytest.raises(ConnectorError) as caught:
        connector.send_message("123", "Ответ", "k1")
    assert caught.value.permanent and "получатель не найден" in caught.value.message


def test_the_24_hour_window_is_said_plainly(connector, emulator):
    igsid = emulator.state.write_to_account("Вопрос")["sender"]
    emulator.state.inbox.age(igsid, 25 * 3600)
    with pytest.raises(ConnectorError) as caught:
        connector.send_message(igsid, "Ответ", "k1")
    assert caught.value.code == 10 and "окно ответа закрыто" in caught.value.message
