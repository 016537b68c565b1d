"""Instagram (professional account, Graph API): ``/{ig-user-id}`` (followers now),
``/{ig-user-id}/insights`` (``reach`` and ``follower_count`` — new followers — by day),
``/{ig-user-id}/media`` with like and comment counts, and each media's
``/{ig-media-id}/insights`` (``views``, ``reach``, ``shares``).

Instagram gives ``follower_count`` only for the last 30 days and only to accounts with
100+ followers; the account's own views only as a total, so a day's views are the sum
over that day's media.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from gospablik.networks.base import BaseConnector
from gospablik.networks.facebook.graph import parse_time

from .base import PostCounters, Reading, excerpt, today
from .facebook import chunks, lifetime_value

MEDIA_FIELDS = "id,timestamp,caption,permalink,like_count,comments_count"
MEDIA_METRICS = "views,reach,shares"
FOLLOWER_DAYS = 30
NO_FOLLOWER_HISTORY = (
    "Instagram отдаёт прирост подписчиков только за последние 30 дней: раньше этой даты "
    "число подписчиков неизвестно"
)


def read_instagram(connector: BaseConnector, since: date, until: date) -> Reading:
    reading = Reading(since, until)
    gains: dict[date, int] = {}
    with reading.part(("reach",)):
        for first, last in chunks(since, until, FOLLOWER_DAYS):
            gains |= _insights(connector, reading, first, last)
    with reading.part(("followers",)):
        user = connector.call("GET", connector.ig_user, {"fields": "followers_count"})  # type: ignore[attr-defined]
        _followers(reading, int(user.get("followers_count") or 0), gains)
    with reading.part(("posts", "likes", "comments"), post_metrics=("likes", "comments")):
        for item in _media(connector, reading):
            reading.add_post(_post(item))
        reading.count_posts()
    with reading.part(("views", "reposts"), post_metrics=("views", "reach", "reposts")):
        for post in reading.posts:
            answer = connector.call("GET", f"{post.post_id}/insights", {"metric": MEDIA_METRICS})  # type: ignore[attr-defined]
            for metric, name in (("views", "views"), ("reach", "reach"), ("reposts", "shares")):
                value = lifetime_value(answer, name)
                if value is not None:
                    post.values[metric] = value
    for metric in ("likes", "comments", "views", "reposts"):
        if metric not in reading.gaps:
            reading.sum_posts_by_day(metric)
    return reading


def _insights(connector: Any, reading: Reading, first: date, last: date) -> dict[date, int]:
    start = datetime.combine(first, time.min, tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC)
    metrics = "reach,follower_count" if last >= today() - timedelta(days=FOLLOWER_DAYS) else "reach"
    answer = connector.call("GET", f"{connector.ig_user}/insights", {
        "metric": metrics, "period": "day",
        "since": int(start.timestamp()), "until": int(end.timestamp()),
    })  # fmt: skip
    gains: dict[date, int] = {}
    for metric in answer.get("data") or []:
        for value in metric.get("values") or []:
            day = (parse_time(value["end_time"]) - timedelta(days=1)).date()
            if not isinstance(value.get("value"), int):
                continue
            if metric.get("name") == "reach":
                reading.put(day, "reach", value["value"])
            elif metric.get("name") == "follower_count":
                gains[day] = value["value"]
    return gains


def _followers(reading: Reading, count: int, gains: dict[date, int]) -> None:
    """Followers now; each earlier day's end count is the next day's minus its gain
    (``follower_count`` counts new followers only: unfollows are not given)."""
    day = today()
    while day >= reading.since:
        reading.put(day, "followers", count)
        if day not in gains and day != today():
            reading.gaps.setdefault("followers", NO_FOLLOWER_HISTORY)
            return
        count -= gains.get(day, 0)
        day -= timedelta(days=1)


def _media(connector: Any, reading: Reading) -> Iterator[dict[str, Any]]:
    start, end = reading.window()
    params: dict[str, Any] = {"fields": MEDIA_FIELDS, "limit": 100,
                              "since": int(start.timestamp()),
                              "until": int(end.timestamp())}  # fmt: skip
    while True:
        answer = connector.call("GET", f"{connector.ig_user}/media", params)
        items = answer.get("data") or []
        yield from items
        paging = answer.get("paging") or {}
        if "next" not in paging or not items:
            return
        params["after"] = paging["cursors"]["after"]


def _post(item: dict[str, Any]) -> PostCounters:
    return PostCounters(
        post_id=str(item["id"]),
        published_at=parse_time(item["timestamp"]),
        url=str(item.get("permalink") or ""),
        text=excerpt(str(item.get("caption") or "")),
        values={
            "likes": int(item.get("like_count") or 0),
            "comments": int(item.get("comments_count") or 0),
        },  # fmt: skip
    )
