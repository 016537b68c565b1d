"""python-telegram-bot (https://pypi.org/project/python-telegram-bot/) against the Telegram
emulator, with only ``base_url`` pointing at it: a channel bot's flows."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import telegram
from telegram.error import BadRequest, InvalidToken, RetryAfter
from tests.contract.conftest import run_async

from gospablik_emulators.telegram.world import CHANNEL_ID, DEMO_TOKEN, GROUP_ID


@pytest.fixture
def run_bot(serve, monkeypatch) -> Callable[..., Any]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # opt in to v23 (retry_after as a timedelta)
    served = serve("telegram")

    def run(flow: Callable[[telegram.Bot, Any], Awaitable[Any]], token: str = DEMO_TOKEN) -> Any:
        async def main() -> Any:
            bot = telegram.Bot(token, base_url=f"{served.base_url}/bot")
            async with bot:
                return await flow(bot, served.app)

        return run_async(main)

    return run


def test_a_channel_bot_posts_edits_and_deletes(run_bot):
    async def flow(bot: telegram.Bot, app: Any) -> None:
        me = await bot.get_me()
        chat = await bot.get_chat(CHANNEL_ID)
        post = await bot.send_message(CHANNEL_ID, "Приём граждан в пятницу")
        edited = await bot.edit_message_text("Приём в субботу", CHANNEL_ID, post.message_id)
        assert (me.is_bot, chat.linked_chat_id) == (True, GROUP_ID)
        assert edited.text == "Приём в субботу" and edited.edit_date is not None
        assert await bot.delete_message(CHANNEL_ID, post.message_id)
        assert post.message_id not in app.state.channel().messages

    run_bot(flow)


def test_polls_documents_and_photos(run_bot):
    async def flow(bot: telegram.Bot, app: Any) -> None:
        poll = await bot.send_poll(CHANNEL_ID, "Удобно ли время приёма?", ["Да", "Нет"])
        document = await bot.send_document(CHANNEL_ID, b"%PDF-1.4", filename="prikaz.pdf")
        album = await bot.send_media_group(
            CHANNEL_ID,
            [telegram.InputMediaPhoto(b"GIF89a-1"), telegram.InputMediaPhoto(b"GIF89a-2")],
        )
        assert [o.persistent_id for o in poll.poll.options] == ["0", "1"]
        assert document.document.file_name == "prikaz.pdf"
        assert len({m.media_group_id for m in album}) == 1

    run_bot(flow)


def test_comments_arrive_through_get_updates_with_a_poll_in_the_log(run_bot):
    async def flow(bot: telegram.Bot, app: Any) -> None:
        poll = await bot.send_poll(CHANNEL_ID, "Удобно?", ["Да", "Нет"])
        app.state.add_comment(poll.message_id, "Неудобно, работаю до шести")
        updates = await bot.get_updates()
        forwarded, comment = (u.message for u in updates)
        assert forwarded.is_automatic_forward and forwarded.poll.question == "Удобно?"
        assert comment.text == "Неудобно, работаю до шести"
        assert await bot.ban_chat_member(GROUP_ID, comment.from_user.id)
        assert await bot.unban_chat_member(GROUP_ID, comment.from_user.id)
        assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()

    run_bot(flow)


def test_webhooks_are_set_and_reported(run_bot):
    async def flow(bot: telegram.Bot, app: Any) -> None:
        assert await bot.set_webhook("https://example.org/hooks/tg/1/", secret_token="s3cret")
        info = await bot.get_webhook_info()
        assert info.url == "https://example.org/hooks/tg/1/"
        with pytest.raises(telegram.error.Conflict):
            await bot.get_updates()
        assert await bot.delete_webhook()

    run_bot(flow)


def test_errors_and_flood_waits_have_bot_api_shapes(run_bot):
    async def flow(bot: telegram.Bot, app: Any) -> None:
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("x", CHANNEL_ID, 999)
        app.faults.push("rate_limit", retry_after=7)
        with pytest.raises(RetryAfter) as flood:
            await bot.send_message(CHANNEL_ID, "Слишком часто")
        assert flood.value.retry_after.total_seconds() == 7

    run_bot(flow)

    async def unauthorized(bot: telegram.Bot, app: Any) -> None:
        with pytest.raises(InvalidToken):
            await bot.get_me()

    with pytest.raises(InvalidToken):
        run_bot(unauthorized, token="7000000001:wrong")


def test_webhook_pushes_parse_as_updates_and_carry_the_secret(run_bot):
    pushed: list[tuple[bytes, dict[str, str]]] = []

    def capture(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        pushed.append((body, headers))
        return 200, ""

    async def flow(bot: telegram.Bot, app: Any) -> None:
        app.push.sender, app.push.background = capture, False
        await bot.set_webhook("https://example.org/hooks/tg/1/", secret_token="s3cret")
        post = await bot.send_poll(CHANNEL_ID, "Удобно?", ["Да", "Нет"])
        app.state.add_comment(post.message_id, "Да, удобно")
        updates = [telegram.Update.de_json(json.loads(body), bot) for body, _ in pushed]
        assert [u.message.text for u in updates] == [None, "Да, удобно"]
        assert updates[0].message.poll.options[1].persistent_id == "1"
        assert {h["X-Telegram-Bot-Api-Secret-Token"] for _, h in pushed} == {"s3cret"}

    run_bot(flow)
