"""MAX: ``GET /chats/{id}`` (subscribers now) and ``GET /messages`` (channel posts with
their ``stat.views``); MAX gives no reach, reactions or reposts to bots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from gospablik.networks.base import BaseConnector

from .base import PostCounters, Reading, excerpt, today

NO_REACTIONS = "MAX не отдаёт боту реакции, репосты и комментарии к записям канала в счётчиках"
NO_REACH = "MAX не отдаёт охват канала"
NO_HISTORY = "MAX отдаёт только текущее число подписчиков, без истории"


def read_max(connector: BaseConnector, since: date, until: date) -> Reading:
    reading = Reading(since, until)
    with reading.part(("followers",)):
        chat = connector.call("GET", f"/chats/{connector.chat_id}")  # type: ignore[attr-defined]
        reading.put(today(), "followers", int(chat.get("participants_count") or 0))
        reading.gap(("followers",), NO_HISTORY)
    with reading.part(("posts", "views"), post_metrics=("views",)):
        for message in _messages(connector, reading):
            reading.add_post(_post(message))
        reading.count_posts()
        reading.sum_posts_by_day("views")
    reading.gap(("reach",), NO_REACH)
    reading.gap(("likes", "reposts", "comments"), NO_REACTIONS)
    for metric in ("likes", "reposts", "comments"):
        reading.post_gaps.setdefault(metric, NO_REACTIONS)
    return reading


def _messages(connector: Any, reading: Reading) -> Iterator[dict[str, Any]]:
    """Newest first; ``from`` is the newer bound, ``to`` the older one (milliseconds)."""
    start, end = reading.window()
    params: dict[str, Any] = {"chat_id": connector.chat_id, "count": 100,
                              "from": int(end.timestamp() * 1000) - 1,
                              "to": int(start.timestamp() * 1000)}  # fmt: skip
    while True:
        page = connector.call("GET", "/messages", params=params)["messages"]
        yield from page
        if len(page) < params["count"]:
            return
        params["from"] = page[-1]["timestamp"] - 1


def _post(message: dict[str, Any]) -> PostCounters:
    body = message.get("body") or {}
    return PostCounters(
        post_id=str(body.get("mid") or ""),
        published_at=datetime.fromtimestamp(int(message["timestamp"]) / 1000, tz=UTC),
        url=str(message.get("url") or ""),
        text=excerpt(str(body.get("text") or "")),
        values={"views": int((message.get("stat") or {}).get("views") or 0)},
    )
