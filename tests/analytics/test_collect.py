"""A week of statistics collected from the emulators, idempotently, with honest gaps."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from gospablik.analytics.collect import collect_due, do_collect_account
from gospablik.analytics.models import AccountDay, AccountWeek, MinistryDay, PostStat
from gospablik_emulators.stats_history import plan_history
from tests.analytics.conftest import HISTORY_DAYS, OK_GID, VK_GROUP, today

pytestmark = pytest.mark.django_db


def week() -> tuple[Any, Any]:
    return today() - timedelta(days=6), today()


def plans(seed: str, members: int) -> dict[Any, Any]:
    start = today() - timedelta(days=HISTORY_DAYS - 1)
    return {p.day: p for p in plan_history(seed, start, HISTORY_DAYS, members=members)}


def rows(account: Any) -> dict[Any, AccountDay]:
    return {r.day: r for r in AccountDay.objects.filter(account=account)}


def test_it_collects_a_week_for_vk(accounts: dict[str, Any]) -> None:
    since, until = week()
    do_collect_account(accounts["vk"], since=since, until=until)
    plan, stored = plans(f"vk:{VK_GROUP}", 12_000), rows(accounts["vk"])
    assert sorted(stored) == [since + timedelta(days=i) for i in range(7)]
    for day, row in stored.items():
        assert (row.views, row.reach, row.likes) == (
            plan[day].views,
            plan[day].reach,
            plan[day].likes,
        )
        assert row.followers == plan[day].members
        assert row.posts == len(plan[day].posts) or day == until  # the demo wall posts today
    assert PostStat.objects.filter(
        account=accounts["vk"], published_at__date__lt=until
    ).count() == sum(len(plan[d].posts) for d in stored if d < until)


def test_it_collects_a_week_for_ok(accounts: dict[str, Any]) -> None:
    since, until = week()
    do_collect_account(accounts["ok"], since=since, until=until)
    plan, stored = plans(f"ok:{OK_GID}", 4_000), rows(accounts["ok"])
    assert len(stored) == 7
    for day, row in stored.items():
        assert (row.followers, row.views, row.reposts) == (
            plan[day].members,
            plan[day].views,
            plan[day].reposts,
        )
        assert row.posts == len(plan[day].posts) or day == until
    post = PostStat.objects.filter(account=accounts["ok"]).first()
    assert post is not None and post.views is None and "просмотры" in post.gaps["views"]


def test_it_collects_a_week_for_max_with_its_gaps(accounts: dict[str, Any], emulators: Any) -> None:
    since, until = week()
    do_collect_account(accounts["max"], since=since, until=until)
    chat = emulators["max"].state.channel()
    plan, stored = plans(f"max:{chat.chat_id}", 900), rows(accounts["max"])
    for day, row in stored.items():
        assert row.views == sum(p.views for p in plan[day].posts)
        assert row.likes is None and row.gaps["likes"].startswith("MAX не отдаёт")
    assert stored[until].followers == chat.participants_count
    assert stored[since].followers is None and "без истории" in stored[since].gaps["followers"]


def test_telegram_says_bots_get_no_channel_statistics(accounts: dict[str, Any]) -> None:
    do_collect_account(accounts["telegram"], since=today() - timedelta(days=1))
    row = AccountDay.objects.get(account=accounts["telegram"], day=today())
    assert row.followers is not None
    assert row.views is None and "MTProto" in row.gaps["views"]


def test_re_collection_is_idempotent(accounts: dict[str, Any]) -> None:
    since, until = week()
    do_collect_account(accounts["vk"], since=since, until=until)
    first = [(r.day, r.views, r.likes, r.posts) for r in AccountDay.objects.order_by("day")]
    posts = PostStat.objects.count()
    do_collect_account(accounts["vk"], since=since, until=until)
    again = [(r.day, r.views, r.likes, r.posts) for r in AccountDay.objects.order_by("day")]
    assert again == first and PostStat.objects.count() == posts
    week_row = AccountWeek.objects.filter(account=accounts["vk"]).order_by("week").last()
    assert week_row is not None and week_row.posts == sum(
        r.posts for r in AccountDay.objects.filter(day__gte=week_row.week)
    )


def test_a_refused_read_is_a_gap_with_its_reason(accounts: dict[str, Any], emulators: Any) -> None:
    emulators["vk"].faults.push("error", method="stats.get", code=15)
    since, until = week()
    do_collect_account(accounts["vk"], since=since, until=until)
    row = AccountDay.objects.get(account=accounts["vk"], day=since)
    assert row.views is None and row.reach is None
    assert row.gaps["views"] and row.posts is not None
    assert accounts["vk"].stat_collection.last_error == row.gaps["views"]


def test_a_refusal_never_erases_stored_figures(accounts: dict[str, Any], emulators: Any) -> None:
    since, until = week()
    do_collect_account(accounts["vk"], since=since, until=until)
    before = AccountDay.objects.get(account=accounts["vk"], day=since).views
    emulators["vk"].faults.push("error", method="stats.get", code=15)
    do_collect_account(accounts["vk"], since=since, until=until)
    row = AccountDay.objects.get(account=accounts["vk"], day=since)
    assert row.views == before and "views" not in row.gaps


def test_counters_that_go_down_are_stored_as_reported(
    accounts: dict[str, Any], emulators: Any
) -> None:
    since, until = week()
    do_collect_account(accounts["vk"], since=since, until=until)
    post = PostStat.objects.filter(account=accounts["vk"]).order_by("-likes").first()
    assert post is not None and post.likes
    item = emulators["vk"].state.posts[(-VK_GROUP, int(post.network_post_id))]
    item["likes"]["count"] = post.likes - 1
    do_collect_account(accounts["vk"], since=since, until=until)
    post.refresh_from_db()
    assert post.likes == item["likes"]["count"] and post.reads == 2


def test_one_account_failing_does_not_stop_the_others(accounts: dict[str, Any]) -> None:
    accounts["ok"].connection.config = {"group_id": "не-число"}
    accounts["ok"].connection.save()
    result = collect_due()
    assert result["collected"] + result["failed"] == 4
    assert AccountDay.objects.filter(account=accounts["vk"]).exists()
    assert MinistryDay.objects.filter(ministry=accounts["vk"].ministry).exists()


def test_vk_post_reach_for_a_large_community(accounts: dict[str, Any], emulators: Any) -> None:
    do_collect_account(accounts["vk"], since=today() - timedelta(days=6))
    posts = PostStat.objects.filter(account=accounts["vk"])
    assert posts.exists()
    for post in posts:
        assert post.reach == round(post.views * 0.82) and "reach" not in post.gaps


def test_vk_post_reach_of_a_small_unofficial_community_is_a_gap(
    accounts: dict[str, Any], emulators: Any
) -> None:
    community = emulators["vk"].state.community(VK_GROUP)
    community.members_count, community.verified = 3000, 0
    do_collect_account(accounts["vk"], since=today() - timedelta(days=6))
    post = PostStat.objects.filter(account=accounts["vk"]).first()
    assert post is not None and post.reach is None
    assert "5000 участников" in post.gaps["reach"]
    assert post.views is not None  # the other counters are read as before
