"""VK API emulator: a WSGI app speaking VK's wire format, with state and fault switches.

Paths: ``/method/<name>`` (API), ``/upload/<kind>/<id>`` (upload servers),
``/longpoll/<group_id>`` (Bots Long Poll), ``/media/...`` (images),
``/__emulator__/state`` (GET, JSON summary), ``/__emulator__/faults`` (POST a fault as
JSON ``{"kind": "error", "code": 6, "count": 1, "method": "wall.post"}``; DELETE clears;
``faults.push("rate_limit")`` is VK error 6).

"A human in the VK UI" is the Python API (``add_comment``, ``add_admin``,
``rename_community``, ``change_photo``, ``add_external_post``, ``send_message``); each
change also sends the Callback API event to the confirmed callback servers, with retries
carrying ``X-Retry-Counter``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from datetime import time as dtime
from typing import Any

from ..emulation import (
    FaultQueue,
    PushDelivery,
    Request,
    ResponseLost,
    Sender,
    StartResponse,
    faults_admin,
    json_response,
    read_request,
    text_response,
)
from ..stats_history import PostPlan, seed_history
from . import emulator_groups, emulator_wall
from .emulator_calls import METHODS, Call, check_token
from .emulator_execute import ExecuteResult, execute
from .emulator_faults import apply_fault, error_body
from .emulator_seed import DEMO_SEED, load_seed
from .emulator_state import CallbackServer, Token, VKError, VKState

__all__ = ["VKEmulator", "make_app"]
RATE_LIMIT_CODE = 6  # "Too many requests per second": what faults.push("rate_limit") answers
# stats.get's counters of a day, by the history plan's names (seed_history)
COUNTERS = {"views": "views", "visitors": "visitors", "reach": "reach", "subscribed": "subscribed",
            "unsubscribed": "unsubscribed", "likes": "likes", "copies": "reposts",
            "comments": "comments"}  # fmt: skip
_GIF = bytes.fromhex(
    "47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b"
)


def _vk_accepts(status: int, reply: str) -> bool:
    return status == 200 and reply.strip() == "ok"


class VKEmulator:
    def __init__(
        self,
        state: VKState | None = None,
        *,
        sender: Sender | None = None,
        callback_retries: int = 3,
        callback_backoff: float = 0.0,
        background_delivery: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.state = state or VKState(clock)
        self.faults = FaultQueue(rate_limit_code=RATE_LIMIT_CODE)
        self.push = PushDelivery(
            sender,
            retries=callback_retries,
            backoff=callback_backoff,
            background=background_delivery,
            accept=_vk_accepts,
        )
        self._pending: list[dict[str, Any]] = []
        self._pending_lock = threading.Lock()

    # --- WSGI --------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        req = read_request(environ)
        path = req.path
        if path.startswith("/method/"):
            return self._api(req, path[len("/method/") :], start_response)
        if path.startswith("/upload/"):
            return self._upload(req, start_response)
        if path.startswith("/longpoll/"):
            return self._long_poll(req, start_response)
        if path.startswith("/media/"):
            start_response("200 OK", [("Content-Type", "image/gif")])
            return [_GIF]
        if path == "/__emulator__/state":
            return json_response(
                start_response, self.state.summary() | {"faults": self.faults.pending()}
            )
        if path == "/__emulator__/faults":
            return faults_admin(self.faults, req, start_response)
        return text_response(start_response, "Not Found", "404 Not Found")

    def _api(self, req: Request, name: str, start_response: StartResponse) -> Iterable[bytes]:
        params = req.params
        fault = self.faults.take(name)
        if fault is not None:
            early = apply_fault(fault, name, params, req.base_url, start_response)
            if early is not None:
                return early
        try:
            result = self._dispatch(req, name, params)
        except VKError as exc:
            self._flush()  # events of a failed call were not queued: handlers raise first
            return json_response(start_response, error_body(exc, name, params))
        self._flush()
        if fault is not None and fault.kind == "accept_then_drop":
            raise ResponseLost(name)
        if isinstance(result, ExecuteResult):
            body = {"response": result.value}
            return json_response(start_response, body | _execute_errors(result))
        return json_response(start_response, {"response": result})

    def _dispatch(self, req: Request, name: str, params: dict[str, str]) -> Any:
        if not params.get("v"):
            raise VKError(8, "Invalid request: v (version) is required")
        if name == "execute":
            self._token(req, params)
            code = params.get("code") or ""
            return execute(
                code,
                lambda method, inner: self._dispatch(
                    req,
                    method,
                    {"v": params["v"], "access_token": params.get("access_token", ""), **inner},
                ),
            )
        spec = METHODS.get(name)
        if spec is None:
            raise VKError(3, "Unknown method passed")
        token = self._token(req, params)
        check_token(spec, token)
        with self.state.lock:
            emulator_wall.publish_due(self.state, self._queue)
            return spec.handler(Call(self.state, token, params, req.base_url, self._queue))

    def _token(self, req: Request, params: dict[str, str]) -> Token:
        value = params.get("access_token") or req.headers.get("Authorization", "").removeprefix(
            "Bearer "
        )
        token = self.state.tokens.get(value.strip()) if value else None
        if token is None:
            raise VKError(5, "User authorization failed: invalid access_token (4).")
        if not token.valid:
            if token.kind == "group":
                raise VKError(27, "Group authorization failed: invalid access_token.")
            raise VKError(5, "User authorization failed: access_token has expired.")
        return token

    def _upload(self, req: Request, start_response: StartResponse) -> Iterable[bytes]:
        upload_id = req.path.rstrip("/").rsplit("/", 1)[-1]
        fault = self.faults.take("upload")
        if fault is not None:
            early = apply_fault(fault, "upload", {}, req.base_url, start_response)
            if early is not None:
                return early
        filename, content = next(((f[0], f[1]) for f in req.files.values()), ("", b""))
        with self.state.lock:
            answer = emulator_groups.receive_upload(self.state, upload_id, filename, content)
        return json_response(start_response, answer)

    def _long_poll(self, req: Request, start_response: StartResponse) -> Iterable[bytes]:
        community = self.state.community(req.path.rstrip("/").rsplit("/", 1)[-1])
        current = len(community.events)
        fault = self.faults.take("longpoll")
        if fault is not None and fault.code in (1, 2, 3):
            if fault.code in (2, 3):
                community.lp_key = self.state.secret_hex("lp", community.id)
            answer: dict[str, Any] = {"failed": fault.code}
            return json_response(
                start_response, answer | ({"ts": str(current)} if fault.code == 1 else {})
            )
        if req.query.get("key") != community.lp_key:
            return json_response(start_response, {"failed": 2})
        ts = int(req.query.get("ts") or 0)
        if ts > current:
            return json_response(start_response, {"failed": 1, "ts": str(current)})
        return json_response(start_response, {"ts": str(current), "updates": community.events[ts:]})

    # --- events ------------------------------------------------------------------------

    def _queue(self, group_id: int, event_type: str, obj: dict[str, Any]) -> None:
        event = self.state.make_event(group_id, event_type, obj)
        with self._pending_lock:
            self._pending.append(event)

    def _flush(self) -> None:
        with self._pending_lock:
            pending, self._pending = self._pending, []
        for event in pending:
            for server in self.state.community(event["group_id"]).callback_servers:
                if server.status == "ok":
                    self.push.deliver(server.url, event | {"secret": server.secret})

    def emit(self, group_id: int, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
        with self.state.lock:
            event = self.state.make_event(group_id, event_type, obj)
        with self._pending_lock:
            self._pending.append(event)
        self._flush()
        return event

    def add_callback_server(
        self, group_id: int, url: str, secret: str, *, confirm: bool = True
    ) -> CallbackServer:
        """Register our endpoint as VK's UI does; ``confirm`` runs the handshake."""
        community = self.state.community(group_id)
        server = CallbackServer(url, secret)
        community.callback_servers.append(server)
        if confirm:
            self.confirm_server(group_id, server)
        return server

    def confirm_server(self, group_id: int, server: CallbackServer) -> bool:
        """VK's handshake: one POST ``{"type": "confirmation"}``; the reply must be the code."""
        community = self.state.community(group_id)
        body = json.dumps({"type": "confirmation", "group_id": group_id}).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        status, reply = self.push.sender(server.url, body, headers)
        ok = status == 200 and reply.strip() == community.confirmation_code
        server.status = "ok" if ok else "failed"
        return ok

    # --- a human in the VK UI ------------------------------------------------------------

    def add_comment(
        self, group_id: int, post_id: int, from_id: int, text: str, reply_to: int | None = None
    ) -> dict[str, Any]:
        with self.state.lock:
            comment = emulator_wall.new_comment(
                self.state, -group_id, post_id, from_id, text, reply_to
            )
        self.emit(group_id, "wall_reply_new", emulator_wall.comment_view(self.state, comment))
        return comment

    def edit_comment(self, group_id: int, comment_id: int, text: str) -> dict[str, Any]:
        comment = self.state.comment(-group_id, comment_id)
        comment["text"] = text
        self.emit(group_id, "wall_reply_edit", emulator_wall.comment_view(self.state, comment))
        return comment

    def add_admin(self, group_id: int, user_id: int, role: str, by: int = 0) -> None:
        levels = {"moderator": 1, "editor": 2, "administrator": 3, "creator": 3}
        managers = self.state.community(group_id).managers
        old = levels.get(managers.get(user_id, ""), 0)
        managers[user_id] = role
        self.emit(
            group_id,
            "group_officers_edit",
            {
                "admin_id": by,
                "user_id": user_id,
                "level_old": old,
                "level_new": levels.get(role, 0),
            },
        )

    def remove_admin(self, group_id: int, user_id: int, by: int = 0) -> None:
        levels = {"moderator": 1, "editor": 2, "administrator": 3, "creator": 3}
        old = levels.get(self.state.community(group_id).managers.pop(user_id, ""), 0)
        self.emit(
            group_id,
            "group_officers_edit",
            {"admin_id": by, "user_id": user_id, "level_old": old, "level_new": 0},
        )

    def rename_community(self, group_id: int, title: str, by: int = 0) -> None:
        community = self.state.community(group_id)
        old, community.name = community.name, title
        self.emit(
            group_id,
            "group_change_settings",
            {"user_id": by, "changes": {"title": {"old_value": old, "new_value": title}}},
        )

    def change_photo(self, group_id: int, url: str, by: int = 0) -> None:
        community = self.state.community(group_id)
        community.photo_200 = url
        photo = {
            "id": self.state.next_id(),
            "owner_id": -group_id,
            "date": self.state.now(),
            "sizes": [{"type": "x", "url": url, "width": 200, "height": 200}],
        }
        self.emit(group_id, "group_change_photo", {"user_id": by, "photo": photo})

    def add_external_post(
        self, group_id: int, text: str, from_id: int | None = None
    ) -> dict[str, Any]:
        """A post made outside gospablik (in VK's UI), by the community or a member."""
        author = -group_id if from_id is None else from_id
        with self.state.lock:
            post = emulator_wall.new_post(self.state, -group_id, author, text)
            post["post_source"] = {"type": "vk"}
        self.emit(group_id, "wall_post_new", post)
        return post

    def send_message(self, group_id: int, from_id: int, text: str) -> dict[str, Any]:
        message = {
            "date": self.state.now(),
            "from_id": from_id,
            "id": self.state.next_id(),
            "out": 0,
            "peer_id": from_id,
            "text": text,
            "conversation_message_id": 1,
            "fwd_messages": [],
            "important": False,
            "is_hidden": False,
            "attachments": [],
            "random_id": 0,
            "version": self.state.next_id(),
        }
        client_info = {
            "button_actions": ["text"],
            "keyboard": True,
            "inline_keyboard": True,
            "carousel": True,
            "lang_id": 0,
        }
        with self.state.lock:
            self.state.writers.add((group_id, from_id))
        self.emit(group_id, "message_new", {"message": message, "client_info": client_info})
        return message

    def sent_messages(self, group_id: int) -> list[dict[str, Any]]:
        """Messages the community sent (``messages.send``), oldest first."""
        with self.state.lock:
            mine = [m for (g, _), m in self.state.sent.items() if g == group_id]
        return sorted(mine, key=lambda m: int(m["id"]))

    def set_stats(self, group_id: int, day: date, **counters: int) -> None:
        start = int(datetime.combine(day, dtime.min, tzinfo=UTC).timestamp())
        self.state.community(group_id).stats[start] = dict(counters)

    def seed_history(self, group_id: int, start: date, days: int, *, members: int) -> None:
        """``days`` days of believable statistics and wall posts (seeded by the group id)."""

        def add_post(when: datetime, post: PostPlan) -> None:
            item = emulator_wall.new_post(self.state, -group_id, -group_id, post.text,
                                          date=int(when.timestamp()))  # fmt: skip
            item["views"]["count"] = post.views
            item["likes"]["count"] = post.likes
            item["reposts"]["count"] = post.reposts
            item["comments"]["count"] = post.comments

        with self.state.lock:
            last = seed_history(f"vk:{group_id}", start, days, members=members, counters=COUNTERS,
                                set_stats=lambda day, c: self.set_stats(group_id, day, **c),
                                add_post=add_post)  # fmt: skip
            self.state.community(group_id).members_count = last

    def load(self, seed: dict[str, Any]) -> VKEmulator:
        load_seed(self.state, seed)
        return self


def _execute_errors(result: ExecuteResult) -> dict[str, Any]:
    return {"execute_errors": result.errors} if result.errors else {}


def make_app(seed: dict[str, Any] | None = None, **kwargs: Any) -> VKEmulator:
    """A fresh emulator loaded with ``seed`` (default: the demo communities)."""
    return VKEmulator(**kwargs).load(DEMO_SEED if seed is None else seed)
