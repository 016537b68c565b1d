"""A MAX channel through the MAX Bot API.

The host is configurable: the official Go client now uses ``https://platform-api2.max.ru``
and marks ``platform-api.max.ru`` as no longer allowed, while the bundled OpenAPI still
names ``botapi.max.ru`` (see docs/connectors.md). Auth is the ``Authorization: <token>``
header; all times are milliseconds since the epoch.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import httpx

from ..base import (
    Admin,
    BaseConnector,
    Capability,
    ConfigField,
    ConnectorError,
    InboundEvent,
    MediaFile,
    PostDraft,
    Profile,
    PublishedPost,
    RemoteComment,
    RemotePost,
    Stats,
    check_draft,
    comment_gone,
)
from ..http import parse_json
from .events import from_ms, parse_webhook, to_comment, update_events

DEFAULT_API = "https://platform-api2.max.ru"
MAX_TEXT = 4000
UPDATE_TYPES = ["message_created", "message_removed", "comment_created", "comment_edited",
                "comment_removed", "chat_title_changed"]  # fmt: skip


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def max_error(status: int, body: dict[str, Any], retry_after: str | None = None) -> ConnectorError:
    """Map a MAX error answer (``{"code": key, "message": text}``) to a ConnectorError.

    >>> max_error(401, {"code": "verify.token", "message": "Invalid access_token"}).needs_person
    True
    >>> e = max_error(429, {"code": "too.many.requests", "message": ""}, retry_after="3")
    >>> (e.retry_after, e.permanent)
    (3.0, False)
    """
    key = str(body.get("code") or status)
    text = f"{key}: {body.get('message') or ''}".rstrip(": ")
    # The HTTP status is the stable part (the docs list statuses, not keys); 400s are told
    # apart by key (``attachment.not.ready``).
    kw: dict[str, Any] = {"network": "max", "code": key if status == 400 else status}
    if status == 401:
        return ConnectorError("MAX: токен бота недействителен — выпустите новый в @MasterBot "
                              "(/revoke)", needs_person=True, **kw)  # fmt: skip
    if status == 429:
        wait = float(retry_after) if retry_after and retry_after.isdigit() else 5.0
        return ConnectorError(f"MAX: слишком много запросов ({text})", retry_after=wait, **kw)
    if status >= 500:
        return ConnectorError(f"MAX временно недоступен ({text})", retry_after=5.0,
                              maybe_applied=True, **kw)  # fmt: skip
    if key == "attachment.not.ready":
        return ConnectorError("MAX ещё обрабатывает вложение", retry_after=5.0, **kw)
    if status == 403:
        return ConnectorError(f"MAX: у бота нет прав ({text})", permanent=True, **kw)
    return ConnectorError(f"MAX отклонил запрос ({text})", permanent=True, **kw)


class MaxConnector(BaseConnector):
    network = "max"
    capabilities = frozenset({
        Capability.PUBLISH_TEXT, Capability.PUBLISH_PHOTO, Capability.PUBLISH_VIDEO,
        Capability.PUBLISH_LINK, Capability.DELETE_POST, Capability.READ_WALL,
        Capability.READ_COMMENTS, Capability.DELETE_COMMENT, Capability.BAN_USER,
        Capability.READ_PROFILE, Capability.READ_ADMINS, Capability.READ_STATS,
        Capability.PUSH_EVENTS, Capability.SEND_MESSAGE, Capability.REPLY_COMMENT,
    })  # fmt: skip
    config_schema = (
        ConfigField("chat_id", "Id канала (chat_id, отрицательное число)"),
        ConfigField("api_base", "Адрес MAX Bot API", required=False, help=DEFAULT_API),
        ConfigField("bot_token", "Токен бота", secret=True),
        ConfigField("webhook_secret", "Секрет вебхука", secret=True, required=False),
    )  # fmt: skip

    @property
    def chat_id(self) -> int:
        return int(self.config["chat_id"])

    def call(self, verb: str, path: str, *, params: dict[str, Any] | None = None,
             json: Any = None) -> Any:  # fmt: skip
        token = self.credentials["bot_token"]
        self.throttle(token, 20.0)
        url = f"{self.config.get('api_base') or DEFAULT_API}{path}"
        response = self.http.request(verb, url, params=params, json=json,
                                     headers={"Authorization": token})  # fmt: skip
        return self._result(response)

    def _result(self, response: httpx.Response) -> Any:
        body = parse_json(response, self.network)
        if response.status_code == 200:
            return body
        retry_after = response.headers.get("Retry-After")
        raise max_error(response.status_code, body if isinstance(body, dict) else {}, retry_after)

    # --- publishing -------------------------------------------------------------------------

    def publish(self, draft: PostDraft) -> PublishedPost:
        check_draft(self, draft)
        text = draft.text if not draft.link or draft.link in draft.text else (
            f"{draft.text}\n\n{draft.link}".strip())  # fmt: skip
        if len(text) > MAX_TEXT:
            raise self.error(f"Текст длиннее {MAX_TEXT} символов", permanent=True, code="too_long")
        attachments = [self._upload("image", p) for p in draft.photos]
        if draft.video:
            attachments.append(self._upload("video", draft.video))
        body = {"text": text, "attachments": attachments, "notify": True}
        result = self.call("POST", "/messages", params={"chat_id": self.chat_id}, json=body)
        return _published(result["message"])

    def _upload(self, kind: str, media: MediaFile) -> dict[str, Any]:
        """Three steps: ask for an upload URL, send the file there, attach the token."""
        slot = self.call("POST", "/uploads", params={"type": kind})
        self.throttle(self.credentials["bot_token"], 20.0)
        response = self.http.post(slot["url"], files={"data": (media.filename, media.content,
                                                               media.mime)})  # fmt: skip
        uploaded = self._result(response)
        if kind == "image":
            return {"type": "image", "payload": {"photos": uploaded["photos"]}}
        return {"type": kind, "payload": {"token": uploaded.get("token") or slot["token"]}}

    def find_published(
        self, idempotency_key: str, since: datetime, *, text: str | None = None
    ) -> PublishedPost | None:
        """MAX keeps no idempotency key: look for our text among channel posts since ``since``."""
        if not text:
            raise self.error("Не удалось проверить, вышел ли пост в MAX (нет текста для "
                             "сравнения): проверьте канал вручную",
                             needs_person=True, code="unverifiable")  # fmt: skip
        wanted = " ".join(text.split())
        for message in self._messages(since, 100):
            if " ".join(str(message["body"].get("text") or "").split()) == wanted:
                return _published(message)
        return None

    def delete_post(self, post_id: str) -> None:
        try:
            self.call("DELETE", "/messages", params={"message_id": post_id})
        except ConnectorError as error:
            if error.code != 404:
                raise  # a post that is already gone counts as deleted

    # --- reading ----------------------------------------------------------------------------

    def _messages(self, since: datetime | None, limit: int) -> list[dict[str, Any]]:
        """Channel messages, newest first (``from`` is the newer bound, ``to`` the older)."""
        params: dict[str, Any] = {"chat_id": self.chat_id, "count": min(limit, 100)}
        if since is not None:
            params.update({"from": _ms(datetime.now(UTC)) + 60_000, "to": _ms(since)})
        found: list[dict[str, Any]] = []
        while len(found) < limit:
            page = self.call("GET", "/messages", params=params)["messages"]
            found.extend(page)
            if len(page) < params["count"]:
                break
            params["from"] = page[-1]["timestamp"] - 1
        return found[:limit]

    def read_wall(self, since: datetime | None = None, limit: int = 100) -> list[RemotePost]:
        return [_remote_post(m) for m in self._messages(since, limit)]

    def read_comments(self, post_id: str, since_id: str | None = None) -> list[RemoteComment]:
        answer = self.call("GET", f"/messages/{post_id}/comments", params={"count": 100})
        comments = [to_comment(c) for c in answer.get("messages") or []]
        ids = [c.comment_id for c in comments]
        start = ids.index(since_id) + 1 if since_id in ids else 0
        return comments[start:]

    def delete_comment(self, comment: RemoteComment, *, block_author: bool = False) -> None:
        params = {"comment_id": comment.comment_id}
        self.call("DELETE", f"/messages/{comment.post_id}/comments", params=params)
        if block_author and comment.author_id:
            self.ban(comment.author_id, reason="other", until=None)

    def ban(self, user_id: str, *, reason: str, until: datetime | None, comment: str = "") -> None:
        """Remove and block the user (``block=true``); MAX has no ban term and no unblock
        method, and ``reason``/``comment`` stay in our own records."""
        if until is not None:
            self.unsupported(Capability.BAN_END_DATE)
        params = {"user_id": user_id, "block": "true"}
        self.call("DELETE", f"/chats/{self.chat_id}/members", params=params)

    # --- private messages to the bot -----------------------------------------------------------

    def reply_comment(self, post_id: str, comment_id: str, text: str, idempotency_key: str) -> str:
        """A comment under the channel post as the bot, in reply to the resident's comment.

        Checked against dev.max.ru (2026-12-07): ``POST /messages/{messageId}/comments``
        (https://dev.max.ru/docs-api/methods/POST/messages/-messageId-/comments/) with a
        NewCommentBody: ``text`` up to 4000 characters and ``link`` of type ``reply`` with
        the ``mid`` of the comment — comments take no attachments and no ``forward``
        (https://dev.max.ru/docs-api/objects/NewCommentBody/). The pages read do not show
        the answer's envelope: the comment (a CommentMessage) is read with or without a
        ``message`` wrapper."""
        body = {"text": text, "link": {"type": "reply", "mid": comment_id}}
        try:
            result = self.call("POST", f"/messages/{post_id}/comments", json=body)
        except ConnectorError as error:
            if str(error.code) == "404":
                raise comment_gone(self.network) from error
            raise
        comment = result.get("message", result) if isinstance(result, dict) else {}
        return str(comment["body"]["mid"])

    def send_message(self, peer_id: str, text: str, idempotency_key: str) -> str:
        """``POST /messages?user_id=…``: the answer lands in the person's dialog with the bot.
        MAX keeps no idempotency key: the outbound queue sends once per key, and one
        whose answer was lost cannot be checked (a person looks)."""
        user_id = self.answer_to(peer_id, text, MAX_TEXT)

        def send() -> str:
            try:
                result = self.call("POST", "/messages", params={"user_id": user_id},
                                   json={"text": text, "notify": True})  # fmt: skip
            except ConnectorError as error:
                raise _dialog_error(error) from error
            return str(result["message"]["body"]["mid"])

        return send()

    # --- events -----------------------------------------------------------------------------

    def poll_events(self, marker: int | None = None) -> tuple[list[InboundEvent], int | None]:
        """Long-poll once (``timeout=0``); pass the returned marker next time — it commits
        the updates received now."""
        params: dict[str, Any] = {"timeout": 0, "limit": 100, "types": ",".join(UPDATE_TYPES)}
        if marker is not None:
            params["marker"] = marker
        answer = self.call("GET", "/updates", params=params)
        events = [e for u in answer.get("updates") or [] for e in update_events(u, self.chat_id)]
        return events, answer.get("marker", marker)

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> list[InboundEvent]:
        return parse_webhook(body, headers, self.credentials.get("webhook_secret", ""),
                             self.chat_id)  # fmt: skip

    def register_webhook(self, url: str) -> None:
        body = {"url": url, "secret": self.credentials["webhook_secret"],
                "update_types": UPDATE_TYPES}  # fmt: skip
        self.call("POST", "/subscriptions", json=body)

    # --- the channel ------------------------------------------------------------------------

    def read_profile(self) -> Profile:
        chat = self.call("GET", f"/chats/{self.chat_id}")
        link = str(chat.get("link") or "")
        return Profile(
            community_id=str(chat["chat_id"]),
            title=str(chat.get("title") or ""),
            screen_name=link.rstrip("/").rsplit("/", 1)[-1] if link else "",
            description=str(chat.get("description") or ""),
            avatar_url=str((chat.get("icon") or {}).get("url") or ""),
            cover_url=None,
            members_count=chat.get("participants_count"),
            verified=None,
        )

    def read_admins(self) -> list[Admin]:
        answer = self.call("GET", f"/chats/{self.chat_id}/members/admins")
        return [
            Admin(str(m["user_id"]), str(m.get("name") or m.get("first_name") or ""),
                  "creator" if m.get("is_owner") else "administrator")
            for m in answer.get("members") or []
        ]  # fmt: skip

    def read_stats(self, since: date, until: date) -> Stats:
        """Subscribers now, and views summed over the posts published in the period (MAX
        returns per-post ``stat.views``; no reach or visitor figures)."""
        chat = self.call("GET", f"/chats/{self.chat_id}")
        start = datetime.combine(since, time.min, tzinfo=UTC)
        end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC)
        posts = [m for m in self._messages(start, 1000) if from_ms(m["timestamp"]) < end]
        views = sum(int((m.get("stat") or {}).get("views") or 0) for m in posts)
        return Stats(since, until, views=views, visitors=None, reach=None,
                     members=chat.get("participants_count"))  # fmt: skip


def _dialog_error(error: ConnectorError) -> ConnectorError:
    """MAX answers 403 when the person has not started the bot or has stopped it (the
    docs: "user suspended bot or it doesn't have access to chat"); 404 for no dialog."""
    if error.code in (403, 404):
        return ConnectorError("MAX: пользователь не начинал диалог с ботом или остановил его — "
                              "ответьте ему другим способом", permanent=True, network="max",
                              code=error.code)  # fmt: skip
    return error


def _published(message: dict[str, Any]) -> PublishedPost:
    return PublishedPost(str(message["body"]["mid"]), str(message.get("url") or ""),
                         from_ms(message["timestamp"]))  # fmt: skip


def _remote_post(message: dict[str, Any]) -> RemotePost:
    link = message.get("link") or {}
    forwarded = link.get("type") == "forward"
    return RemotePost(
        post_id=str(message["body"]["mid"]),
        text=str(message["body"].get("text") or ""),
        date=from_ms(message["timestamp"]),
        is_repost=forwarded,
        source=str(link.get("chat_id")) if forwarded else None,
        author_id=str((message.get("sender") or {}).get("user_id") or "") or None,
        url=str(message.get("url") or ""),
        kind="repost" if forwarded else "post",
    )
