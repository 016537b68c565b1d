"""Facebook Page and Instagram insights collected from the emulators (Graph's wire
format), idempotently; what Graph refuses is a gap with its reason."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from gospablik.analytics.collect import do_collect_account
from gospablik.analytics.models import AccountDay, PostStat
from gospablik.networks.connections import TRANSPORT_OVERRIDES
from gospablik_emulators import get_emulator_factory
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.stats_history import plan_history
from tests.analytics.conftest import HISTORY_DAYS, today
from tests.content.conftest import allow_all_networks, connect_other

pytestmark = pytest.mark.django_db


@pytest.fixture
def meta(health: Any, keeper: Any) -> Iterator[dict[str, Any]]:
    start = today() - timedelta(days=HISTORY_DAYS - 1)
    apps = {n: get_emulator_factory(n)() for n in ("facebook", "instagram")}
    apps["facebook"].seed_insights(start, HISTORY_DAYS, followers=2_400)
    apps["instagram"].seed_insights(start, HISTORY_DAYS, followers=3_200)
    for network, app in apps.items():
        TRANSPORT_OVERRIDES[network] = emulator_transport(app)
    allow_all_networks(health, keeper)
    yield {n: (app, connect_other(health, keeper, n)) for n, app in apps.items()}
    for network in apps:
        TRANSPORT_OVERRIDES.pop(network, None)


def plans(seed: str, members: int) -> dict[Any, Any]:
    start = today() - timedelta(days=HISTORY_DAYS - 1)
    return {p.day: p for p in plan_history(seed, start, HISTORY_DAYS, members=members)}


def rows(account: Any) -> dict[Any, AccountDay]:
    return {r.day: r for r in AccountDay.objects.filter(account=account)}


def test_a_week_of_facebook_page_insights(meta: dict[str, Any]) -> None:
    app, account = meta["facebook"]
    since, until = today() - timedelta(days=7), today() - timedelta(days=1)
    do_collect_account(account, since=since, until=until)
    plan = plans(f"facebook:{app.state.page['id']}", 2_400)
    stored = rows(account)
    assert sorted(stored) == [since + timedelta(days=i) for i in range(7)]
    for day, row in stored.items():
        assert (row.followers, row.views, row.reach) == (
            plan[day].members, plan[day].views, plan[day].reach,
        )  # fmt: skip
        assert (row.posts, row.likes, row.reposts, row.comments) == (
            len(plan[day].posts), plan[day].likes, plan[day].reposts, plan[day].comments,
        )  # fmt: skip
        assert row.gaps == {}
    views = sorted(PostStat.objects.filter(account=account).values_list("views", flat=True))
    assert views == sorted(p.views for d in stored for p in plan[d].posts)


def test_a_week_of_instagram_insights(meta: dict[str, Any]) -> None:
    app, account = meta["instagram"]
    since, until = today() - timedelta(days=6), today()
    do_collect_account(account, since=since, until=until)
    plan = plans(f"instagram:{app.state.user['id']}", 3_200)
    stored = rows(account)
    assert len(stored) == 7
    assert stored[until].followers == app.state.user["followers_count"]
    for day, row in stored.items():
        assert row.reach == plan[day].reach
        assert (row.likes, row.comments, row.reposts) == (
            plan[day].likes, plan[day].comments, plan[day].reposts,
        )  # fmt: skip
        assert row.views == sum(p.views for p in plan[day].posts)
    # each earlier day: the next day's count minus the next day's new followers
    assert stored[until - timedelta(days=1)].followers == (
        app.state.user["followers_count"] - plan[until].subscribed
    )


def test_re_collection_is_idempotent(meta: dict[str, Any]) -> None:
    for _app, account in meta.values():
        since = today() - timedelta(days=6)
        do_collect_account(account, since=since)
        first = list(AccountDay.objects.filter(account=account).order_by("day").values())
        posts = PostStat.objects.filter(account=account).count()
        do_collect_account(account, since=since)
        again = list(AccountDay.objects.filter(account=account).order_by("day").values())
        assert [{**r, "collected_at": None} for r in again] == [
            {**r, "collected_at": None} for r in first
        ]
        assert PostStat.objects.filter(account=account).count() == posts > 0


def test_a_refused_insights_permission_is_a_gap_with_the_reason(meta: dict[str, Any]) -> None:
    fb, fb_account = meta["facebook"]
    ig, ig_account = meta["instagram"]
    fb.state.revoke_scope("read_insights")
    ig.state.scopes.discard("instagram_manage_insights")
    for account in (fb_account, ig_account):
        do_collect_account(account, since=today() - timedelta(days=3))
    fb_row = AccountDay.objects.get(account=fb_account, day=today() - timedelta(days=1))
    assert fb_row.reach is None and fb_row.views is None and fb_row.followers is None
    assert "read_insights" in fb_row.gaps["reach"]
    assert fb_row.likes is not None  # the posts' counters need no insights permission
    ig_row = AccountDay.objects.get(account=ig_account, day=today() - timedelta(days=1))
    assert ig_row.reach is None and ig_row.gaps["reach"]
    assert ig_row.likes is not None
