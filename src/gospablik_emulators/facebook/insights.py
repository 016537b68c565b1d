"""Page and post insights of the Facebook emulator, as Graph answers them, and their
seeded history (:func:`seed_insights`: the same day plans as the other emulators).

Page metrics are daily values with ``end_time`` at 08:00 UTC of the next day; a metric
Graph does not know, or has retired, answers "(#100) The value must be a valid insights
metric"; more than 90 days between ``since`` and ``until`` is refused.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from ..stats_history import plan_history
from .graph import GraphApiError, graph_time

PAGE_METRICS = frozenset({"page_follows", "page_media_view", "page_total_media_view_unique",
                          "page_post_engagements", "page_views_total"})  # fmt: skip
POST_METRICS = frozenset({"post_media_view", "post_total_media_view_unique", "post_clicks"})
INVALID = "(#100) The value must be a valid insights metric"
MAX_SPAN = 90 * 86400


def _day(value: Any, default: float) -> date:
    if value in (None, ""):
        return datetime.fromtimestamp(default, tz=UTC).date()
    text = str(value)
    if text.isdigit():
        return datetime.fromtimestamp(int(text), tz=UTC).date()
    return date.fromisoformat(text[:10])


def page_insights(world: Any, node: str, params: dict[str, Any]) -> dict[str, Any]:
    first = _day(params.get("since"), world.now() - 2 * 86400)
    last = _day(params.get("until"), world.now()) - timedelta(days=1)
    if (last - first).days * 86400 > MAX_SPAN:
        raise GraphApiError(100, "(#100) There cannot be more than 90 days (7776000 s) "
                            "between since and until")  # fmt: skip
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    data = []
    for metric in [m for m in str(params.get("metric") or "").split(",") if m]:
        if metric not in PAGE_METRICS and metric not in world.insights:
            raise GraphApiError(100, INVALID)
        series = world.insights.get(metric, {})
        data.append(daily_entry(node, metric, series, days))
    return {"data": data}


def post_insights(world: Any, node: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"data": lifetime_entries(node, params, POST_METRICS, world.posts[node])}


def daily_entry(node: str, metric: str, series: dict[str, int], days: list[date]) -> dict[str, Any]:
    """One metric's daily values as Graph gives them (Facebook Page and Instagram)."""
    values = [{"value": series.get(d.isoformat(), 0),
               "end_time": f"{(d + timedelta(days=1)).isoformat()}T08:00:00+0000"}
              for d in days]  # fmt: skip
    return {"name": metric, "period": "day", "values": values, "title": metric,
            "description": "", "id": f"{node}/insights/{metric}/day"}  # fmt: skip


def lifetime_entries(
    node: str, params: dict[str, Any], known: frozenset[str], item: dict[str, Any]
) -> list[dict[str, Any]]:
    """A post's or a media's lifetime metrics; an unknown metric is Graph's error 100."""
    data = []
    for metric in [m for m in str(params.get("metric") or "").split(",") if m]:
        if metric not in known:
            raise GraphApiError(100, INVALID)
        value = item.get("insights", {}).get(metric, 0)
        data.append({"name": metric, "period": "lifetime", "values": [{"value": value}],
                     "title": metric, "description": "",
                     "id": f"{node}/insights/{metric}/lifetime"})  # fmt: skip
    return data


def seed_insights(world: Any, start: date, days: int, *, followers: int) -> None:
    """``days`` days of Page insights and published posts with their counters."""
    plans = plan_history(f"facebook:{world.page['id']}", start, days, members=followers)
    for plan in plans:
        day = plan.day.isoformat()
        world.add_insight("page_follows", day, plan.members)
        world.add_insight("page_media_view", day, plan.views)
        world.add_insight("page_total_media_view_unique", day, plan.reach)
        world.add_insight("page_post_engagements", day, plan.likes + plan.reposts + plan.comments)
        for post in plan.posts:
            when = datetime.combine(plan.day, dtime(post.hour), tzinfo=UTC)
            added = world.add_post(post.text)
            added["created_time"] = graph_time(when.timestamp())
            added["reactions"] = {"data": [], "summary": {"total_count": post.likes}}
            added["comments"] = {"data": [], "summary": {"total_count": post.comments}}
            added["shares"] = {"count": post.reposts}
            reach = round(post.views * 0.8)
            added["insights"] = {"post_media_view": post.views,
                                 "post_total_media_view_unique": reach}  # fmt: skip
    world.page["followers_count"] = plans[-1].members
