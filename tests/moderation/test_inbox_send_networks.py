"""Answers to private messages on every network that lets a community answer through its
API: a person writes → the network's webhook reaches our endpoint → the message is in the
inbox → ``answer_and_send`` → the emulator received the answer. A refusal (the person
blocked the bot, no matching user …) keeps the answer and says why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gospablik.moderation.inbox import answer_and_send
from gospablik.moderation.models import Message
from gospablik.networks.connections import TRANSPORT_OVERRIDES, connector_for, do_connect_account
from gospablik_emulators.emulation import emulator_transport
from tests.conftest import django_sender
from tests.content.conftest import OK_GID, OK_SECRETS, allow_all_networks
from tests.foundation.factories import register
from tests.moderation.conftest import CLEAN

ANSWER = "Справку выдают в регистратуре поликлиники."


@pytest.fixture
def wire(health: Any, keeper: Any) -> Iterator[Any]:
    """Mount an emulator on our HTTP seam and deliver its webhooks to our app in-process
    (the Ministry of Health's policy is widened to name every network)."""
    allow_all_networks(health, keeper)
    mounted: list[str] = []

    def mount(network: str, emulator: Any) -> Any:
        emulator.push.sender = django_sender
        TRANSPORT_OVERRIDES[network] = emulator_transport(emulator)
        mounted.append(network)
        return emulator

    yield mount
    for network in mounted:
        TRANSPORT_OVERRIDES.pop(network, None)


def connect(ministry: Any, keeper: Any, network: str, url: str, config: dict, secrets: dict):
    """Register and connect the account; return the URL of its webhook endpoint."""
    account = register(ministry, keeper, network=network, url=url)
    connection = do_connect_account(account, config, secrets, actor=keeper)
    return connection, f"http://testserver/hooks/{network}/{connection.pk}/"


def subscribe(connection: Any, hook: str) -> None:
    connector_for(connection).register_webhook(hook)  # Telegram setWebhook, MAX /subscriptions


def answered(moderator: Any) -> Message:
    return answer_and_send(Message.objects.get(), ANSWER, actor=moderator)


# --- Telegram: a private chat with the bot ------------------------------------------------


@pytest.fixture
def telegram(health, keeper, wire):
    from gospablik_emulators.telegram.emulator import make_app
    from gospablik_emulators.telegram.world import DEMO_TOKEN

    emulator = wire("telegram", make_app())
    subscribe(
        *connect(
            health,
            keeper,
            "telegram",
            "https://t.me/minzdrav_kuzbass_demo",
            {"channel": "@minzdrav_kuzbass_demo"},
            {"bot_token": DEMO_TOKEN, "webhook_secret": "tg_secret_for_tests"},
        )
    )
    return emulator


def test_telegram_a_private_message_is_answered_in_the_chat(telegram, moderator):
    user_id = telegram.state.write_to_bot(CLEAN)["from"]["id"]
    message = answered(moderator)
    assert message.network == "telegram" and message.author_id == str(user_id)
    assert message.answer_sent is True and message.answer_note == "Ответ отправлен в соцсеть."
    assert [m["text"] for m in telegram.state.answers(user_id)] == [ANSWER]


def test_telegram_a_person_who_blocked_the_bot_keeps_the_answer(telegram, moderator):
    user_id = telegram.state.write_to_bot(CLEAN)["from"]["id"]
    telegram.state.block_bot(user_id)
    message = answered(moderator)
    assert message.answer_text == ANSWER and message.answer_sent is False
    assert "заблокировал бота" in message.answer_note
    assert telegram.state.answers(user_id) == []


# --- MAX: the person's dialog with the bot ------------------------------------------------


@pytest.fixture
def max_bot(health, keeper, wire):
    from gospablik_emulators.max.emulator import make_app
    from gospablik_emulators.max.world import CHANNEL_ID, DEMO_TOKEN

    emulator = wire("max", make_app())
    subscribe(
        *connect(
            health,
            keeper,
            "max",
            "https://max.ru/minzdrav_demo",
            {"chat_id": str(CHANNEL_ID)},
            {"bot_token": DEMO_TOKEN, "webhook_secret": "max_secret_for_tests"},
        )
    )
    return emulator


def test_max_a_dialog_message_is_answered_in_the_dialog(max_bot, moderator):
    user_id = max_bot.state.write_to_bot(CLEAN)["sender"]["user_id"]
    message = answered(moderator)
    assert message.network == "max" and message.author_id == str(user_id)
    assert message.answer_sent is True
    assert [m["body"]["text"] for m in max_bot.state.answers(user_id)] == [ANSWER]


def test_max_a_person_who_stopped_the_bot_keeps_the_answer(max_bot, moderator):
    user_id = max_bot.state.write_to_bot(CLEAN)["sender"]["user_id"]
    max_bot.state.stop_bot(user_id)
    message = answered(moderator)
    assert message.answer_text == ANSWER and message.answer_sent is False
    assert "не начинал диалог с ботом или остановил его" in message.answer_note
    assert max_bot.state.answers(user_id) == []


# --- Facebook: Messenger conversations of the Page ----------------------------------------

PSID = "7000000000000001"


@pytest.fixture
def facebook(health, keeper, wire):
    from gospablik_emulators.facebook.emulator import make_app
    from gospablik_emulators.facebook.world import DEMO_APP_SECRET, DEMO_TOKEN, PAGE_ID

    emulator = wire("facebook", make_app())
    _, hook = connect(health, keeper, "facebook", "https://www.facebook.com/minzdrav.demo",
                      {"page_id": PAGE_ID},
                      {"page_token": DEMO_TOKEN, "app_secret": DEMO_APP_SECRET})  # fmt: skip
    emulator.state.callback_url = hook  # the app's Page subscription (``messages`` field)
    return emulator


def test_facebook_a_message_to_the_page_is_answered_in_messenger(facebook, moderator):
    facebook.state.write_to_page(CLEAN, PSID)
    message = answered(moderator)
    assert message.network == "facebook" and message.author_id == PSID
    assert message.answer_sent is True
    assert [m["text"] for m in facebook.state.inbox.answers(PSID)] == [ANSWER]
    assert Message.objects.count() == 1  # the echo of the answer is not a new message


def test_facebook_an_answer_after_24_hours_is_kept_with_the_reason(facebook, moderator):
    facebook.state.write_to_page(CLEAN, PSID)
    facebook.state.inbox.age(PSID, 25 * 3600)
    message = answered(moderator)
    assert message.answer_text == ANSWER and message.answer_sent is False
    assert "окно ответа закрыто" in message.answer_note
    assert facebook.state.inbox.answers(PSID) == []


# --- Instagram: direct messages of the professional account --------------------------------


@pytest.fixture
def instagram(health, keeper, wire):
    from gospablik_emulators.instagram.emulator import make_app
    from gospablik_emulators.instagram.world import DEMO_APP_SECRET, DEMO_TOKEN, IG_USER_ID

    emulator = wire("instagram", make_app())
    _, hook = connect(health, keeper, "instagram", "https://www.instagram.com/minzdrav_demo/",
                      {"ig_user_id": IG_USER_ID, "media_base_url": "https://example.org/media"},
                      {"access_token": DEMO_TOKEN, "app_secret": DEMO_APP_SECRET})  # fmt: skip
    emulator.state.callback_url = hook
    return emulator


def test_instagram_a_direct_message_is_answered(instagram, moderator):
    igsid = instagram.state.write_to_account(CLEAN)["sender"]
    message = answered(moderator)
    assert message.network == "instagram" and message.author_id == igsid
    assert message.answer_sent is True
    assert [m["text"] for m in instagram.state.inbox.answers(igsid)] == [ANSWER]
    assert Message.objects.count() == 1


def test_instagram_an_unknown_recipient_keeps_the_answer_with_the_reason(instagram, moderator):
    instagram.state.write_to_account(CLEAN)
    Message.objects.update(author_id="17800000000009999")  # Meta knows no such person
    message = answered(moderator)
    assert message.answer_text == ANSWER and message.answer_sent is False
    assert "получатель не найден" in message.answer_note


# --- Odnoklassniki: the person's chat with the group (Bot API for groups) ------------------

OK_PERSON = "575000000100"
OK_HOOK_SECRET = "ok_secret_for_tests"


@pytest.fixture
def ok_group(health, keeper, wire):
    from gospablik_emulators.ok.emulator import make_app

    emulator = wire("ok", make_app())
    secrets = OK_SECRETS | {"bot_access_token": "ok-demo-group-bot-key",
                            "webhook_secret": OK_HOOK_SECRET}  # fmt: skip
    subscribe(*connect(health, keeper, "ok", "https://ok.ru/group/kuzdrav",
                       {"group_id": OK_GID}, secrets))  # fmt: skip
    return emulator


def test_ok_a_message_to_the_group_is_answered_in_its_chat(ok_group, moderator):
    ok_group.chats.write(OK_GID, OK_PERSON, CLEAN)
    message = answered(moderator)
    assert message.network == "ok" and message.author_id == OK_PERSON
    assert message.answer_sent is True and message.answer_note == "Ответ отправлен в соцсеть."
    answers = ok_group.chats.answers(OK_GID, OK_PERSON)
    assert [m["message"]["text"] for m in answers] == [ANSWER]


def test_ok_a_deleted_chat_keeps_the_answer_with_the_reason(ok_group, moderator):
    ok_group.chats.write(OK_GID, OK_PERSON, CLEAN)
    ok_group.chats.delete_chat(OK_GID, OK_PERSON)
    message = answered(moderator)
    assert message.answer_text == ANSWER and message.answer_sent is False
    assert "чат с пользователем не найден" in message.answer_note


def test_ok_a_wrong_secret_in_the_url_is_refused_and_stores_nothing(ok_group):
    from gospablik.networks.models import InboundEvent

    [url] = ok_group.chats.subscriptions[OK_GID]
    ok_group.chats.subscriptions[OK_GID] = [url.replace(OK_HOOK_SECRET, "forged_secret_1234")]
    ok_group.chats.write(OK_GID, OK_PERSON, CLEAN)
    delivery = ok_group.push.log[-1]
    assert not delivery.delivered and set(delivery.attempts) == {403}
    assert not InboundEvent.objects.exists() and not Message.objects.exists()


def test_ok_a_repeated_webhook_is_stored_once(ok_group):
    ok_group.chats.write(OK_GID, OK_PERSON, CLEAN)
    delivery = ok_group.push.log[-1]
    assert django_sender(delivery.url, delivery.body, {})[0] == 200  # OK retries after a timeout
    assert Message.objects.count() == 1 and Message.objects.get().text == CLEAN
