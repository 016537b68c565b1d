"""LiveJournal (the blog target) through LiveJournal's XML-RPC protocol.

Every call first asks ``LJ.XMLRPC.getchallenge`` and answers with
``auth_method=challenge``, ``auth_response = md5(challenge + md5(password))`` — the
password never travels. Publish = ``postevent``, delete = ``editevent`` with an empty
``event``, read = ``getevents``; the bodies are built and read with the standard library's
``xmlrpc.client`` (:mod:`.ljrpc`) and sent through our one HTTP seam. A public RSS 2.0 /
Atom feed is read with :meth:`BlogConnector.read_feed`. LJ has no comment methods in this
protocol, no image upload and no scheduling: those capabilities are absent (see
docs/connectors.md).
"""

from __future__ import annotations

import hashlib
import html
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ..base import (
    BaseConnector,
    Capability,
    ConfigField,
    ConnectorError,
    PostDraft,
    Profile,
    PublishedPost,
    RemotePost,
    check_draft,
)
from ..http import check_status
from . import ljrpc
from .feeds import parse_feed
from .ljrpc import TEMPORARY, lj_error

__all__ = ["BlogConnector", "TEMPORARY", "auth_response", "lj_error", "to_event"]

DEFAULT_ENDPOINT = "https://www.livejournal.com/interface/xmlrpc"
CLIENT_VERSION = "Python-gospablik/0.1"
MAX_EVENT_BYTES = 65535
ENTRY_FIELDS = ("itemid", "eventtime", "event", "subject", "url")


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def auth_response(challenge: str, password: str) -> str:
    """The challenge-response answer ``md5(challenge + md5(password))``.

    >>> auth_response("c0:1:2:60:abc:def", "secret") == _md5("c0:1:2:60:abc:def" + _md5("secret"))
    True
    """
    return _md5(challenge + _md5(password))


def xmlrpc_endpoint(endpoint: str | None) -> str:
    """The XML-RPC address; a configured flat-interface address (``…/interface/flat``, what
    earlier versions used) is mapped onto the XML-RPC one beside it.

    >>> xmlrpc_endpoint("http://127.0.0.1:8087/interface/flat")
    'http://127.0.0.1:8087/interface/xmlrpc'
    >>> xmlrpc_endpoint(None)
    'https://www.livejournal.com/interface/xmlrpc'
    """
    url = (endpoint or DEFAULT_ENDPOINT).rstrip("/")
    if url.endswith("/interface/flat"):
        return url.removesuffix("flat") + "xmlrpc"
    return url


def to_event(text: str, link: str | None) -> str:
    """Plain text as an LJ entry body: HTML-escaped, the link as an anchor.

    >>> to_event("Приём <с 9:00>", "https://example.ru/a?b=1&c=2")
    'Приём &lt;с 9:00&gt;\\n\\n<a href="https://example.ru/a?b=1&amp;c=2">https://example.ru/a?b=1&amp;c=2</a>'
    """
    body = html.escape(text, quote=False)
    if link and link not in text:
        href = html.escape(link)
        body = f'{body}\n\n<a href="{href}">{href}</a>'.strip()
    return body


class BlogConnector(BaseConnector):
    network = "blog"
    capabilities = frozenset({
        Capability.PUBLISH_TEXT, Capability.PUBLISH_LINK, Capability.DELETE_POST,
        Capability.READ_WALL, Capability.READ_PROFILE,
    })  # fmt: skip
    config_schema = (
        ConfigField("journal", "Журнал (имя пользователя или сообщества)"),
        ConfigField("username", "Имя пользователя ЖЖ"),
        ConfigField("endpoint", "Адрес XML-RPC протокола ЖЖ", required=False,
                    help=DEFAULT_ENDPOINT),
        ConfigField("feed_url", "Адрес RSS/Atom-ленты", required=False,
                    help="https://<журнал>.livejournal.com/data/rss"),
        ConfigField("timezone", "Часовой пояс журнала", required=False, help="Europe/Moscow"),
        ConfigField("password", "Пароль ЖЖ", secret=True),
    )  # fmt: skip

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(str(self.config.get("timezone") or "Europe/Moscow"))

    def _posted(self, entry: dict[str, str]) -> datetime:
        """``eventtime`` is the journal's local time, to the minute."""
        parts = time.strptime(entry["eventtime"], "%Y-%m-%d %H:%M:%S")
        return datetime(*parts[:6], tzinfo=self.tz)

    # --- the protocol -------------------------------------------------------------------------

    def call(self, method: str, **args: Any) -> dict[str, Any]:
        challenge = ljrpc.text(self._rpc("getchallenge", {})["challenge"])
        auth = {"username": self.config["username"], "auth_method": "challenge",
                "auth_challenge": challenge,
                "auth_response": auth_response(challenge, self.credentials["password"]),
                "ver": 1, "clientversion": CLIENT_VERSION}  # fmt: skip
        if self.config["journal"] != self.config["username"]:
            auth["usejournal"] = self.config["journal"]
        return self._rpc(method, {**auth, **args})

    def _rpc(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        self.throttle(str(self.config["username"]), 1.0)
        endpoint = xmlrpc_endpoint(self.config.get("endpoint"))
        response = self.http.post(endpoint, content=ljrpc.encode_call(method, args),
                                  headers={"Content-Type": ljrpc.CONTENT_TYPE})  # fmt: skip
        check_status(response, self.network)
        return ljrpc.decode_answer(response.content)

    # --- publishing -----------------------------------------------------------------------------

    def publish(self, draft: PostDraft) -> PublishedPost:
        check_draft(self, draft)
        event = to_event(draft.text, draft.link)
        if len(event.encode()) > MAX_EVENT_BYTES:
            raise self.error("Запись длиннее 65535 байт", permanent=True, code=409)
        now = datetime.now(UTC).astimezone(self.tz)
        answer = self.call("postevent", event=event, subject="", lineendings="unix",
                           security="public", year=now.year, mon=now.month, day=now.day,
                           hour=now.hour, min=now.minute)  # fmt: skip
        post_id, url = ljrpc.text(answer["itemid"]), ljrpc.text(answer.get("url"))
        return PublishedPost(post_id, url, datetime.now(UTC))

    def find_published(
        self, idempotency_key: str, since: datetime, *, text: str | None = None
    ) -> PublishedPost | None:
        """LJ keeps no idempotency key: compare ``text`` with the last 50 entries."""
        if not text:
            raise self.error("Не удалось проверить, вышла ли запись в ЖЖ (нет текста для "
                             "сравнения): проверьте журнал вручную",
                             needs_person=True, code="unverifiable")  # fmt: skip
        wanted = " ".join(to_event(text, None).split())
        floor = since - timedelta(minutes=1)  # LJ entry times have minute precision
        for entry in self._entries(50):
            posted = self._posted(entry)
            if posted >= floor and " ".join(entry["event"].split()).startswith(wanted):
                return PublishedPost(entry["itemid"], entry.get("url", ""), posted)
        return None

    def delete_post(self, post_id: str) -> None:
        """``editevent`` with an empty body deletes the entry."""
        try:
            self.call("editevent", itemid=post_id, event="", subject="", lineendings="unix")
        except ConnectorError as error:
            if error.code != 302 or any(e["itemid"] == post_id for e in self._entries(50)):
                raise  # 302 for an entry that is gone means it was deleted already

    # --- reading ---------------------------------------------------------------------------------

    def _entries(self, howmany: int) -> list[dict[str, str]]:
        answer = self.call("getevents", selecttype="lastn", howmany=min(howmany, 50),
                           lineendings="unix")  # fmt: skip
        events = answer.get("events") or []
        return [{f: ljrpc.text(e.get(f)) for f in ENTRY_FIELDS} for e in events]

    def read_wall(self, since: datetime | None = None, limit: int = 50) -> list[RemotePost]:
        """The journal's latest entries (at most 50: ``getevents lastn``)."""
        posts = [RemotePost(e["itemid"], html.unescape(e["event"]), self._posted(e), False, None,
                            str(self.config["journal"]), e.get("url", ""), "post")
                 for e in self._entries(limit)]  # fmt: skip
        return [p for p in posts if since is None or p.date >= since]

    def read_feed(self, url: str | None = None) -> list[RemotePost]:
        """The public RSS 2.0 / Atom feed (``feed_url``): what readers see, no login."""
        feed = url or self.config.get("feed_url")
        if not feed:
            raise self.error("Не задан адрес RSS/Atom-ленты", permanent=True, code="no_feed")
        self.throttle(str(self.config["username"]), 1.0)
        response = self.http.get(str(feed))
        check_status(response, self.network)
        return parse_feed(response.content)

    def read_profile(self) -> Profile:
        answer = self.call("login", getpickwurls=1)
        journal = str(self.config["journal"])
        return Profile(
            community_id=journal,
            title=ljrpc.text(answer.get("fullname")) or journal,
            screen_name=journal,
            description="",
            avatar_url=ljrpc.text(answer.get("defaultpicurl")),
            cover_url=None,
            members_count=None,
            verified=None,
        )
