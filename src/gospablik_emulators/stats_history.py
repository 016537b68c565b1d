"""Believable statistics history for the emulators: seeded, reproducible.

Emulator-side only (tests and the demo); production code never imports it. One plan of
days, each with the community's counters and the posts published that day, is written
by each emulator into its own wire format: VK and OK through :func:`seed_history`, each
passing its counters' names, MAX by its own ``seed_history``.

>>> a = plan_history("vk:1", date(2026, 11, 2), 7, members=5000)
>>> b = plan_history("vk:1", date(2026, 11, 2), 7, members=5000)
>>> a == b, len(a), a[0].day
(True, 7, datetime.date(2026, 11, 2))
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

TOPICS = (
    "Прививочная кампания: где сделать прививку",
    "Диспансеризация в выходные: адреса поликлиник",
    "Новый фельдшерско-акушерский пункт открыт",
    "Как записаться к врачу через Госуслуги",
    "Ответы на вопросы жителей о льготных лекарствах",
    "Итоги недели: что сделано",
    "Опрос: удобно ли вам записываться онлайн",
    "Прямой эфир с главным врачом",
)


@dataclass(frozen=True)
class PostPlan:
    hour: int
    text: str
    views: int
    likes: int
    reposts: int
    comments: int


@dataclass(frozen=True)
class DayPlan:
    day: date
    members: int  # at the end of the day
    subscribed: int
    unsubscribed: int
    views: int
    visitors: int
    reach: int
    posts: tuple[PostPlan, ...]

    @property
    def likes(self) -> int:
        return sum(p.likes for p in self.posts)

    @property
    def reposts(self) -> int:
        return sum(p.reposts for p in self.posts)

    @property
    def comments(self) -> int:
        return sum(p.comments for p in self.posts)


def plan_history(seed: str, start: date, days: int, *, members: int) -> list[DayPlan]:
    """``days`` days from ``start``; the trend (growth or a slow fall) depends on ``seed``."""
    rng = random.Random(seed)  # noqa: S311 — reproducible demo figures, not secrets
    trend = rng.uniform(-0.002, 0.004)
    plans, count = [], members
    for offset in range(days):
        day = start + timedelta(days=offset)
        plan = _day(rng, day, count, trend)
        plans.append(plan)
        count = plan.members
    return plans


def _day(rng: random.Random, day: date, members: int, trend: float) -> DayPlan:
    weekend = day.weekday() >= 5
    posts = tuple(_post(rng, members) for _ in range(rng.randint(0, 1 if weekend else 3)))
    net = round(members * (trend + rng.uniform(-0.0015, 0.0015)))
    subscribed = max(0, net) + rng.randint(0, max(1, members // 1000))
    unsubscribed = subscribed - net
    post_views = sum(p.views for p in posts)
    visitors = round(members * rng.uniform(0.01, 0.03) * (0.6 if weekend else 1.0))
    reach = post_views + visitors
    return DayPlan(day, members + net, subscribed, unsubscribed, post_views + visitors * 2,
                   visitors, reach, posts)  # fmt: skip


def _post(rng: random.Random, members: int) -> PostPlan:
    views = round(members * rng.uniform(0.05, 0.35)) + rng.randint(5, 50)
    likes = round(views * rng.uniform(0.01, 0.06))
    reposts = round(likes * rng.uniform(0.02, 0.2))
    comments = round(likes * rng.uniform(0.02, 0.25))
    return PostPlan(rng.randint(8, 20), rng.choice(TOPICS), views, likes, reposts, comments)


def seed_history(
    seed: str,
    start: date,
    days: int,
    *,
    members: int,
    counters: Mapping[str, str],
    set_stats: Callable[[date, dict[str, int]], None],
    add_post: Callable[[datetime, PostPlan], None],
) -> int:
    """Write :func:`plan_history` through a network's own hooks: ``counters`` maps each of
    its counter names to a :class:`DayPlan` attribute, in the order the network lists them;
    ``add_post(when, post)`` publishes a post of the day. Returns the last day's members."""
    plans = plan_history(seed, start, days, members=members)
    for plan in plans:
        set_stats(plan.day, {name: getattr(plan, field) for name, field in counters.items()})
        for post in plan.posts:
            add_post(datetime.combine(plan.day, time(post.hour), tzinfo=UTC), post)
    return plans[-1].members
