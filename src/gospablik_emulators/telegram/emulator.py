"""A Telegram Bot API emulator (WSGI) speaking the real wire format.

``POST {base}/bot<token>/<method>`` with JSON, form or multipart parameters; answers
``{"ok": true, "result": …}`` or ``{"ok": false, "error_code": N, "description": "…",
"parameters": {"retry_after": S}}`` with the matching HTTP status. State lives in
:class:`~.world.TelegramWorld` (``app.state``); faults in ``app.faults``::

    app = make_app()
    app.faults.push("rate_limit", retry_after=3)   # next call: HTTP 429
    app.state.add_comment(post_id=1, text="Спасибо!")
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from gospablik.networks.telegram.events import SECRET_HEADER

from ..emulation import (
    EmulatedTimeout,
    Fault,
    PushingEmulator,
    Request,
    ResponseLost,
    Sender,
    StartResponse,
    json_response,
    read_request,
    refuse_seed,
)
from .world import DEMO_TOKEN, Chat, TelegramWorld

_PATH = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)")
MAX_TEXT, MAX_CAPTION = 4096, 1024
DELETE_WINDOW = 48 * 3600


class TelegramApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.code,
                                "description": self.description}  # fmt: skip
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def flood(retry_after: int) -> TelegramApiError:
    return TelegramApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)


def bad(description: str) -> TelegramApiError:
    return TelegramApiError(400, f"Bad Request: {description}")


def _status(code: int) -> str:
    return f"{code} {HTTPStatus(code).phrase}"


def _params(req: Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(req.params)
    if req.headers.get("Content-Type", "").startswith("application/json") and req.body:
        params.update(req.json())
    return params


def _flag(params: dict[str, Any], name: str, default: bool = False) -> bool:
    value = params.get(name)
    if value in (None, ""):
        return default
    return str(value).lower() in ("true", "1")


def _json_param(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


class TelegramEmulator(PushingEmulator):
    """WSGI app. ``push`` delivers webhooks once the bot calls ``setWebhook`` (tests set
    ``push.sender``; the emulator runner makes it real HTTP). ``faults.push("rate_limit",
    retry_after=S)`` answers HTTP 429 with ``retry_after``."""

    rate_limit_code = 429
    state: TelegramWorld

    def __init__(
        self,
        token: str = DEMO_TOKEN,
        *,
        clock: Callable[[], float] | None = None,
        sender: Sender | None = None,
    ) -> None:
        super().__init__(TelegramWorld(token, clock) if clock else TelegramWorld(token), sender)
        self._files: dict[str, bytes] = {}

    # --- WSGI -----------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        req = read_request(environ)
        if req.path == "/__emulator__/state":
            return self.dump_state(start_response)
        match = _PATH.fullmatch(req.path)
        if match is None:
            error = TelegramApiError(404, "Not Found")
            return json_response(start_response, error.body(), _status(404))
        fault = self.faults.take(match["method"])
        if fault is not None and fault.kind != "accept_then_drop":
            return self._fault(fault, start_response)
        with self._lock:
            code, body = self.call(match["token"], match["method"], req)
        if fault is not None:
            raise ResponseLost(match["method"])
        return json_response(start_response, body, _status(code))

    def _fault(self, fault: Fault, start_response: StartResponse) -> list[bytes]:
        if fault.kind == "timeout":
            raise EmulatedTimeout(fault.method or "")
        if fault.kind == "http_500":
            error = TelegramApiError(500, "Internal Server Error")
        elif fault.code == 429:
            error = flood(int(fault.extra.get("retry_after", 5)))
        else:
            code = int(fault.code or 400)
            text = fault.extra.get("description") or HTTPStatus(code).phrase
            error = TelegramApiError(code, str(text))
        return json_response(start_response, error.body(), _status(error.code))

    def call(self, token: str, method: str, req: Request) -> tuple[int, dict[str, Any]]:
        try:
            if token != self.state.token:
                raise TelegramApiError(401, "Unauthorized")
            handler = METHODS.get(method.lower())
            if handler is None:
                raise TelegramApiError(404, "Not Found")
            result = handler(self, _params(req), req)
        except TelegramApiError as error:
            return error.code, error.body()
        return 200, {"ok": True, "result": result}

    # --- helpers ----------------------------------------------------------------------

    def _chat(self, params: dict[str, Any]) -> Chat:
        chat = self.state.chat(params.get("chat_id"))
        if chat is None and self.state.chat_is_user(params.get("chat_id")):
            raise TelegramApiError(403, "Forbidden: bot can't initiate conversation with a user")
        if chat is None:
            raise bad("chat not found")
        return chat

    def _require_right(self, chat: Chat, right: str, error: str) -> None:
        entry = chat.admin(self.state.bot["id"])
        if entry is None or not entry.get(right, False):
            raise bad(error)

    def _send(self, params: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        if chat.type == "channel":
            self._require_right(chat, "can_post_messages", "need administrator rights in the "
                                "channel chat")  # fmt: skip
        if chat.type == "private" and chat.id in self.state.blocked_bot:
            raise TelegramApiError(403, "Forbidden: bot was blocked by the user")
        if "_group" in params:
            content["media_group_id"] = params["_group"]
        return self.state.post(chat, content)

    def _file(self, params: dict[str, Any], req: Request, field: str) -> str:
        value = params.get(field)
        if field in req.files:
            value = f"attach://{field}"
        if not value:
            raise bad(f"there is no {field} in the request")
        name = str(value).removeprefix("attach://")
        if str(value).startswith("attach://") and name not in req.files:
            raise bad(f"wrong file identifier/HTTP URL specified: {name} not found")
        file_id = f"AgACAgIAAxk{len(self._files):06d}{self.state.next_update_id}"
        self._files[file_id] = req.files[name][1] if name in req.files else str(value).encode()
        return file_id

    def _caption(self, params: dict[str, Any]) -> dict[str, Any]:
        caption = str(params.get("caption") or "")
        if len(caption) > MAX_CAPTION:
            raise bad("message caption is too long")
        return {"caption": caption} if caption else {}

    def _deliver(self, update: dict[str, Any]) -> None:
        url, secret = self.state.webhook["url"], self.state.webhook["secret_token"]
        if url:
            self.push.deliver(url, update, lambda body: {SECRET_HEADER: secret} if secret else {})
            self.state.confirm(update["update_id"] + 1)

    # --- Bot API methods ----------------------------------------------------------------

    def get_me(self, params: dict[str, Any], req: Request) -> Any:
        return {**self.state.bot, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}  # fmt: skip

    def get_chat(self, params: dict[str, Any], req: Request) -> Any:
        return self._chat(params).full()

    def get_chat_administrators(self, params: dict[str, Any], req: Request) -> Any:
        return self._chat(params).admins

    def get_chat_member_count(self, params: dict[str, Any], req: Request) -> Any:
        return self._chat(params).member_count

    def send_message(self, params: dict[str, Any], req: Request) -> Any:
        text = str(params.get("text") or "")
        if not text.strip():
            raise bad("message text is empty")
        if len(text) > MAX_TEXT:
            raise bad("message is too long")
        return self._send(params, {"text": text})

    def send_photo(self, params: dict[str, Any], req: Request) -> Any:
        photo = self._file(params, req, "photo")
        sizes = [{"file_id": photo, "file_unique_id": photo[-12:], "file_size": 1024,
                  "width": 90, "height": 60}]  # fmt: skip
        return self._send(params, {"photo": sizes, **self._caption(params)})

    def send_video(self, params: dict[str, Any], req: Request) -> Any:
        video = self._file(params, req, "video")
        meta = {"file_id": video, "file_unique_id": video[-12:], "width": 640, "height": 360,
                "duration": 10, "mime_type": "video/mp4"}  # fmt: skip
        return self._send(params, {"video": meta, **self._caption(params)})

    def send_animation(self, params: dict[str, Any], req: Request) -> Any:
        anim = self._file(params, req, "animation")
        meta = {"file_id": anim, "file_unique_id": anim[-12:], "width": 320, "height": 240,
                "duration": 3, "mime_type": "video/mp4"}  # fmt: skip
        return self._send(params, {"animation": meta, "document": meta, **self._caption(params)})

    def send_media_group(self, params: dict[str, Any], req: Request) -> Any:
        media = _json_param(params.get("media") or "[]")
        if not 2 <= len(media) <= 10:
            raise bad("wrong number of media in the album: must be 2-10")
        group_id = str(self.state.next_update_id * 1000 + len(self._files))
        messages = []
        for item in media:
            sub = {"chat_id": params.get("chat_id"), item["type"]: item["media"],
                   "caption": item.get("caption", ""), "_group": group_id}  # fmt: skip
            method = {"photo": self.send_photo, "video": self.send_video}[item["type"]]
            messages.append(method(sub, req))
        return messages

    def send_poll(self, params: dict[str, Any], req: Request) -> Any:
        chat = self._chat(params)
        options = [o if isinstance(o, str) else o["text"] for o in _json_param(params["options"])]
        anonymous = str(params.get("is_anonymous", True)).lower() not in ("false", "0")
        if chat.type == "channel" and not anonymous:
            raise bad("non-anonymous polls can't be sent to channel chats")
        if not 2 <= len(options) <= 12:
            raise bad("poll must have at least 2 option")
        kind = str(params.get("type") or "regular")
        poll = {"id": str(5000000000000000000 + self.state.next_update_id),
                "question": str(params["question"]),
                "options": [{"persistent_id": str(i), "text": o, "voter_count": 0}
                            for i, o in enumerate(options)],
                "total_voter_count": 0, "is_closed": False, "is_anonymous": anonymous,
                "type": kind, "allows_multiple_answers": _flag(params, "allows_multiple_answers"),
                "allows_revoting": _flag(params, "allows_revoting", kind != "quiz"),
                "members_only": _flag(params, "members_only")}  # fmt: skip
        return self._send(params, {"poll": poll})

    def send_document(self, params: dict[str, Any], req: Request) -> Any:
        document = self._file(params, req, "document")
        name, content, mime = req.files.get("document", ("document", b"", ""))
        meta = {"file_id": document, "file_unique_id": document[-12:], "file_name": name,
                "mime_type": mime or "application/octet-stream",
                "file_size": len(content)}  # fmt: skip
        return self._send(params, {"document": meta, **self._caption(params)})

    def edit_message_text(self, params: dict[str, Any], req: Request) -> Any:
        """The bot edits a text message of its own (a channel post or a message it sent)."""
        chat = self._chat(params)
        message = chat.messages.get(int(params.get("message_id") or 0))
        if message is None:
            raise bad("message to edit not found")
        if chat.type != "channel" and message.get("from", {}).get("id") != self.state.bot["id"]:
            raise bad("message can't be edited")
        if chat.type == "channel":
            self._require_right(chat, "can_edit_messages", "message can't be edited")
        if "text" not in message:
            raise bad("there is no text in the message to edit")
        text = str(params.get("text") or "")
        if not text.strip():
            raise bad("message text is empty")
        if len(text) > MAX_TEXT:
            raise bad("message is too long")
        if text == message["text"]:
            raise bad("message is not modified: specified new message content and reply "
                      "markup are exactly the same as a current content and reply markup "
                      "of the message")  # fmt: skip
        message.update(text=text, edit_date=self.state.now())
        return message

    def delete_message(self, params: dict[str, Any], req: Request) -> Any:
        chat = self._chat(params)
        message = chat.messages.get(int(params.get("message_id") or 0))
        if message is None:
            raise bad("message to delete not found")
        own = chat.type == "channel" or message.get("from", {}).get("id") == self.state.bot["id"]
        if not own:
            self._require_right(chat, "can_delete_messages", "message can't be deleted")
        if self.state.now() - message["date"] > DELETE_WINDOW:
            raise bad("message can't be deleted for everyone")
        del chat.messages[message["message_id"]]
        return True

    def delete_messages(self, params: dict[str, Any], req: Request) -> Any:
        ids = _json_param(params.get("message_ids") or "[]")
        if not 1 <= len(ids) <= 100:
            raise bad("message_ids must contain 1-100 identifiers")
        for message_id in ids:
            try:
                self.delete_message({**params, "message_id": message_id}, req)
            except TelegramApiError as error:
                if "not found" not in error.description:
                    raise
        return True

    def ban_chat_member(self, params: dict[str, Any], req: Request) -> Any:
        chat = self._chat(params)
        user_id = int(params.get("user_id") or 0)
        self._require_right(chat, "can_restrict_members",
                            "not enough rights to restrict/unrestrict chat member")  # fmt: skip
        if chat.admin(user_id) is not None:
            raise bad("user is an administrator of the chat")
        until = int(params.get("until_date") or 0)
        forever = until == 0 or not 30 <= until - self.state.now() <= 366 * 86400
        chat.banned[user_id] = 0 if forever else until
        return True

    def unban_chat_member(self, params: dict[str, Any], req: Request) -> Any:
        chat = self._chat(params)
        self._require_right(chat, "can_restrict_members",
                            "not enough rights to restrict/unrestrict chat member")  # fmt: skip
        chat.banned.pop(int(params.get("user_id") or 0), None)
        return True

    def get_updates(self, params: dict[str, Any], req: Request) -> Any:
        if self.state.webhook["url"]:
            raise TelegramApiError(
                409,
                "Conflict: can't use getUpdates method while webhook "
                "is active; use deleteWebhook to delete the webhook first",
            )
        if params.get("offset") not in (None, ""):
            self.state.confirm(int(params["offset"]))
        limit = int(params.get("limit") or 100)
        allowed = _json_param(params.get("allowed_updates") or "[]")
        updates = [u for u in self.state.updates if not allowed or set(u) & set(allowed)]
        return updates[:limit]

    def set_webhook(self, params: dict[str, Any], req: Request) -> Any:
        secret = str(params.get("secret_token") or "")
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad("secret token contains unallowed characters")
        self.state.webhook.update(url=str(params.get("url") or ""), secret_token=secret)
        if str(params.get("drop_pending_updates", "")).lower() in ("true", "1"):
            self.state.updates.clear()
        return True

    def delete_webhook(self, params: dict[str, Any], req: Request) -> Any:
        self.state.webhook.update(url="", secret_token="")
        return True

    def get_webhook_info(self, params: dict[str, Any], req: Request) -> Any:
        return {"url": self.state.webhook["url"], "has_custom_certificate": False,
                "pending_update_count": len(self.state.updates)}  # fmt: skip


Handler = Callable[[TelegramEmulator, dict[str, Any], Request], Any]
METHODS: dict[str, Handler] = {
    name.replace("_", ""): getattr(TelegramEmulator, name)
    for name in (
        "get_me", "get_chat", "get_chat_administrators", "get_chat_member_count",
        "send_message", "send_photo", "send_video", "send_animation", "send_media_group",
        "send_poll", "send_document", "edit_message_text", "delete_message", "delete_messages",
        "ban_chat_member", "unban_chat_member", "get_updates", "set_webhook", "delete_webhook",
        "get_webhook_info",
    )
}  # fmt: skip


def make_app(seed: dict[str, Any] | None = None) -> TelegramEmulator:
    """A fresh emulator with the demo channel, its discussion group and ``DEMO_TOKEN``."""
    refuse_seed(seed)
    return TelegramEmulator()


create_app = make_app
