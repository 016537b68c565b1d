"""Odnoklassniki: ``group.getStatTrends`` (members, reach, views, reactions by day) and
``mediatopic.getTopics`` (the group's topics with their likes, reshares and comments)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from gospablik.networks.base import BaseConnector

from .base import PostCounters, Reading, excerpt

TREND_FIELDS = {
    "members_count": "followers",
    "reach": "reach",
    "renderings": "views",
    "likes": "likes",
    "reshares": "reposts",
    "comments": "comments",
}
TOPIC_VIEWS_GAP = "Одноклассники не отдают просмотры отдельной темы в mediatopic.getTopics"


def read_ok(connector: BaseConnector, since: date, until: date) -> Reading:
    reading = Reading(since, until)
    api = connector.api  # type: ignore[attr-defined]
    with reading.part(TREND_FIELDS.values()):
        _trends(reading, api, connector)
    with reading.part(("posts",), post_metrics=("likes", "reposts", "comments")):
        for topic in _topics(api, connector, reading):
            reading.add_post(_post(connector, topic))
        reading.count_posts()
    reading.post_gaps.setdefault("views", TOPIC_VIEWS_GAP)
    return reading


def _trends(reading: Reading, api: Any, connector: Any) -> None:
    start, end = reading.window()
    trends = api.call(
        "group.getStatTrends", gid=connector.gid, start_time=int(start.timestamp() * 1000),
        end_time=int(end.timestamp() * 1000), fields=",".join(TREND_FIELDS),
    )  # fmt: skip
    for field, metric in TREND_FIELDS.items():
        for point in trends.get(field) or []:
            day = datetime.fromtimestamp(int(point["time"]) / 1000, tz=UTC).date()
            reading.put(day, metric, int(point["value"]))


def _topics(api: Any, connector: Any, reading: Reading) -> Iterator[dict[str, Any]]:
    start, _ = reading.window()
    floor, anchor = start.timestamp() * 1000, None
    while True:
        page = api.call("mediatopic.getTopics", gid=connector.gid, count=50, anchor=anchor)
        for topic in page.get("media_topics") or []:
            if int(topic.get("created_ms", 0)) < floor:
                return
            yield topic
        anchor = page.get("anchor")
        if not page.get("has_more") or not anchor:
            return


def _post(connector: Any, topic: dict[str, Any]) -> PostCounters:
    text = " ".join(str(m.get("text") or "") for m in topic.get("media") or [])
    values = {
        "likes": int((topic.get("like_summary") or {}).get("count", 0)),
        "reposts": int((topic.get("reshare_summary") or {}).get("count", 0)),
        "comments": int((topic.get("discussion_summary") or {}).get("comments_count", 0)),
    }
    topic_id = str(topic["id"])
    return PostCounters(
        post_id=topic_id,
        published_at=datetime.fromtimestamp(int(topic["created_ms"]) / 1000, tz=UTC),
        url=f"{connector.web}/group/{connector.gid}/topic/{topic_id}",
        text=excerpt(text),
        values=values,
    )
