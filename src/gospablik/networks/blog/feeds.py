"""Read a public RSS 2.0 or Atom feed into RemotePosts (any blog that has a feed)."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 (expat >= 2.4 refuses entity bombs; no DTDs)
from datetime import datetime
from email.utils import parsedate_to_datetime

from ..base import ConnectorError, RemotePost

ATOM = "{http://www.w3.org/2005/Atom}"


def _text(node: ET.Element | None) -> str:
    return (node.text or "").strip() if node is not None else ""


def _rss_items(root: ET.Element) -> list[RemotePost]:
    posts = []
    for item in root.iter("item"):
        link = _text(item.find("link")) or _text(item.find("guid"))
        date = parsedate_to_datetime(_text(item.find("pubDate")))
        text = _text(item.find("description")) or _text(item.find("title"))
        posts.append(RemotePost(link, text, date, False, None, None, link, "post"))
    return posts


def _atom_entries(root: ET.Element) -> list[RemotePost]:
    posts = []
    for entry in root.iter(f"{ATOM}entry"):
        link_node = entry.find(f"{ATOM}link[@rel='alternate']") or entry.find(f"{ATOM}link")
        link = (
            link_node.get("href", "") if link_node is not None else _text(entry.find(f"{ATOM}id"))
        )
        stamp = _text(entry.find(f"{ATOM}published")) or _text(entry.find(f"{ATOM}updated"))
        text = _text(entry.find(f"{ATOM}content")) or _text(entry.find(f"{ATOM}summary"))
        posts.append(RemotePost(link, text, datetime.fromisoformat(stamp), False, None, None,
                                link, "post"))  # fmt: skip
    return posts


def parse_feed(body: bytes) -> list[RemotePost]:
    """RSS 2.0 ``<item>``s or Atom ``<entry>``s, newest first as the feed lists them.

    >>> rss = (b"<rss version='2.0'><channel><item><link>https://b/1.html</link>"
    ...        b"<pubDate>Tue, 06 May 2025 09:00:00 +0000</pubDate>"
    ...        b"<description>Text</description></item></channel></rss>")
    >>> [(p.post_id, p.text, p.date.isoformat()) for p in parse_feed(rss)]
    [('https://b/1.html', 'Text', '2025-05-06T09:00:00+00:00')]
    """
    try:
        root = ET.fromstring(body)  # noqa: S314 (see the import: expat with entity limits)
    except ET.ParseError:
        raise ConnectorError("Лента блога не читается как RSS/Atom", permanent=True,
                             network="blog", code="bad_feed") from None  # fmt: skip
    if root.tag == f"{ATOM}feed":
        return _atom_entries(root)
    return _rss_items(root)
