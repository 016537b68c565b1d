"""Shared kit for the network emulators: fault switches, WSGI request/response helpers,
the in-process httpx transport and push delivery (Callback-API-like webhooks).

An emulator is a WSGI app. It calls ``faults.take(method)`` before handling a call and
reacts to the fault: answer HTTP 500, answer an API error code, raise
:class:`EmulatedTimeout` (before applying the call) or :class:`ResponseLost` (after
applying it: "accepted, response lost"). :func:`emulator_transport` turns the two
exceptions into ``httpx.ReadTimeout`` / ``httpx.RemoteProtocolError`` for in-process
tests; :func:`served` turns them into a slow 504 / a 502 when the app runs as a server.
"""

from __future__ import annotations

import email.parser
import email.policy
import io
import json
import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import parse_qsl

import httpx

log = logging.getLogger("gospablik_emulators.emulation")

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

# ``rate_limit`` is shorthand for an ``error`` fault carrying the emulator's own throttling
# code (VK 6, OK 11, Graph 32, Telegram/MAX HTTP 429, LiveJournal 405).
FAULT_KINDS = ("timeout", "http_500", "error", "accept_then_drop", "rate_limit")


class EmulatedTimeout(Exception):
    """The emulator "hangs" (the call was not applied)."""


class ResponseLost(Exception):
    """The emulator applied the call, then lost the response."""


@dataclass
class Fault:
    kind: str  # one of FAULT_KINDS
    count: int = 1
    method: str | None = None  # None = any method
    code: int | None = None  # for kind == "error"
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "count": self.count, "method": self.method, "code": self.code}


class FaultQueue:
    """Faults to inject, consumed in order by matching calls. ``rate_limit_code`` is the
    error code ``push("rate_limit")`` stands for (``code=`` overrides it).

    >>> q = FaultQueue(rate_limit_code=6)
    >>> _ = q.push(6, method="wall.post")
    >>> q.take("wall.get") is None, q.take("wall.post").code, q.take("wall.post")
    (True, 6, None)
    >>> q.push("rate_limit").as_dict()
    {'kind': 'error', 'count': 1, 'method': None, 'code': 6}
    """

    def __init__(self, rate_limit_code: int | None = None) -> None:
        self.rate_limit_code = rate_limit_code
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def push(
        self, kind: str | int, count: int = 1, method: str | None = None, **extra: Any
    ) -> Fault:
        code = extra.pop("code", None)
        if kind == "rate_limit":
            kind, code = "error", self.rate_limit_code if code is None else code
            if code is None:
                raise ValueError("this emulator has no rate-limit code: pass code=…")
        if isinstance(kind, int):
            kind, code = "error", kind
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        fault = Fault(kind, count, method, code, extra)
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, method: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.method in (None, method):
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.as_dict() for f in self._faults]


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    files: dict[str, tuple[str, bytes, str]]
    headers: dict[str, str]
    body: bytes
    base_url: str  # scheme://host[:port] as the client addressed us

    @property
    def params(self) -> dict[str, str]:
        """Query and form parameters together (form wins), as APIs that accept both do."""
        return {**self.query, **self.form}

    def json(self) -> Any:
        return json.loads(self.body or b"null")


def read_request(environ: dict[str, Any]) -> Request:
    body = _read_body(environ)
    ctype = environ.get("CONTENT_TYPE", "")
    form, files = _parse_body(ctype, body)
    headers = {k[5:].replace("_", "-").title(): v for k, v in environ.items() if k[:5] == "HTTP_"}
    headers["Content-Type"] = ctype
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return Request(
        method=environ["REQUEST_METHOD"],
        path=environ.get("PATH_INFO", "/"),
        query=dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)),
        form=form,
        files=files,
        headers=headers,
        body=body,
        base_url=f"{environ.get('wsgi.url_scheme', 'http')}://{host}",
    )


def _chunked(environ: dict[str, Any]) -> bool:
    return "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()


def _read_body(environ: dict[str, Any]) -> bytes:
    """The request body: ``Content-Length`` bytes, or, for ``Transfer-Encoding: chunked``
    (no length), everything the server hands us (:func:`served` decodes the chunks)."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        return bytes(environ["wsgi.input"].read(length))
    if _chunked(environ):
        return bytes(environ["wsgi.input"].read())
    return b""


def dechunk(stream: Any) -> bytes:
    r"""Decode a ``Transfer-Encoding: chunked`` body from a raw socket file (RFC 9112 §7.1),
    as a real HTTP server does before the application sees it.

    >>> import io
    >>> dechunk(io.BytesIO(b"4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\n"))
    b'Wikipedia'
    """
    body = bytearray()
    while True:
        size_line = stream.readline(65537)
        size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            break
        body += stream.read(size)
        stream.readline()  # the CRLF after the chunk
    while stream.readline(65537) not in (b"\r\n", b"\n", b""):
        pass  # trailer fields
    return bytes(body)


def _parse_body(
    ctype: str, body: bytes
) -> tuple[dict[str, str], dict[str, tuple[str, bytes, str]]]:
    if ctype.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(body.decode(), keep_blank_values=True)), {}
    if ctype.startswith("multipart/form-data"):
        return _parse_multipart(ctype, body)
    return {}, {}


def _parse_multipart(
    ctype: str, body: bytes
) -> tuple[dict[str, str], dict[str, tuple[str, bytes, str]]]:
    raw = b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    form: dict[str, str] = {}
    files: dict[str, tuple[str, bytes, str]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition") or ""
        raw_payload = part.get_payload(decode=True)
        payload = raw_payload if isinstance(raw_payload, bytes) else b""
        filename = part.get_filename()
        if filename is None:
            form[str(name)] = payload.decode()
        else:
            files[str(name)] = (filename, payload, part.get_content_type())
    return form, files


def json_response(start_response: StartResponse, obj: Any, status: str = "200 OK") -> list[bytes]:
    body = json.dumps(obj, ensure_ascii=False).encode()
    start_response(
        status,
        [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return [body]


def text_response(start_response: StartResponse, text: str, status: str = "200 OK") -> list[bytes]:
    body = text.encode()
    start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
    return [body]


def faults_admin(faults: FaultQueue, req: Request, start_response: StartResponse) -> list[bytes]:
    """``/__emulator__/faults``: POST one fault as JSON (``{"kind": "error", "code": 6,
    "count": 1, "method": "wall.post"}``), DELETE clears; answers the pending faults."""
    if req.method == "DELETE":
        faults.clear()
    elif req.method == "POST":
        spec = req.json() or {}
        kind = spec.pop("kind", "error")
        faults.push(kind, int(spec.pop("count", 1)), spec.pop("method", None), **spec)
    return json_response(start_response, {"faults": faults.pending()})


def refuse_seed(seed: dict[str, Any] | None) -> None:
    """Seed files (``gospablik emulator … --seed``) are for VK/OK; the other emulators are
    set up through their Python state API instead."""
    if seed is not None:
        raise ValueError("this emulator takes no seed file; use app.state methods instead")


class _EmulatorTransport(httpx.WSGITransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return super().handle_request(request)
        except EmulatedTimeout:
            raise httpx.ReadTimeout("emulated timeout", request=request) from None
        except ResponseLost:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None


def emulator_transport(app: WSGIApp) -> httpx.BaseTransport:
    """An httpx transport that runs ``app`` in-process (every host routes to it)."""
    return _EmulatorTransport(app=app)


def served(app: WSGIApp, timeout_sleep: float = 30.0) -> WSGIApp:
    """Wrap an emulator for a real server: a timeout sleeps then answers 504, a lost
    response answers 502 with an empty body."""

    def wrapper(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if _chunked(environ) and not environ.get("CONTENT_LENGTH"):
            body = dechunk(environ["wsgi.input"])
            environ = {**environ, "wsgi.input": io.BytesIO(body),
                       "CONTENT_LENGTH": str(len(body))}  # fmt: skip
        try:
            return list(app(environ, start_response))
        except EmulatedTimeout:
            time.sleep(timeout_sleep)
            return text_response(start_response, "", "504 Gateway Timeout")
        except ResponseLost:
            return text_response(start_response, "", "502 Bad Gateway")

    return wrapper


# --- push delivery (emulator -> our webhook endpoint) -------------------------------

Sender = Callable[[str, bytes, dict[str, str]], tuple[int, str]]  # -> (status, body text)
HeaderMaker = Callable[[bytes], Mapping[str, str]]  # body -> extra headers


def http_sender(timeout: float = 5.0) -> Sender:
    """POST over real HTTP (demo: the emulator runs as a server, our app too)."""

    def send(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        try:
            response = httpx.post(url, content=body, headers=headers, timeout=timeout)
        except httpx.HTTPError:
            return 0, ""
        return response.status_code, response.text

    return send


def wsgi_sender(app: WSGIApp) -> Sender:
    """Call a WSGI app (e.g. our Django app) in-process."""
    client = httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://testserver")

    def send(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        response = client.post(url, content=body, headers=headers)
        return response.status_code, response.text

    return send


@dataclass
class Delivery:
    url: str
    body: bytes
    attempts: list[int] = field(default_factory=list)  # status of each attempt (0 = no answer)
    reply: str = ""
    delivered: bool = False
    headers: dict[str, str] = field(default_factory=dict)  # the network's own (signatures)


def accept_2xx(status: int, reply: str) -> bool:
    return 200 <= status < 300


class PushDelivery:
    """Delivers webhook bodies with retries; retry ``n`` carries ``<retry_header>: n``.
    ``accept(status, reply)`` says whether the receiver took the event (VK wants "ok")."""

    def __init__(
        self,
        sender: Sender | None = None,
        *,
        retries: int = 3,
        backoff: float = 0.0,
        retry_header: str = "X-Retry-Counter",
        background: bool = False,
        accept: Callable[[int, str], bool] = accept_2xx,
    ) -> None:
        self.sender = sender or http_sender()
        self.accept = accept
        self.retries = retries
        self.backoff = backoff
        self.retry_header = retry_header
        self.background = background
        self.log: list[Delivery] = []

    def deliver(
        self, url: str, payload: dict[str, Any], headers: HeaderMaker | None = None
    ) -> Delivery:
        """Send ``payload`` as JSON; ``headers(body)`` adds the network's own headers (a
        secret, a signature of the body) to every attempt."""
        delivery = Delivery(url, json.dumps(payload, ensure_ascii=False).encode())
        delivery.headers = dict(headers(delivery.body)) if headers else {}
        self.log.append(delivery)
        if self.background:
            threading.Thread(target=self._run, args=(delivery,), daemon=True).start()
        else:
            self._run(delivery)
        return delivery

    def _run(self, delivery: Delivery) -> None:
        for attempt in range(self.retries + 1):
            headers = {"Content-Type": "application/json; charset=utf-8"}
            if attempt:
                headers[self.retry_header] = str(attempt)
                time.sleep(self.backoff * attempt)
            headers.update(delivery.headers)
            status, delivery.reply = self.sender(delivery.url, delivery.body, headers)
            delivery.attempts.append(status)
            if self.accept(status, delivery.reply):
                delivery.delivered = True
                return
        log.info("push to %s gave up after %d attempts", delivery.url, len(delivery.attempts))


class PushingEmulator(ABC):
    """The skeleton the Telegram, MAX and Meta emulators share: ``state`` (a world that
    calls its ``listeners`` on each change and has ``dump()``), ``faults`` knowing the
    network's ``rate_limit_code``, ``push`` (webhook delivery) and one lock for calls."""

    rate_limit_code: ClassVar[int | None] = None

    def __init__(self, state: Any, sender: Sender | None = None) -> None:
        self.state = state
        self.faults = FaultQueue(self.rate_limit_code)
        self.push = PushDelivery(sender)
        self._lock = threading.RLock()
        state.listeners.append(self._deliver)

    @abstractmethod
    def _deliver(self, payload: dict[str, Any]) -> None:
        """Push one state change to the subscribed webhooks (each network its own way)."""

    def dump_state(self, start_response: StartResponse) -> list[bytes]:
        """``/__emulator__/state``: the whole world as JSON."""
        with self._lock:
            return json_response(start_response, self.state.dump())
