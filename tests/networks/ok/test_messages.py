"""Messages to the group (OK's Bot API for groups): the webhook subscription with the
secret in its URL, pushed messages as ``message_new``, answers into the person's chat."""

from __future__ import annotations

import json

import pytest

from gospablik.networks.base import Capability, ConnectorError
from gospablik.networks.http import HttpClient
from gospablik.networks.memory import ProcessMemory
from gospablik.networks.ok.connector import OKConnector
from gospablik.networks.ok.webhook import parse_webhook
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik_emulators.ok.emulator import OKEmulator

from .conftest import APP_KEY, APP_SECRET, GID, TOKEN

BOT_KEY = "ok-demo-group-bot-key"
SECRET = "ok_secret_for_tests"
HOOK = "https://gp.example/hooks/ok/7/"
PERSON = "575000000100"


def connect(http: HttpClient, **overrides: str) -> OKConnector:
    keys = {"access_token": TOKEN, "bot_access_token": BOT_KEY, "webhook_secret": SECRET}
    creds = {"application_key": APP_KEY, "application_secret_key": APP_SECRET, **keys}
    creds = {k: v for k, v in (creds | overrides).items() if v}
    return OKConnector({"group_id": GID}, creds, http=http, limiter=NoRateLimiter(),
                       memory=ProcessMemory())  # fmt: skip


@pytest.fixture
def bot(http: HttpClient) -> OKConnector:
    return connect(http)


@pytest.fixture
def pushed(emulator: OKEmulator) -> list[bytes]:
    """The bodies the emulator POSTs to subscribed webhooks (our side answers 200)."""
    bodies: list[bytes] = []
    emulator.push.sender = lambda url, body, headers: (bodies.append(body) or 200, "ok")
    return bodies


def receive(bot: OKConnector, emulator: OKEmulator, pushed: list[bytes], text: str = "Вопрос"):
    bot.register_webhook(HOOK)
    emulator.chats.write(GID, PERSON, text)
    return bot.parse_webhook(pushed[-1], {})


def test_it_declares_answering_messages(bot):
    assert Capability.SEND_MESSAGE in bot.capabilities


def test_it_subscribes_the_hook_url_with_the_secret_as_its_last_segment(bot, emulator):
    bot.register_webhook(HOOK)
    assert emulator.chats.subscriptions[GID] == [f"{HOOK}{SECRET}/"]


@pytest.mark.parametrize("secret", ["", "short", "with spaces in it!"])
def test_it_refuses_to_subscribe_without_a_usable_secret(http, emulator, secret):
    with pytest.raises(ConnectorError) as caught:
        connect(http, webhook_secret=secret).register_webhook(HOOK)
    assert caught.value.permanent and "секрет вебхука" in caught.value.message
    assert emulator.chats.subscriptions == {}


def test_a_message_to_the_group_becomes_message_new(bot, emulator, pushed):
    [event] = receive(bot, emulator, pushed, "Где получить справку?")
    sent = json.loads(pushed[-1])
    message = event.payload["message"]
    assert (event.kind, event.community_id, event.network) == ("message_new", GID, "ok")
    assert message["id"] == sent["message"]["mid"] and message["from_id"] == PERSON
    assert message["text"] == "Где получить справку?"
    assert message["date"] == sent["timestamp"] // 1000
    assert event.event_id == f"message_created:{sent['message']['mid']}"


@pytest.mark.parametrize(
    "change",
    [
        {"message": {"text": '{"ai":1,"pa":[2],"ty":"USERS_ADDED"}', "mid": "mid:C1.1"}},
        {"webhookType": "CHAT_SYSTEM"},
        {"sender": {"user_id": "group:70000000000001"}},
    ],
)
def test_chat_events_and_the_groups_own_messages_are_not_messages(change):
    body = {"sender": {"user_id": f"user:{PERSON}"}, "recipient": {"chat_id": "chat:C1"},
            "message": {"text": "Вопрос", "mid": "mid:C1.2"}, "timestamp": 0}  # fmt: skip
    assert parse_webhook(json.dumps(body | change).encode(), GID) == []


def test_it_answers_in_the_persons_chat(bot, emulator, pushed):
    receive(bot, emulator, pushed)
    message_id = bot.send_message(PERSON, "Ответ", "k1")
    [answer] = emulator.chats.answers(GID, PERSON)
    assert answer["message"]["text"] == "Ответ" and message_id == answer["message"]["mid"]


def test_a_confirmed_answer_is_not_sent_again_under_the_same_key(bot, emulator, pushed):
    receive(bot, emulator, pushed)
    first = bot.send_message(PERSON, "Ответ", "k1")
    assert bot.send_message(PERSON, "Ответ", "k1") == first
    assert len(emulator.chats.answers(GID, PERSON)) == 1


def test_an_answer_whose_reply_was_lost_may_have_been_sent(bot, emulator, pushed):
    receive(bot, emulator, pushed)
    emulator.faults.push("accept_then_drop", method="graph.messages")
    with pytest.raises(ConnectorError) as caught:
        bot.send_message(PERSON, "Ответ", "k1")
    assert caught.value.maybe_applied
    assert len(emulator.chats.answers(GID, PERSON)) == 1


def test_a_deleted_chat_is_refused_plainly(bot, emulator, pushed):
    receive(bot, emulator, pushed)
    emulator.chats.delete_chat(GID, PERSON)
    with pytest.raises(ConnectorError) as caught:
        bot.send_message(PERSON, "Ответ", "k1")
    assert caught.value.permanent and caught.value.code == 300
    assert "чат с пользователем не найден" in caught.value.message


def test_a_person_whose_message_did_not_come_through_the_webhook_has_no_known_chat(bot):
    with pytest.raises(ConnectorError) as caught:
        bot.send_message(PERSON, "Ответ", "k1")
    assert caught.value.permanent and caught.value.code == "unknown_chat"


def test_without_the_group_key_answers_stay_manual(http, emulator, pushed):
    receive(connect(http), emulator, pushed)
    with pytest.raises(ConnectorError) as caught:
        connect(http, bot_access_token="").send_message(PERSON, "Ответ", "k1")
    assert caught.value.permanent and "не указан ключ бота группы" in caught.value.message
    assert emulator.chats.answers(GID, PERSON) == []


def test_a_replaced_group_key_asks_a_person(bot, emulator, pushed):
    receive(bot, emulator, pushed)
    emulator.chats.new_key(GID)  # an administrator generated a new key: the old one is dead
    with pytest.raises(ConnectorError) as caught:
        bot.send_message(PERSON, "Ответ", "k1")
    assert caught.value.needs_person and "ключ бота группы недействителен" in caught.value.message


def test_the_emulator_takes_only_json_bodies(emulator):
    import httpx

    client = httpx.Client(transport=httpx.WSGITransport(app=emulator), base_url="https://ok")
    answer = client.post("/graph/me/subscribe", params={"access_token": BOT_KEY},
                         data={"url": HOOK}).json()  # fmt: skip
    assert answer["error_code"] == 3 and emulator.chats.subscriptions == {}
