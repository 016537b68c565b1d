"""Telegram channel (+ its linked discussion group) through the Bot API.

A post may be several Telegram messages (an album, or media whose text is longer than the
1024-character caption limit, or a text followed by a poll): its ``post_id`` is then the
message ids joined by commas (``"12,13"``), and a comment's ``post_id`` is the one message
it answers. Comments are read from the update stream (``getUpdates`` or the webhook):
the Bot API cannot list a channel's history or a thread, so the texts of drafts and the
channel posts seen go to ``self.memory`` (:mod:`..memory`). See docs/connectors.md.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

import httpx

from ..base import (
    Admin,
    BaseConnector,
    Capability,
    ConfigField,
    ConnectorError,
    InboundEvent,
    PostDraft,
    Profile,
    PublishedPost,
    RemoteComment,
    Stats,
    check_draft,
    comment_gone,
)
from ..http import parse_json
from .events import message_text, parse_webhook, update_events, when
from .media import Step, media_steps

DEFAULT_API = "https://api.telegram.org"
MAX_TEXT, MAX_CAPTION = 4096, 1024


# What ``self.memory`` keeps (Telegram cannot list a channel): the text each draft had, and
# the channel posts published or seen in the update stream, by channel id and text digest.
def _sent_key(idempotency_key: str) -> str:
    return f"telegram:sent:{idempotency_key}"


def _seen_key(chat_id: int | str, text: str) -> str:
    """``telegram:seen:<chat id>:<digest of the whitespace-normalized text>``.

    >>> _seen_key(-100, "Приём  граждан") == _seen_key(-100, "Приём граждан")
    True
    """
    normalized = " ".join(text.split())
    return f"telegram:seen:{chat_id}:" + hashlib.sha256(normalized.encode()).hexdigest()[:24]


def telegram_error(status: int, body: dict[str, Any]) -> ConnectorError:
    """Map a Bot API error answer to a ConnectorError.

    >>> e = telegram_error(429, {"ok": False, "error_code": 429,
    ...     "description": "Too Many Requests: retry after 35", "parameters": {"retry_after": 35}})
    >>> (e.retry_after, e.permanent)
    (35.0, False)
    >>> unauthorized = {"ok": False, "error_code": 401, "description": "Unauthorized"}
    >>> telegram_error(401, unauthorized).needs_person
    True
    """
    code = int(body.get("error_code") or status)
    text = str(body.get("description") or f"HTTP {status}")
    params = body.get("parameters") or {}
    kw: dict[str, Any] = {"network": "telegram", "code": code}
    if code == 429:
        return ConnectorError(f"Telegram: слишком много запросов ({text})",
                              retry_after=float(params.get("retry_after") or 30), **kw)  # fmt: skip
    if code in (401, 404):
        return ConnectorError("Telegram: токен бота недействителен или отозван — выпустите "
                              "новый в @BotFather", needs_person=True, **kw)  # fmt: skip
    if code == 403:
        return ConnectorError(f"Telegram: нет доступа — бот исключён или не администратор "
                              f"({text})", permanent=True, **kw)  # fmt: skip
    if code >= 500:
        return ConnectorError(f"Telegram временно недоступен ({text})", retry_after=5.0,
                              maybe_applied=True, **kw)  # fmt: skip
    if "migrate_to_chat_id" in params:
        text += f"; новый id чата: {params['migrate_to_chat_id']}"
    return ConnectorError(f"Telegram отклонил запрос: {text}", permanent=True, **kw)


class TelegramConnector(BaseConnector):
    network = "telegram"
    capabilities = frozenset({
        Capability.PUBLISH_TEXT, Capability.PUBLISH_PHOTO, Capability.PUBLISH_VIDEO,
        Capability.PUBLISH_POLL, Capability.PUBLISH_LINK, Capability.PUBLISH_ANIMATION,
        Capability.DELETE_POST, Capability.READ_COMMENTS, Capability.DELETE_COMMENT,
        Capability.BAN_USER, Capability.UNBAN_USER, Capability.BAN_END_DATE,
        Capability.READ_PROFILE, Capability.READ_ADMINS, Capability.READ_STATS,
        Capability.PUSH_EVENTS, Capability.SEND_MESSAGE, Capability.REPLY_COMMENT,
    })  # fmt: skip
    config_schema = (
        ConfigField("channel", "Канал (@имя или числовой id)"),
        ConfigField("discussion_chat_id", "Id группы обсуждения", required=False,
                    help="Если пусто — берётся из getChat (linked_chat_id)"),
        ConfigField("api_base", "Адрес Bot API", required=False, help=DEFAULT_API),
        ConfigField("bot_token", "Токен бота", secret=True),
        ConfigField("webhook_secret", "Секрет вебхука", secret=True, required=False),
    )  # fmt: skip

    def _setup(self) -> None:
        self._group_id: int | None = None
        self._channel_info: dict[str, Any] | None = None

    # --- transport ----------------------------------------------------------------------

    @property
    def channel(self) -> str:
        return str(self.config["channel"])

    def call(self, method: str, params: dict[str, Any] | None = None,
             files: dict[str, tuple[str, bytes, str]] | None = None) -> Any:  # fmt: skip
        token = self.credentials["bot_token"]
        self.throttle(token, 25.0)
        url = f"{self.config.get('api_base') or DEFAULT_API}/bot{token}/{method}"
        if files:
            response = self.http.post(url, data=_form(params or {}), files=files)
        else:
            response = self.http.post(url, json=params or {})
        return self._result(response)

    def _result(self, response: httpx.Response) -> Any:
        body = parse_json(response, self.network)
        if isinstance(body, dict) and body.get("ok"):
            return body.get("result")
        if not isinstance(body, dict):
            body = {}
        raise telegram_error(response.status_code, body)

    def group_id(self) -> int:
        if self._group_id is None:
            configured = self.config.get("discussion_chat_id")
            linked = configured or self.channel_info().get("linked_chat_id")
            if not linked:
                raise self.error("У канала нет привязанной группы обсуждения: комментарии "
                                 "выключены", permanent=True, code="no_discussion")  # fmt: skip
            self._group_id = int(linked)
        return self._group_id

    def channel_info(self) -> dict[str, Any]:
        if self._channel_info is None:
            self._channel_info = dict(self.call("getChat", {"chat_id": self.channel}))
        return self._channel_info

    # --- publishing ------------------------------------------------------------------------

    def publish(self, draft: PostDraft) -> PublishedPost:
        check_draft(self, draft)
        text = _with_link(draft.text, draft.link)
        if len(text) > MAX_TEXT:
            raise self.error(f"Текст длиннее {MAX_TEXT} символов", permanent=True, code="too_long")
        self.memory.set(_sent_key(draft.idempotency_key), text)
        sent: list[dict[str, Any]] = []
        try:
            for method, params, files in self._plan(draft, text):
                result = self.call(method, params, files)
                sent.extend(result if isinstance(result, list) else [result])
        except ConnectorError:
            self._rollback(sent)
            raise
        return self._published(sent, text)

    def _plan(self, draft: PostDraft, text: str) -> list[Step]:
        chat: dict[str, Any] = {"chat_id": self.channel}
        media = media_steps(draft, chat, text if len(text) <= MAX_CAPTION else "")
        steps = list(media)
        if text and (not media or len(text) > MAX_CAPTION):
            params: dict[str, Any] = {**chat, "text": text}
            if draft.link:
                params["link_preview_options"] = {"url": draft.link}
            steps.append(("sendMessage", params, None))
        if draft.poll:
            poll = draft.poll
            options = [{"text": a} for a in poll.answers]
            params = {**chat, "question": poll.question, "options": options,
                      "is_anonymous": True, "allows_multiple_answers": poll.multiple}  # fmt: skip
            steps.append(("sendPoll", params, None))
        return steps

    def _rollback(self, sent: list[dict[str, Any]]) -> None:
        for message in sent:
            try:
                self.call("deleteMessage", {"chat_id": self.channel,
                                            "message_id": message["message_id"]})  # fmt: skip
            except ConnectorError:
                continue

    def _published(self, sent: list[dict[str, Any]], text: str) -> PublishedPost:
        ids = ",".join(str(m["message_id"]) for m in sent)
        first = sent[0]
        self._saw(first["chat"]["id"], text, ids, when(first["date"]))
        return PublishedPost(ids, self._url(first), when(first["date"]))

    def _saw(self, chat_id: int | str, text: str, post_id: str, posted: datetime) -> None:
        self.memory.set(_seen_key(chat_id, text), {"post_id": post_id, "date": posted.isoformat()})

    def _seen(self, text: str) -> tuple[str, datetime] | None:
        """The channel post with this text this connector published or saw, if any."""
        value = self.memory.get(_seen_key(self.channel_info()["id"], text))
        if not value:
            return None
        return str(value["post_id"]), datetime.fromisoformat(value["date"])

    def _url(self, message: dict[str, Any]) -> str:
        chat = message["chat"]
        if chat.get("username"):
            return f"https://t.me/{chat['username']}/{message['message_id']}"
        return f"https://t.me/c/{str(chat['id']).removeprefix('-100')}/{message['message_id']}"

    def find_published(
        self, idempotency_key: str, since: datetime, *, text: str | None = None
    ) -> PublishedPost | None:
        """Best effort: the Bot API cannot list a channel and keeps no idempotency key. We
        match the text (``text``, else the draft this process tried under the key) against
        posts this process published or saw in the update stream and the unconfirmed
        updates (auto-forwarded copies in the discussion group)."""
        text = text or self.memory.get(_sent_key(idempotency_key))
        if not text or not text.strip():
            raise self.error("Не удалось проверить, вышел ли пост в Telegram (нет текста для "
                             "сравнения): проверьте канал вручную",
                             needs_person=True, code="unverifiable")  # fmt: skip
        self._learn(self._peek())
        seen = self._seen(text)
        if seen is None or seen[1] < since:
            return None
        first = seen[0].split(",")[0]
        username = self.channel_info().get("username")
        url = f"https://t.me/{username}/{first}" if username else ""
        return PublishedPost(seen[0], url, seen[1])

    def _learn(self, updates: list[dict[str, Any]]) -> None:
        """Remember which channel posts (by text digest) appear in ``updates``."""
        for update in updates:
            message = update.get("channel_post") or update.get("message") or {}
            origin = message.get("forward_origin") or {}
            if "channel_post" in update:
                chat, post_id, posted = message["chat"], message["message_id"], message["date"]
            elif message.get("is_automatic_forward") and origin.get("type") == "channel":
                chat, post_id = origin["chat"], origin["message_id"]
                posted = origin.get("date", message["date"])
            else:
                continue
            self._saw(chat["id"], message_text(message), str(post_id), when(posted))

    def _peek(self) -> list[dict[str, Any]]:
        """Unconfirmed updates, without confirming any (no ``offset``)."""
        return list(self.call("getUpdates", {"limit": 100, "timeout": 0}))

    def delete_post(self, post_id: str) -> None:
        for message_id in post_id.split(","):
            self._delete(self.channel, int(message_id))

    def _delete(self, chat: str | int, message_id: int) -> None:
        try:
            self.call("deleteMessage", {"chat_id": chat, "message_id": message_id})
        except ConnectorError as error:
            description = str(error)
            if "message to delete not found" in description:
                return  # already gone: deleting is idempotent
            if "can't be deleted" in description:
                raise self.error("Telegram не даёт боту удалить это сообщение (старше 48 часов "
                                 "или нет прав): удалите его вручную", permanent=True,
                                 code=error.code) from error  # fmt: skip
            raise

    # --- comments and moderation ---------------------------------------------------------------

    def poll_events(self, offset: int | None = None) -> tuple[list[InboundEvent], int | None]:
        """Read updates after ``offset`` (confirming the earlier ones); return the events and
        the offset to pass next time. The caller stores the offset per account."""
        params: dict[str, Any] = {"limit": 100, "timeout": 0}
        if offset is not None:
            params["offset"] = offset
        updates = self.call("getUpdates", params)
        channel_id = int(self.channel_info()["id"])
        events = [e for u in updates for e in update_events(u, channel_id, self.memory)]
        self._learn(updates)
        next_offset = updates[-1]["update_id"] + 1 if updates else offset
        return events, next_offset

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> list[InboundEvent]:
        secret = self.credentials.get("webhook_secret", "")
        return parse_webhook(body, headers, secret, int(self.channel_info()["id"]), self.memory)

    def register_webhook(self, url: str) -> None:
        self.call(
            "setWebhook",
            {
                "url": url,
                "secret_token": self.credentials["webhook_secret"],
                "allowed_updates": [
                    "message",
                    "edited_message",
                    "channel_post",
                    "edited_channel_post",
                ],
            },
        )

    def read_comments(self, post_id: str, since_id: str | None = None) -> list[RemoteComment]:
        """Comments on ``post_id`` among the updates Telegram still holds unconfirmed (up to
        100, kept ≤ 24 h). Intake should use :meth:`poll_events` or the webhook instead."""
        wanted = set(post_id.split(","))
        group = self.group_id()
        updates = [u for u in self._peek() if _chat_id(u) == group]
        comments = [e.comment for u in updates for e in update_events(u, None, self.memory)
                    if e.comment]  # fmt: skip
        floor = int(since_id or 0)
        return [c for c in comments if c.post_id in wanted and int(c.comment_id) > floor]

    def delete_comment(self, comment: RemoteComment, *, block_author: bool = False) -> None:
        self._delete(self.group_id(), int(comment.comment_id))
        if block_author and comment.author_id.lstrip("-").isdigit():
            self.ban(comment.author_id, reason="other", until=None)

    def ban(self, user_id: str, *, reason: str, until: datetime | None, comment: str = "") -> None:
        """Ban in the discussion group (where comments are written); ``reason`` and
        ``comment`` have no place in the Bot API and stay in our own records."""
        params: dict[str, Any] = {"chat_id": self.group_id(), "user_id": int(user_id),
                                  "revoke_messages": False}  # fmt: skip
        params["until_date"] = int(until.timestamp()) if until else 0
        self.call("banChatMember", params)

    def unban(self, user_id: str) -> None:
        self.call("unbanChatMember", {"chat_id": self.group_id(), "user_id": int(user_id),
                                      "only_if_banned": True})  # fmt: skip

    def reply_comment(self, post_id: str, comment_id: str, text: str, idempotency_key: str) -> str:
        """``sendMessage`` in the discussion group with ``reply_parameters`` (the comment),
        so the answer sits in the post's comment thread. No idempotency key in the Bot API:
        the outbound queue decides about a repeat (Telegram cannot be read back)."""
        if len(text) > MAX_TEXT:
            raise self.error(f"Текст длиннее {MAX_TEXT} символов", permanent=True, code="too_long")

        def send() -> str:
            params = {"chat_id": self.group_id(), "text": text,
                      "reply_parameters": {"message_id": int(comment_id)}}  # fmt: skip
            try:
                sent = self.call("sendMessage", params)
            except ConnectorError as error:
                if "message to be replied not found" in error.message:
                    raise comment_gone(self.network) from error
                raise
            return str(sent["message_id"])

        return send()

    # --- private messages to the bot ------------------------------------------------------------

    def send_message(self, peer_id: str, text: str, idempotency_key: str) -> str:
        """``sendMessage`` into the person's private chat with the bot (chat id = user id).
        The Bot API has no idempotency key: the outbound queue sends once per key, and
        one whose answer was lost cannot be checked (a person looks)."""
        user_id = self.answer_to(peer_id, text, MAX_TEXT)

        def send() -> str:
            try:
                sent = self.call("sendMessage", {"chat_id": user_id, "text": text})
            except ConnectorError as error:
                raise dialog_error(error) from error
            return f"{peer_id}:{sent['message_id']}"

        return send()

    # --- the channel ------------------------------------------------------------------------

    def read_profile(self) -> Profile:
        info = self._channel_info = dict(self.call("getChat", {"chat_id": self.channel}))
        members = int(self.call("getChatMemberCount", {"chat_id": self.channel}))
        return Profile(
            community_id=str(info["id"]),
            title=str(info.get("title", "")),
            screen_name=str(info.get("username") or ""),
            description=str(info.get("description") or ""),
            avatar_url="",  # a file URL would contain the bot token; not exposed
            cover_url=None,
            members_count=members,
            verified=None,
        )

    def read_admins(self) -> list[Admin]:
        members = self.call("getChatAdministrators", {"chat_id": self.channel})
        return [_admin(m) for m in members]

    def read_stats(self, since: date, until: date) -> Stats:
        """The Bot API gives only the subscriber count (now); views and reach are not
        available to bots."""
        members = int(self.call("getChatMemberCount", {"chat_id": self.channel}))
        return Stats(since, until, views=None, visitors=None, reach=None, members=members)


DIALOG_REFUSALS = (
    ("bot was blocked by the user", "пользователь заблокировал бота"),
    ("user is deactivated", "аккаунт пользователя удалён"),
    ("bot can't initiate conversation", "пользователь не начинал диалог с ботом"),
    ("chat not found", "диалог с пользователем не найден"),
)


def dialog_error(error: ConnectorError) -> ConnectorError:
    """A refusal to write to a person, said plainly (the generic 403 text speaks of
    channel rights).

    >>> e = telegram_error(403, {"error_code": 403,
    ...                          "description": "Forbidden: bot was blocked by the user"})
    >>> dialog_error(e).message
    'Telegram: пользователь заблокировал бота — ответьте ему другим способом'
    """
    for marker, reason in DIALOG_REFUSALS:
        if marker in error.message:
            return ConnectorError(f"Telegram: {reason} — ответьте ему другим способом",
                                  permanent=True, network="telegram", code=error.code)  # fmt: skip
    return error


def _chat_id(update: dict[str, Any]) -> int | None:
    message = update.get("message") or update.get("edited_message") or {}
    return message.get("chat", {}).get("id")


def _admin(member: dict[str, Any]) -> Admin:
    user = member["user"]
    name = " ".join(p for p in (user.get("first_name"), user.get("last_name")) if p)
    role = "creator" if member["status"] == "creator" else "administrator"
    return Admin(str(user["id"]), name or str(user.get("username", "")), role)


def _with_link(text: str, link: str | None) -> str:
    if not link or link in text:
        return text
    return f"{text}\n\n{link}" if text else link


def _form(params: dict[str, Any]) -> dict[str, str]:
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
