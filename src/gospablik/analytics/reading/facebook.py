"""Facebook Page: ``/{page-id}/insights`` (followers, views, reach by day), the Page's
``published_posts`` with their reaction, comment and share counts, and each post's
``/{post-id}/insights`` (views, reach).

Graph gives daily values with ``end_time`` at the end of the Page's day (08:00 UTC of
the next day for Pacific time): a value belongs to the day before its ``end_time``. At
most 90 days per request. Metrics Graph has retired (``page_impressions*``,
``page_fans``) answer "invalid metric", so only their replacements are asked.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from gospablik.networks.base import BaseConnector
from gospablik.networks.facebook.graph import parse_time

from .base import PostCounters, Reading, excerpt

PAGE_METRICS = {
    "page_follows": "followers",
    "page_media_view": "views",
    "page_total_media_view_unique": "reach",
}
POST_METRICS = {"post_media_view": "views", "post_total_media_view_unique": "reach"}
POST_FIELDS = (
    "id,created_time,message,permalink_url,shares,"
    "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)"
)
MAX_DAYS = 90  # Graph: "only 90 days of insights can be viewed at one time"


def read_facebook(connector: BaseConnector, since: date, until: date) -> Reading:
    reading = Reading(since, until)
    with reading.part(PAGE_METRICS.values()):
        for first, last in chunks(since, until):
            for metric in _insights(connector, first, last):
                _put_metric(reading, metric)
    with reading.part(("posts", "likes", "reposts", "comments"),
                      post_metrics=("likes", "reposts", "comments")):  # fmt: skip
        for item in _posts(connector, reading):
            reading.add_post(_post(item))
        reading.count_posts()
        for counter in ("likes", "reposts", "comments"):
            reading.sum_posts_by_day(counter)
    with reading.part((), post_metrics=("views", "reach")):
        for post in reading.posts:
            answer = connector.call("GET", f"{post.post_id}/insights",  # type: ignore[attr-defined]
                                    params={"metric": ",".join(POST_METRICS)})  # fmt: skip
            for name, field in POST_METRICS.items():
                value = lifetime_value(answer, name)
                if value is not None:
                    post.values[field] = value
    return reading


def chunks(since: date, until: date, size: int = MAX_DAYS) -> Iterator[tuple[date, date]]:
    """
    >>> list(chunks(date(2026, 1, 1), date(2026, 4, 30)))[1]
    (datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
    """
    first = since
    while first <= until:
        last = min(until, first + timedelta(days=size - 1))
        yield first, last
        first = last + timedelta(days=1)


def _insights(connector: Any, first: date, last: date) -> list[dict[str, Any]]:
    until = last + timedelta(days=1)
    params = {"metric": ",".join(PAGE_METRICS), "period": "day",
              "since": first.isoformat(), "until": until.isoformat()}  # fmt: skip
    answer = connector.call("GET", f"{connector.page_id}/insights", params=params)
    return list(answer.get("data") or [])


def _put_metric(reading: Reading, metric: dict[str, Any]) -> None:
    name = PAGE_METRICS.get(str(metric.get("name")))
    if name is None or metric.get("period") != "day":
        return
    for value in metric.get("values") or []:
        day = (parse_time(value["end_time"]) - timedelta(days=1)).date()
        if isinstance(value.get("value"), int):
            reading.put(day, name, value["value"])


def _posts(connector: Any, reading: Reading) -> Iterator[dict[str, Any]]:
    start, end = reading.window()
    params: dict[str, Any] = {"fields": POST_FIELDS, "limit": 100,
                              "since": int(start.timestamp()),
                              "until": int(end.timestamp())}  # fmt: skip
    while True:
        answer = connector.call("GET", f"{connector.page_id}/published_posts", params=params)
        yield from answer.get("data") or []
        paging = answer.get("paging") or {}
        if "next" not in paging:
            return
        params["after"] = paging["cursors"]["after"]


def _total(item: dict[str, Any], edge: str) -> int:
    return int(((item.get(edge) or {}).get("summary") or {}).get("total_count") or 0)


def _post(item: dict[str, Any]) -> PostCounters:
    published: datetime = parse_time(item["created_time"])
    return PostCounters(
        post_id=str(item["id"]),
        published_at=published,
        url=str(item.get("permalink_url") or ""),
        text=excerpt(str(item.get("message") or "")),
        values={
            "likes": _total(item, "reactions"),
            "comments": _total(item, "comments"),
            "reposts": int((item.get("shares") or {}).get("count") or 0),
        },  # fmt: skip
    )


def lifetime_value(answer: dict[str, Any], name: str) -> int | None:
    """The value of a lifetime metric in an insights answer (media and post insights)."""
    for metric in answer.get("data") or []:
        if metric.get("name") == name:
            values = metric.get("values") or [{}]
            value = values[-1].get("value")
            return int(value) if isinstance(value, int) else None
    return None
