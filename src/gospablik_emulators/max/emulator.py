"""A MAX Bot API emulator (WSGI) speaking the real wire format.

Auth by ``Authorization: <token>`` header (or the legacy ``access_token`` query
parameter); errors are ``{"code": "<key>", "message": "…"}`` with HTTP 400/401/403/404/
405/429/503. ``verify.token`` and ``attachment.not.ready`` are keys seen in the official
client's fixtures; the other keys are the emulator's own (the docs do not list them).
State is ``app.state`` (:class:`~.world.MaxWorld`), faults ``app.faults``.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from datetime import time as dtime
from http import HTTPStatus
from typing import Any

from gospablik.networks.max.events import SECRET_HEADER

from ..emulation import (
    EmulatedTimeout,
    Fault,
    HeaderMaker,
    PushingEmulator,
    Request,
    ResponseLost,
    Sender,
    StartResponse,
    json_response,
    read_request,
    refuse_seed,
)
from ..stats_history import plan_history
from .world import DEMO_TOKEN, MaxChat, MaxWorld

MAX_TEXT = 4000


class MaxApiError(Exception):
    def __init__(self, status: int, code: str, message: str = "") -> None:
        super().__init__(message or code)
        self.status = status
        self.code = code
        self.message = message


def _secret_header(secret: str | None) -> HeaderMaker:
    headers = {SECRET_HEADER: secret} if secret else {}
    return lambda body: headers


def _status(code: int) -> str:
    return f"{code} {HTTPStatus(code).phrase}"


def route_name(verb: str, path: str) -> str:
    """The fault-matching name of a call.

    >>> route_name("DELETE", "/chats/-700/members")
    'DELETE /chats/{id}/members'
    """
    return f"{verb} " + re.sub(r"/(-?\d+|mid\.[0-9a-f]+)(?=/|$)", "/{id}", path)


def _text(body: dict[str, Any]) -> str:
    text = str(body.get("text") or "")
    if len(text) > MAX_TEXT:
        raise MaxApiError(400, "proto.payload", f"text: size must be between 0 and {MAX_TEXT}")
    return text


class MaxEmulator(PushingEmulator):
    """WSGI app. ``push`` delivers updates to subscriptions (``POST /subscriptions``; tests
    set ``push.sender``, the emulator runner makes it real HTTP). Faults match
    ``"POST /messages"``-style names (HTTP verb and path with ids replaced by ``{id}``);
    ``faults.push("rate_limit")`` answers HTTP 429."""

    rate_limit_code = 429
    state: MaxWorld

    def __init__(
        self,
        token: str = DEMO_TOKEN,
        *,
        clock: Callable[[], float] | None = None,
        sender: Sender | None = None,
    ) -> None:
        super().__init__(MaxWorld(token, clock) if clock else MaxWorld(token), sender)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        req = read_request(environ)
        if req.path == "/__emulator__/state":
            return self.dump_state(start_response)
        name = route_name(req.method, req.path)
        fault = self.faults.take(name)
        if fault is not None and fault.kind != "accept_then_drop":
            return self._fault(fault, start_response)
        with self._lock:
            status, body = self.call(req)
        if fault is not None:
            raise ResponseLost(name)
        return json_response(start_response, body, _status(status))

    def _fault(self, fault: Fault, start_response: StartResponse) -> list[bytes]:
        if fault.kind == "timeout":
            raise EmulatedTimeout(fault.method or "")
        code = 500 if fault.kind == "http_500" else int(fault.code or 400)
        keys = {429: "too.many.requests", 500: "internal.error", 503: "service.unavailable",
                401: "verify.token"}  # fmt: skip
        key = keys.get(code, str(fault.extra.get("key", "proto.payload")))
        body = {"code": key, "message": HTTPStatus(code).phrase}
        headers = [("Content-Type", "application/json; charset=utf-8")]
        if "retry_after" in fault.extra:
            headers.append(("Retry-After", str(fault.extra["retry_after"])))
        start_response(_status(code), headers)
        return [json.dumps(body).encode()]

    def seed_history(self, start: date, days: int, *, members: int) -> None:
        """``days`` days of channel posts with view counters (seeded by the chat id); MAX
        has no community statistics method, so only the posts carry figures."""
        chat = self.state.channel()
        plans = plan_history(f"max:{chat.chat_id}", start, days, members=members)
        with self._lock:
            for plan in plans:
                for post in plan.posts:
                    when = datetime.combine(plan.day, dtime(post.hour), tzinfo=UTC)
                    message = self.state.post(chat, {"text": post.text})
                    message["timestamp"] = int(when.timestamp() * 1000)
                    message["stat"]["views"] = post.views
            chat.participants_count = plans[-1].members

    def call(self, req: Request) -> tuple[int, Any]:
        try:
            if req.path.startswith("/__upload__/"):  # the upload host takes no token
                return 200, self.receive_upload(req, req.path.rsplit("/", 1)[1])
            token = req.headers.get("Authorization") or req.query.get("access_token")
            if token != self.state.token:
                raise MaxApiError(401, "verify.token", "Invalid access_token")
            return 200, self._route(req)
        except MaxApiError as error:
            return error.status, {"code": error.code, "message": error.message}

    def _route(self, req: Request) -> Any:
        matches = [(verb, handler, m) for verb, pattern, handler in ROUTES
                   if (m := re.fullmatch(pattern, req.path))]  # fmt: skip
        for verb, handler, match in matches:
            if verb == req.method:
                return handler(self, req, *match.groups())
        if matches:
            raise MaxApiError(405, "method.not.allowed", f"Method {req.method} is not allowed")
        raise MaxApiError(404, "not.found", f"Path {req.path} not found")

    # --- helpers --------------------------------------------------------------------------------

    def _chat(self, chat_id: Any) -> MaxChat:
        try:
            chat = self.state.chats.get(int(chat_id))
        except (TypeError, ValueError):
            chat = None
        if chat is None:
            raise MaxApiError(404, "chat.not.found", f"Chat {chat_id} not found")
        return chat

    def _need(self, chat: MaxChat, permission: str) -> None:
        if not self.state.bot_can(chat, permission):
            raise MaxApiError(403, "chat.denied", f"Bot has no '{permission}' permission")

    def _message(self, mid: str) -> dict[str, Any]:
        message = self.state.messages.get(mid)
        if message is None:
            raise MaxApiError(404, "message.not.found", f"Message {mid} not found")
        return message

    def _deliver(self, update: dict[str, Any]) -> None:
        for sub in self.state.subscriptions:
            if sub["update_types"] and update["update_type"] not in sub["update_types"]:
                continue
            self.push.deliver(sub["url"], update, _secret_header(sub.get("secret")))

    # --- handlers ---------------------------------------------------------------------------

    def get_me(self, req: Request) -> Any:
        return {**self.state.bot, "description": "Бот госпаблика", "avatar_url": "",
                "full_avatar_url": "", "commands": None}  # fmt: skip

    def get_chat(self, req: Request, chat_id: str) -> Any:
        return self._chat(chat_id).as_max(self.state.now())

    def get_admins(self, req: Request, chat_id: str) -> Any:
        return {"members": self._chat(chat_id).admins, "marker": None}

    def remove_member(self, req: Request, chat_id: str) -> Any:
        chat = self._chat(chat_id)
        self._need(chat, "add_remove_members")
        user_id = int(req.query.get("user_id") or 0)
        if chat.member(user_id) is not None:
            raise MaxApiError(403, "chat.denied", "Cannot remove an administrator")
        if req.query.get("block") == "true":
            chat.blocked.add(user_id)
        return {"success": True}

    def get_messages(self, req: Request) -> Any:
        q = req.query
        items = [m for m in self.state.messages.values()
                 if str(m["recipient"]["chat_id"]) == q.get("chat_id")]  # fmt: skip
        if q.get("message_ids"):
            wanted = set(q["message_ids"].split(","))
            items = [m for m in self.state.messages.values() if m["body"]["mid"] in wanted]
        newest = int(q.get("from") or 2**62)
        oldest = int(q.get("to") or 0)
        items = [m for m in items if oldest <= m["timestamp"] <= newest]
        items.sort(key=lambda m: m["body"]["seq"], reverse=True)
        return {"messages": items[: int(q.get("count") or 50)]}

    def get_message(self, req: Request, mid: str) -> Any:
        return self._message(mid)

    def send_message(self, req: Request) -> Any:
        if req.query.get("user_id"):
            return self._send_to_user(req)
        chat = self._chat(req.query.get("chat_id"))
        self._need(chat, "write")
        body = req.json() or {}
        text = _text(body)
        attachments = [self._attachment(a) for a in body.get("attachments") or []]
        if not text and not attachments:
            raise MaxApiError(400, "proto.payload", "Message must have text or attachments")
        message = self.state.post(chat, {"text": text, "attachments": attachments})
        return {"message": message}

    def _send_to_user(self, req: Request) -> Any:
        """``POST /messages?user_id=``: only into a dialog the person opened and did not
        stop (403 otherwise; the key ``chat.denied`` is the emulator's own choice)."""
        user_id = int(req.query["user_id"])
        dialog = self.state.dialogs.get(user_id)
        if dialog is None or dialog["stopped"]:
            raise MaxApiError(403, "chat.denied", f"Bot cannot write to user {user_id}: the "
                              "user has not started the bot or has stopped it")  # fmt: skip
        text = _text(req.json() or {})
        if not text:
            raise MaxApiError(400, "proto.payload", "Message must have text or attachments")
        return {"message": self.state.dialog_post(user_id, text, self.state.bot)}

    def _attachment(self, request: dict[str, Any]) -> dict[str, Any]:
        kind, payload = request.get("type"), request.get("payload") or {}
        tokens = [p["token"] for p in (payload.get("photos") or {}).values()]
        tokens += [payload["token"]] if payload.get("token") else []
        if kind in ("image", "video", "file", "audio"):
            if not tokens or any(self.state.uploads.get(t) is None for t in tokens):
                raise MaxApiError(400, "attachment.not.ready", "")
            token = tokens[0]
            payload = {"token": token, "url": f"https://i.oneme.ru/{token}",
                       "photo_id": int(token.removeprefix("tok"), 16)}  # fmt: skip
            return {"type": kind, "payload": payload}
        return {"type": kind, "payload": payload}

    def edit_message(self, req: Request) -> Any:
        message = self._message(str(req.query.get("message_id")))
        message["body"]["text"] = _text(req.json() or {})
        return {"success": True}

    def delete_message(self, req: Request) -> Any:
        message = self._message(str(req.query.get("message_id")))
        self._need(self._chat(message["recipient"]["chat_id"]), "delete")
        del self.state.messages[message["body"]["mid"]]
        return {"success": True}

    def get_comments(self, req: Request, post_mid: str) -> Any:
        self._message(post_mid)
        items = sorted(self.state.comments[post_mid].values(), key=lambda c: c["body"]["seq"])
        return {"messages": items[: int(req.query.get("count") or 100)]}

    def add_comment(self, req: Request, post_mid: str) -> Any:
        """The bot comments under a channel post (a NewCommentBody: text, ``link`` of type
        ``reply`` only, no attachments — https://dev.max.ru/docs-api/objects/NewCommentBody/);
        ``link: {type: reply, mid}`` answers a comment, which must still exist."""
        self._message(post_mid)
        body = req.json() or {}
        text = _text(body)
        link = body.get("link") or {}
        if body.get("attachments") or (link and link.get("type") != "reply"):
            raise MaxApiError(400, "proto.payload", "Comments take text and a reply link only")
        reply_to = str(link.get("mid") or "") or None
        if reply_to and reply_to not in self.state.comments[post_mid]:
            raise MaxApiError(404, "comment.not.found", "Comment not found")
        comment = self.state.comment(post_mid, text, self.state.bot, reply_to)
        return {"message": comment}

    def delete_comment(self, req: Request, post_mid: str) -> Any:
        message = self._message(post_mid)
        self._need(self._chat(message["recipient"]["chat_id"]), "delete")
        comment = self.state.comments[post_mid].pop(str(req.query.get("comment_id")), None)
        if comment is None:
            raise MaxApiError(404, "comment.not.found", "Comment not found")
        return {"success": True}

    def get_updates(self, req: Request) -> Any:
        if self.state.subscriptions:
            raise MaxApiError(405, "method.not.allowed", "Long polling is off: webhook is set")
        marker = req.query.get("marker")
        pending = self.state.pending(int(marker) if marker else None)
        types = set(filter(None, (req.query.get("types") or "").split(",")))
        chosen = [u for u in pending if not types or u["update_type"] in types]
        chosen = chosen[: int(req.query.get("limit") or 100)]
        next_marker = chosen[-1]["_marker"] + 1 if chosen else self.state.marker
        self.state.marker = max(self.state.marker, next_marker)
        updates = [{k: v for k, v in u.items() if k != "_marker"} for u in chosen]
        return {"updates": updates, "marker": next_marker}

    def subscribe(self, req: Request) -> Any:
        body = req.json() or {}
        if not str(body.get("url", "")).startswith(("http://", "https://")):
            raise MaxApiError(400, "proto.payload", "url must start with http(s)://")
        secret = str(body.get("secret") or "")
        if secret and not re.fullmatch(r"[\w-]{5,256}", secret):
            raise MaxApiError(400, "proto.payload", "secret: 5-256 characters [A-Za-z0-9_-]")
        self.state.subscriptions = [s for s in self.state.subscriptions if s["url"] != body["url"]]
        subscription = {"url": body["url"], "time": self.state.now(),
                        "update_types": body.get("update_types") or [],
                        "version": body.get("version"), "secret": secret}  # fmt: skip
        self.state.subscriptions.append(subscription)
        return {"success": True}

    def list_subscriptions(self, req: Request) -> Any:
        subs = [{k: v for k, v in s.items() if k != "secret"} for s in self.state.subscriptions]
        return {"subscriptions": subs}

    def unsubscribe(self, req: Request) -> Any:
        url = req.query.get("url")
        self.state.subscriptions = [s for s in self.state.subscriptions if s["url"] != url]
        return {"success": True}

    def upload_url(self, req: Request) -> Any:
        kind = req.query.get("type")
        if kind not in ("image", "video", "audio", "file"):
            raise MaxApiError(400, "proto.payload", "type: must be image, video, audio or file")
        slot = secrets.token_hex(8)
        self.state.uploads[f"slot:{slot}"] = str(kind)
        answer = {"url": f"{req.base_url}/__upload__/{slot}"}
        if kind in ("video", "audio"):
            answer["token"] = f"tok{slot}"
        return answer

    def receive_upload(self, req: Request, slot: str) -> Any:
        """The upload server (another host in real MAX): takes multipart ``data``."""
        kind = self.state.uploads.pop(f"slot:{slot}", None)
        if kind is None or "data" not in req.files:
            raise MaxApiError(400, "proto.payload", "No upload slot or no 'data' file")
        token = f"tok{slot}"
        self.state.uploads[token] = kind
        if kind == "image":
            return {"photos": {f"p{slot}": {"token": token}}}
        return {"token": token}


Handler = Callable[..., Any]
_ID = r"(-?\d+)"
_MID = r"([\w.\-]+)"
ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/me", MaxEmulator.get_me),
    ("GET", f"/chats/{_ID}", MaxEmulator.get_chat),
    ("GET", f"/chats/{_ID}/members/admins", MaxEmulator.get_admins),
    ("DELETE", f"/chats/{_ID}/members", MaxEmulator.remove_member),
    ("GET", "/messages", MaxEmulator.get_messages),
    ("POST", "/messages", MaxEmulator.send_message),
    ("PUT", "/messages", MaxEmulator.edit_message),
    ("DELETE", "/messages", MaxEmulator.delete_message),
    ("GET", f"/messages/{_MID}/comments", MaxEmulator.get_comments),
    ("DELETE", f"/messages/{_MID}/comments", MaxEmulator.delete_comment),
    ("POST", f"/messages/{_MID}/comments", MaxEmulator.add_comment),
    ("GET", f"/messages/{_MID}", MaxEmulator.get_message),
    ("GET", "/updates", MaxEmulator.get_updates),
    ("POST", "/subscriptions", MaxEmulator.subscribe),
    ("GET", "/subscriptions", MaxEmulator.list_subscriptions),
    ("DELETE", "/subscriptions", MaxEmulator.unsubscribe),
    ("POST", "/uploads", MaxEmulator.upload_url),
]


def make_app(seed: dict[str, Any] | None = None) -> MaxEmulator:
    """A fresh emulator with the demo channel and ``DEMO_TOKEN``."""
    refuse_seed(seed)
    return MaxEmulator()


create_app = make_app
