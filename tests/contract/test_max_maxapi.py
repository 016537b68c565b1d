"""maxapi (https://pypi.org/project/maxapi/) against the MAX emulator, pointed at it with its
own ``set_api_url``: a channel bot's flows."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from maxapi import Bot
from maxapi.exceptions.max import InvalidToken, MaxApiError
from tests.contract.conftest import run_async

from gospablik_emulators.max.world import CHANNEL_ID, DEMO_TOKEN


@pytest.fixture
def run_bot(serve) -> Callable[..., Any]:
    served = serve("max")

    def run(flow: Callable[[Bot, Any], Awaitable[Any]], token: str = DEMO_TOKEN) -> Any:
        async def main() -> Any:
            bot = Bot(token)
            bot.set_api_url(served.base_url)
            try:
                return await flow(bot, served.app)
            finally:
                await bot.close_session()

        return run_async(main)

    return run


def test_a_channel_bot_posts_edits_and_deletes(run_bot):
    async def flow(bot: Bot, app: Any) -> None:
        me = await bot.get_me()
        chat = await bot.get_chat_by_id(CHANNEL_ID)
        sent = await bot.send_message(chat_id=CHANNEL_ID, text="Приём граждан в пятницу")
        mid = sent.message.body.mid
        assert me.is_bot and chat.chat_id == CHANNEL_ID
        assert (await bot.edit_message(message_id=mid, text="Приём в субботу")).success
        listed = await bot.get_messages(chat_id=CHANNEL_ID)
        assert listed.messages[0].body.text == "Приём в субботу"
        assert (await bot.delete_message(mid)).success

    run_bot(flow)


def test_admins_comments_and_long_polling(run_bot):
    async def flow(bot: Bot, app: Any) -> None:
        admins = await bot.get_list_admin_chat(CHANNEL_ID)
        sent = await bot.send_message(chat_id=CHANNEL_ID, text="Новость")
        app.state.add_comment(sent.message.body.mid, "Когда приём?")
        updates = await bot.get_updates()
        assert any(a.first_name == "Мария" for a in admins.members)
        kinds = [u["update_type"] for u in updates["updates"]]
        assert "comment_created" in kinds and updates["marker"] >= 1

    run_bot(flow)


def test_webhook_subscriptions(run_bot):
    async def flow(bot: Bot, app: Any) -> None:
        subscribed = await bot.subscribe_webhook("https://example.org/hooks/max/1/",
                                                 secret="s3cret-s3cret")  # fmt: skip
        listed = await bot.get_subscriptions()
        assert subscribed.success
        assert [s.url for s in listed.subscriptions] == ["https://example.org/hooks/max/1/"]

    run_bot(flow)


def test_errors_have_max_shapes(run_bot):
    async def unknown_message(bot: Bot, app: Any) -> None:
        await bot.get_message("mid.does-not-exist")

    async def whoami(bot: Bot, app: Any) -> None:
        await bot.get_me()

    with pytest.raises(MaxApiError) as missing:
        run_bot(unknown_message)
    assert missing.value.code == 404 and missing.value.raw["code"] == "message.not.found"
    with pytest.raises(InvalidToken, match="verify.token"):
        run_bot(whoami, token="wrong-token")


def test_webhook_pushes_parse_with_maxapi(run_bot):
    """What the emulator POSTs to a subscription, parsed as a maxapi webhook app does
    (``process_update_webhook``): the update types maxapi knows become its typed events
    with our fields; the secret header is MAX's own."""
    from maxapi.methods.types.getted_updates import process_update_webhook
    from maxapi.types.updates.bot_stopped import BotStopped
    from maxapi.types.updates.message_created import MessageCreated

    pushed: list[tuple[dict[str, Any], dict[str, str]]] = []

    async def flow(bot: Bot, app: Any) -> list[Any]:
        app.push.sender = lambda url, body, headers: (pushed.append((json.loads(body), headers))
                                                      or (200, "ok"))  # fmt: skip
        assert (await bot.subscribe_webhook("https://bot.example/hook", secret="s3cret")).success
        app.state.write_to_bot("Здравствуйте, где справка?")
        post = app.state.post_as_admin("Новость")
        app.state.stop_bot(next(iter(app.state.dialogs)))
        return [post, *[await process_update_webhook(body, bot) for body, _ in pushed]]

    post, question, news, stopped = run_bot(flow)
    assert all(headers["X-Max-Bot-Api-Secret"] == "s3cret" for _, headers in pushed)
    assert isinstance(question, MessageCreated) and question.user_locale == "ru"
    assert question.message.body.text == "Здравствуйте, где справка?"
    assert question.message.recipient.chat_type == "dialog"
    assert isinstance(news, MessageCreated) and news.message.body.mid == post["body"]["mid"]
    assert isinstance(stopped, BotStopped) and stopped.chat_id == question.message.recipient.chat_id
