"""VK: ``stats.get`` (views, reach, activity by day), ``groups.getById`` (members now,
earlier days derived from the day's subscribed/unsubscribed), ``wall.get`` (posts and
their counters) and ``stats.getPostReach`` (a post's reach: only for the latest 300 posts
of communities with 5,000+ members or official ones)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from gospablik.networks.base import BaseConnector

from .base import PostCounters, Reading, excerpt, today, utc_day

REACH_MEMBERS = 5000
REACH_LATEST = 300
REACH_BATCH = 30  # post ids per stats.getPostReach call
POST_REACH_GAP = (
    "ВКонтакте отдаёт охват записи только для 300 последних записей и только сообществам "
    "от 5000 участников или официальным"
)


def read_vk(connector: BaseConnector, since: date, until: date) -> Reading:
    reading = Reading(since, until)
    api = connector.api  # type: ignore[attr-defined]
    net: dict[date, int] = {}
    with reading.part(("views", "reach", "likes", "reposts", "comments")):
        for period in _stats(api, connector, reading):
            net |= _put_period(reading, period)
    group: dict[str, Any] = {}
    with reading.part(("followers",)):
        group = _followers(reading, api, connector, net)
    latest: set[str] = set()
    with reading.part(("posts",), post_metrics=("views", "likes", "reposts", "comments")):
        for position, item in enumerate(_wall(api, connector, reading)):
            reading.add_post(_post(connector, item))
            if position < REACH_LATEST and not item.get("is_pinned"):
                latest.add(str(item["id"]))
        reading.count_posts()
    with reading.part((), post_metrics=("reach",)):
        if _gives_post_reach(group):
            _post_reach(api, connector, [p for p in reading.posts if p.post_id in latest])
    if any("reach" not in p.values for p in reading.posts):
        reading.post_gaps.setdefault("reach", POST_REACH_GAP)
    return reading


def _gives_post_reach(group: dict[str, Any]) -> bool:
    return int(group.get("members_count") or 0) >= REACH_MEMBERS or bool(group.get("verified"))


def _post_reach(api: Any, connector: Any, posts: list[PostCounters]) -> None:
    by_id = {p.post_id: p for p in posts}
    ids = list(by_id)
    for start in range(0, len(ids), REACH_BATCH):
        found = api.call("stats.getPostReach", owner_id=connector.owner_id,
                         post_ids=",".join(ids[start : start + REACH_BATCH]))  # fmt: skip
        for item in found or []:
            post = by_id.get(str(item.get("post_id")))
            if post is not None and item.get("reach_total") is not None:
                post.values["reach"] = int(item["reach_total"])


def _stats(api: Any, connector: Any, reading: Reading) -> list[dict[str, Any]]:
    start, end = reading.window()
    periods: list[dict[str, Any]] = api.call(
        "stats.get", group_id=connector.group_id, timestamp_from=int(start.timestamp()),
        timestamp_to=int(end.timestamp()), interval="day",
        stats_groups="visitors,reach,activity",
    )  # fmt: skip
    return periods


def _put_period(reading: Reading, period: dict[str, Any]) -> dict[date, int]:
    day = utc_day(int(period["period_from"]))
    visitors, reach = period.get("visitors") or {}, period.get("reach") or {}
    activity = period.get("activity") or {}
    figures = {"views": visitors.get("views"), "reach": reach.get("reach"),
               "likes": activity.get("likes"), "reposts": activity.get("copies"),
               "comments": activity.get("comments")}  # fmt: skip
    for metric, value in figures.items():
        if value is not None:
            reading.put(day, metric, int(value))
    return {day: int(activity.get("subscribed", 0)) - int(activity.get("unsubscribed", 0))}


def _followers(reading: Reading, api: Any, connector: Any, net: dict[date, int]) -> dict[str, Any]:
    """Members now; each earlier day's end count is the next day's minus its net gain."""
    answer = api.call("groups.getById", group_id=connector.group_id,
                      fields="members_count,verified")  # fmt: skip
    group: dict[str, Any] = answer["groups"][0]
    count = int(group["members_count"])
    day = today()
    while day >= reading.since:
        reading.put(day, "followers", count)
        if day not in net and day != today():
            reading.gaps.setdefault(
                "followers", "ВКонтакте не дал прирост подписчиков за этот день (stats.get)"
            )
            return group
        count -= net.get(day, 0)
        day -= timedelta(days=1)
    return group


def _wall(api: Any, connector: Any, reading: Reading) -> Iterator[dict[str, Any]]:
    start, _ = reading.window()
    offset = 0
    while True:
        page = api.call("wall.get", owner_id=connector.owner_id, filter="owner", count=100,
                        offset=offset)  # fmt: skip
        items = page.get("items") or []
        for item in items:
            if item.get("date", 0) >= start.timestamp():
                yield item
            elif not item.get("is_pinned"):
                return
        offset += len(items)
        if not items or offset >= int(page.get("count", 0)):
            return


def _post(connector: Any, item: dict[str, Any]) -> PostCounters:
    values = {metric: int((item.get(key) or {}).get("count", 0))
              for metric, key in (("views", "views"), ("likes", "likes"),
                                  ("reposts", "reposts"), ("comments", "comments"))}  # fmt: skip
    post_id = str(item["id"])
    return PostCounters(
        post_id=post_id,
        published_at=datetime.fromtimestamp(int(item["date"]), tz=UTC),
        url=f"{connector.web}/wall{connector.owner_id}_{post_id}",
        text=excerpt(str(item.get("text") or "")),
        values=values,
    )
