"""A LiveJournal emulator: the protocol methods getchallenge, login, postevent, editevent
and getevents (challenge-response auth, LJ error codes as XML-RPC faults) over LJ's XML-RPC
interface at ``/interface/xmlrpc``, and the public RSS 2.0 / Atom feeds at
``/users/<journal>/data/rss`` and ``…/data/atom``. Faults match the short method name
(``"postevent"``); ``faults.push("rate_limit")`` answers LJ fault 405 (post frequency
limit).
"""

from __future__ import annotations

import re
import threading
import xmlrpc.client
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from xml.sax.saxutils import escape

from ..emulation import (
    EmulatedTimeout,
    FaultQueue,
    Request,
    ResponseLost,
    StartResponse,
    json_response,
    read_request,
    refuse_seed,
    text_response,
)
from .world import ERRORS, MAX_EVENT_BYTES, Journal, LiveJournalWorld, md5_hex

XMLRPC_PATH = "/interface/xmlrpc"
_PRINTABLE = re.compile(r"[\t\n\r\x20-\x7f]*")


class LJFault(Exception):
    def __init__(self, code: int, detail: str = "") -> None:
        message = ERRORS.get(code, "Client error") + (f": {detail}" if detail else "")
        super().__init__(message)
        self.code = code
        self.message = message


def _xml(start_response: StartResponse, body: str, status: str = "200 OK",
         ctype: str = "text/xml; charset=utf-8") -> list[bytes]:  # fmt: skip
    data = body.encode()
    start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(data)))])
    return [data]


def lj_types(value: Any) -> Any:
    """Type an answer as LJ's XMLRPC::Lite does: a string with any character outside
    printable ASCII travels as ``base64`` (VERIFY: SOAP::Lite's type guessing).

    >>> lj_types({"event": "Текст", "url": "https://x/1.html"})["event"].data.decode()
    'Текст'
    """
    if isinstance(value, dict):
        return {k: lj_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lj_types(v) for v in value]
    if isinstance(value, str) and not _PRINTABLE.fullmatch(value):
        return xmlrpc.client.Binary(value.encode())
    return value


def _text(value: Any) -> str:
    return value.data.decode() if isinstance(value, xmlrpc.client.Binary) else str(value or "")


class LiveJournalEmulator:
    def __init__(self, *, clock: Callable[[], float] | None = None) -> None:
        self.state = LiveJournalWorld(clock) if clock else LiveJournalWorld()
        self.faults = FaultQueue(rate_limit_code=405)  # LJ's post frequency limit
        self._lock = threading.RLock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        req = read_request(environ)
        if req.path == "/__emulator__/state":
            with self._lock:
                return json_response(start_response, self.state.dump())
        if req.path.startswith("/users/") and req.method == "GET":
            return self._feed(req, start_response)
        if req.path != XMLRPC_PATH or req.method != "POST":
            return text_response(start_response, "Not Found", "404 Not Found")
        return self._xmlrpc(req, start_response)

    def _xmlrpc(self, req: Request, start_response: StartResponse) -> list[bytes]:
        params, method = xmlrpc.client.loads(req.body)
        short = str(method or "").removeprefix("LJ.XMLRPC.")
        fault = self.faults.take(short)
        if fault is not None and fault.kind == "timeout":
            raise EmulatedTimeout(short)
        if fault is not None and fault.kind == "http_500":
            return text_response(start_response, "", "500 Internal Server Error")
        try:
            if fault is not None and fault.kind == "error":
                raise LJFault(int(fault.code or 500))
            with self._lock:
                args = params[0] if params and isinstance(params[0], dict) else {}
                result = lj_types(self.call(short, args))
            body = xmlrpc.client.dumps((result,), methodresponse=True, allow_none=True)
        except LJFault as error:
            body = xmlrpc.client.dumps(xmlrpc.client.Fault(error.code, error.message))
        if fault is not None and fault.kind == "accept_then_drop":
            raise ResponseLost(short)
        return _xml(start_response, body)

    def call(self, method: str, args: dict[str, Any]) -> Any:
        if method == "getchallenge":
            return self.state.issue_challenge()
        handler = METHODS.get(method)
        if handler is None:
            raise LJFault(201, method)
        journal = self._authenticate(args)
        return handler(self, journal, args)

    def _authenticate(self, args: dict[str, Any]) -> Journal:
        if self.state.failed_logins >= 5:
            raise LJFault(402)
        user = str(args.get("username") or "").strip().lower()
        password = self.state.passwords.get(user)
        if password is None:
            raise LJFault(100)
        if not self._password_ok(args, password):
            self.state.failed_logins += 1
            raise LJFault(101)
        target = str(args.get("usejournal") or user)
        if target not in self.state.journals:
            raise LJFault(300, target)
        return self.state.journals[target]

    def _password_ok(self, args: dict[str, Any], password: str) -> bool:
        if args.get("auth_method") != "challenge":
            given = args.get("hpassword") or md5_hex(str(args.get("password") or ""))
            return bool(given == md5_hex(password))
        challenge = str(args.get("auth_challenge") or "")
        expires = self.state.challenges.pop(challenge, None)
        if expires is None or expires < self.state.now():
            raise LJFault(105)
        return bool(args.get("auth_response") == md5_hex(challenge + md5_hex(password)))

    # --- protocol methods -------------------------------------------------------------------

    def login(self, journal: Journal, args: dict[str, Any]) -> Any:
        return {"userid": 1, "fullname": journal.fullname, "usejournals": [],
                "defaultpicurl": self.state.defaultpicurl}  # fmt: skip

    def postevent(self, journal: Journal, args: dict[str, Any]) -> Any:
        event = self._event(args)
        if not event.strip():
            raise LJFault(213)
        entry = self.state.add_entry(journal, event, _text(args.get("subject")),
                                     _eventtime(args), args.get("props") or {},
                                     str(args.get("security") or "public"))  # fmt: skip
        return {k: entry[k] for k in ("itemid", "anum", "ditemid", "url")}

    def _event(self, args: dict[str, Any]) -> str:
        if "event" not in args:
            raise LJFault(200, "event")
        event = _text(args["event"])
        if len(event.encode()) > MAX_EVENT_BYTES:
            raise LJFault(409)
        return event

    def editevent(self, journal: Journal, args: dict[str, Any]) -> Any:
        itemid = int(args.get("itemid") or 0)
        entry = journal.entries.get(itemid)
        if entry is None:
            raise LJFault(302, f"no entry {itemid}")
        event = self._event(args)
        if not event:
            del journal.entries[itemid]
            return {"itemid": itemid}
        entry.update(event=event, subject=_text(args.get("subject", entry["subject"])))
        return {k: entry[k] for k in ("itemid", "anum", "ditemid", "url")}

    def getevents(self, journal: Journal, args: dict[str, Any]) -> Any:
        entries = sorted(journal.entries.values(), key=lambda e: e["itemid"], reverse=True)
        kind = args.get("selecttype")
        if kind == "one":
            itemid = int(args.get("itemid") or 0)
            chosen = entries[:1] if itemid == -1 else [e for e in entries if e["itemid"] == itemid]
        elif kind == "lastn":
            chosen = entries[: min(int(args.get("howmany") or 20), 50)]
        else:
            raise LJFault(203, f"selecttype {kind!r}")
        return {"events": [{**e, "event_timestamp": e["logtime"]} for e in chosen]}

    # --- public feeds -------------------------------------------------------------------------

    def _feed(self, req: Request, start_response: StartResponse) -> list[bytes]:
        parts = req.path.strip("/").split("/")  # users/<journal>/data/<rss|atom>
        journal = self.state.journals.get(parts[1]) if len(parts) == 4 else None
        if journal is None or parts[3] not in ("rss", "atom"):
            return text_response(start_response, "Not Found", "404 Not Found")
        entries = sorted(journal.entries.values(), key=lambda e: e["itemid"], reverse=True)
        public = [e for e in entries if e["security"] == "public"][:25]
        render = _rss if parts[3] == "rss" else _atom
        ctype = "application/rss+xml" if parts[3] == "rss" else "application/atom+xml"
        return _xml(start_response, render(journal, public), ctype=ctype + "; charset=utf-8")


def _eventtime(args: dict[str, Any]) -> str:
    try:
        year, mon, day, hour, minute = (int(args[k]) for k in ("year", "mon", "day", "hour", "min"))
        return datetime(year, mon, day, hour, minute, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S")
    except (KeyError, ValueError, TypeError):
        raise LJFault(153 if "year" in args else 200, "event time") from None


def _when(entry: dict[str, Any]) -> datetime:
    return datetime.fromtimestamp(entry["logtime"], tz=UTC)


def _rss(journal: Journal, entries: list[dict[str, Any]]) -> str:
    items = "".join(
        f"<item><guid isPermaLink='true'>{e['url']}</guid><pubDate>"
        f"{format_datetime(_when(e))}</pubDate><title>{escape(e['subject'])}</title>"
        f"<link>{e['url']}</link><description>{escape(e['event'])}</description></item>"
        for e in entries
    )
    return (f"<?xml version='1.0' encoding='utf-8' ?><rss version='2.0'><channel>"
            f"<title>{escape(journal.fullname)}</title>"
            f"<link>https://{journal.name}.livejournal.com/</link>{items}"
            "</channel></rss>")  # fmt: skip


def _atom(journal: Journal, entries: list[dict[str, Any]]) -> str:
    items = "".join(
        f"<entry><id>{e['url']}</id><link rel='alternate' type='text/html' href='{e['url']}'/>"
        f"<title>{escape(e['subject'])}</title><published>{_when(e).isoformat()}</published>"
        f"<updated>{_when(e).isoformat()}</updated>"
        f"<content type='html'>{escape(e['event'])}</content></entry>"
        for e in entries
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{escape(journal.fullname)}</title>{items}</feed>")  # fmt: skip


Handler = Callable[[LiveJournalEmulator, Journal, dict[str, Any]], Any]
METHODS: dict[str, Handler] = {
    "login": LiveJournalEmulator.login,
    "postevent": LiveJournalEmulator.postevent,
    "editevent": LiveJournalEmulator.editevent,
    "getevents": LiveJournalEmulator.getevents,
}


def make_app(seed: dict[str, Any] | None = None) -> LiveJournalEmulator:
    """A fresh emulator with the demo journal (``DEMO_USER`` / ``DEMO_PASSWORD``)."""
    refuse_seed(seed)
    return LiveJournalEmulator()


create_app = make_app
