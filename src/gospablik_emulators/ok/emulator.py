"""Odnoklassniki REST emulator: signed requests on ``/fb.do`` (and ``/api/<a>/<b>``),
photo upload server, the Bot API for groups on ``/graph/…`` (:mod:`.emulator_chats`),
state and fault switches.

OK sends no webhooks for group topic comments (the connector polls
``discussions.getComments``); it pushes only what people write to a group
(``emulator.chats.write``) to the URLs the group subscribed, through ``push``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from datetime import time as dtime
from typing import Any

from gospablik.networks.ok.signing import verify

from ..emulation import (
    EmulatedTimeout,
    Fault,
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
from .emulator_chats import GroupChats
from .emulator_methods import METHODS, Call, receive_photos
from .emulator_state import DEMO_SEED, OKError, OKState, load_seed

__all__ = ["OKEmulator", "make_app"]
RATE_LIMIT_CODE = 11  # LIMIT_REACHED: what faults.push("rate_limit") answers
# group.getStatTrends' counters of a day, by the history plan's names (seed_history)
COUNTERS = {"renderings": "views", "page_visits": "visitors", "reach": "reach",
            "members_count": "members", "likes": "likes", "reshares": "reposts",
            "comments": "comments"}  # fmt: skip


class OKEmulator:
    def __init__(
        self,
        state: OKState | None = None,
        *,
        clock: Callable[[], float] = time.time,
        sender: Sender | None = None,
    ) -> None:
        self.state = state or OKState(clock)
        self.faults = FaultQueue(rate_limit_code=RATE_LIMIT_CODE)
        self.push = PushDelivery(sender)
        self.chats = GroupChats(self.state, self.push)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        req = read_request(environ)
        if req.path == "/fb.do" or req.path.startswith("/api/"):
            return self._api(req, start_response)
        if req.path.startswith("/upload/photos/"):
            return self._upload(req, start_response)
        if req.path.startswith("/graph/"):
            return self._graph(req, start_response)
        if req.path == "/__emulator__/state":
            summary = self.state.summary() | {"group_messages": self.chats.summary()}
            return json_response(start_response, summary | {"faults": self.faults.pending()})
        if req.path == "/__emulator__/faults":
            return faults_admin(self.faults, req, start_response)
        return text_response(start_response, "Not Found", "404 Not Found")

    def _api(self, req: Request, start_response: StartResponse) -> Iterable[bytes]:
        params = req.params
        name = params.get("method") or req.path.removeprefix("/api/").replace("/", ".")
        return self._run(name, lambda: self._dispatch(name, params, req.base_url), start_response)

    def _graph(self, req: Request, start_response: StartResponse) -> Iterable[bytes]:
        """Bot API calls; a fault targets ``graph.subscribe`` / ``graph.messages``."""
        name = "graph." + req.path.removeprefix("/graph/me/").split("/", 1)[0]
        return self._run(name, lambda: self.chats.handle(req), start_response)

    def _run(
        self, name: str, handler: Callable[[], Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        fault = self.faults.take(name)
        early = self._early(fault, name, start_response) if fault else None
        if early is not None:
            return early
        try:
            with self.state.lock:
                result = handler()
        except OKError as exc:
            return json_response(start_response, exc.body())
        if fault is not None and fault.kind == "accept_then_drop":
            raise ResponseLost(name)
        return json_response(start_response, result)

    def _early(
        self, fault: Fault, name: str, start_response: StartResponse
    ) -> Iterable[bytes] | None:
        if fault.kind == "timeout":
            raise EmulatedTimeout(name)
        if fault.kind == "http_500":
            return text_response(
                start_response, "Internal Server Error", "500 Internal Server Error"
            )
        if fault.kind == "error":
            return json_response(start_response, OKError(int(fault.code or 1), "injected").body())
        return None

    def _dispatch(self, name: str, params: dict[str, str], base_url: str) -> Any:
        secret = self.state.apps.get(params.get("application_key", ""))
        if secret is None:
            raise OKError(101, "Application key is not specified or unknown")
        if not verify(params, secret):
            raise OKError(104, "Invalid signature")
        handler = METHODS.get(name)
        if handler is None:
            raise OKError(3, f"Method {name} does not exist")
        token = self.state.tokens.get(params.get("access_token", ""))
        if not params.get("access_token"):
            raise OKError(453, "Session is required")
        if token is None or not token["valid"]:
            raise OKError(102, "Session expired")
        return handler(Call(self.state, token["uid"], token["permissions"], params, base_url))

    def _upload(self, req: Request, start_response: StartResponse) -> Iterable[bytes]:
        fault = self.faults.take("upload")
        early = self._early(fault, "upload", start_response) if fault else None
        if early is not None:
            return early
        files = [content for _, content, _ in (req.files[k] for k in sorted(req.files))]
        with self.state.lock:
            answer = receive_photos(self.state, req.path.rsplit("/", 1)[-1], files)
        return json_response(start_response, answer)

    # --- a human on ok.ru ---------------------------------------------------------------

    def add_comment(
        self, topic_id: str, author_id: str, text: str, reply_to: str | None = None
    ) -> dict[str, Any]:
        with self.state.lock:
            return self.state.new_comment(topic_id, author_id, text, reply_to)

    def add_external_topic(
        self, gid: str, text: str, author_id: str | None = None
    ) -> dict[str, Any]:
        author = f"user:{author_id}" if author_id else f"group:{gid}"
        with self.state.lock:
            return self.state.new_topic(gid, [{"type": "text", "text": text}], author)

    def add_reshare(self, gid: str, reshared_topic_id: str, text: str = "") -> dict[str, Any]:
        media = [{"type": "text", "text": text}] if text else []
        media.append({"type": "reshare", "reshared_topic_id": reshared_topic_id})
        with self.state.lock:
            return self.state.new_topic(gid, media, f"group:{gid}")

    def add_admin(self, gid: str, uid: str, status: str = "ADMIN") -> None:
        self.state.group(gid).members[uid] = status

    def set_stats(self, gid: str, day: date, **counters: int) -> None:
        start = int(datetime.combine(day, dtime.min, tzinfo=UTC).timestamp() * 1000)
        self.state.group(gid).stats[start] = dict(counters)

    def seed_history(self, gid: str, start: date, days: int, *, members: int) -> None:
        """``days`` days of believable statistics and group topics (seeded by the gid)."""

        def add_topic(when: datetime, post: PostPlan) -> None:
            media = [{"type": "text", "text": post.text}]
            topic = self.state.new_topic(gid, media, f"group:{gid}", int(when.timestamp() * 1000))
            topic |= {"likes": post.likes, "reshares": post.reposts,
                      "old_comments": post.comments}  # fmt: skip

        with self.state.lock:
            last = seed_history(f"ok:{gid}", start, days, members=members, counters=COUNTERS,
                                set_stats=lambda day, c: self.set_stats(gid, day, **c),
                                add_post=add_topic)  # fmt: skip
            self.state.group(gid).members_count = last

    def load(self, seed: dict[str, Any]) -> OKEmulator:
        load_seed(self.state, seed)
        self.chats.load(seed)
        return self


def make_app(seed: dict[str, Any] | None = None, **kwargs: Any) -> OKEmulator:
    """A fresh emulator loaded with ``seed`` (default: the demo groups)."""
    return OKEmulator(**kwargs).load(DEMO_SEED if seed is None else seed)
