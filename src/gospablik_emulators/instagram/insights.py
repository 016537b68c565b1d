"""Account and media insights of the Instagram emulator, as Graph answers them, and
their seeded history (:func:`seed_insights`).

``reach`` and ``follower_count`` (new followers) by day, ``end_time`` at 08:00 UTC of the
next day; ``follower_count`` only for the last 30 days and only for accounts with 100+
followers; media insights are lifetime values. Without ``instagram_manage_insights`` Graph
answers code 10.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from ..facebook.graph import GraphApiError, graph_time
from ..facebook.insights import INVALID, daily_entry, lifetime_entries
from ..stats_history import plan_history

USER_METRICS = frozenset({"reach", "follower_count", "views", "accounts_engaged"})
MEDIA_METRICS = frozenset({"views", "reach", "shares", "saved", "likes", "comments",
                           "total_interactions"})  # fmt: skip
SCOPE = "instagram_manage_insights"
FOLLOWER_DAYS = 30


def _need(world: Any) -> None:
    if SCOPE not in world.scopes:
        raise GraphApiError(10, "(#10) Application does not have permission for this action")


def _day(value: Any, default: float) -> date:
    text = str(value or "")
    stamp = int(text) if text.isdigit() else default
    return datetime.fromtimestamp(stamp, tz=UTC).date()


def user_insights(world: Any, node: str, params: dict[str, Any]) -> dict[str, Any]:
    _need(world)
    first = _day(params.get("since"), world.now() - 2 * 86400)
    last = _day(params.get("until"), world.now()) - timedelta(days=1)
    today = datetime.fromtimestamp(world.now(), tz=UTC).date()
    data = []
    for metric in [m for m in str(params.get("metric") or "").split(",") if m]:
        if metric not in USER_METRICS:
            raise GraphApiError(100, INVALID)
        series = world.insights.get(metric, {})
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        if metric == "follower_count":
            if world.user["followers_count"] < 100:
                continue  # not given to small accounts
            days = [d for d in days if d >= today - timedelta(days=FOLLOWER_DAYS)]
        data.append(daily_entry(node, metric, series, days))
    return {"data": data}


def media_insights(world: Any, node: str, params: dict[str, Any]) -> dict[str, Any]:
    _need(world)
    return {"data": lifetime_entries(node, params, MEDIA_METRICS, world.media[node])}


def seed_insights(world: Any, start: date, days: int, *, followers: int) -> None:
    """``days`` days of account insights and published media with their counters."""
    plans = plan_history(f"instagram:{world.user['id']}", start, days, members=followers)
    for plan in plans:
        day = plan.day.isoformat()
        world.insights.setdefault("reach", {})[day] = plan.reach
        world.insights.setdefault("follower_count", {})[day] = plan.subscribed
        for post in plan.posts:
            media_id = world.next_id()
            when = datetime.combine(plan.day, dtime(post.hour), tzinfo=UTC)
            world.media[media_id] = {
                "id": media_id, "caption": post.text, "media_type": "IMAGE",
                "media_product_type": "FEED", "media_url": "https://scontent.example/m.jpg",
                "permalink": f"https://www.instagram.com/p/Demo{media_id[-6:]}/",
                "timestamp": graph_time(when.timestamp()), "username": world.user["username"],
                "comments_count": post.comments, "like_count": post.likes,
                "insights": {"views": post.views, "reach": round(post.views * 0.8),
                             "shares": post.reposts},
            }  # fmt: skip
            world.user["media_count"] += 1
    # follower_count counts new followers only: the total grows by them
    world.user["followers_count"] = followers + sum(p.subscribed for p in plans)
