"""Page tiers and their norms, and duties for pages below them (policy section analytics)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import yaml
from django.utils import timezone

from gospablik.analytics.models import AccountWeek, Collection
from gospablik.analytics.normduties import KIND, open_below_norm_duties
from gospablik.analytics.norms import below_norm, check_week
from gospablik.duties.models import Duty
from gospablik.policy.actions import do_update_policy
from gospablik.policy.store import current_version, policy_for
from tests.analytics.policy_helpers import last_week, page, set_analytics, week_of

pytestmark = pytest.mark.django_db


def problems(ministry: Any) -> dict[str, tuple[str, ...]]:
    spec = policy_for(ministry).analytics
    checks = check_week(ministry, spec, last_week())
    return {c.account.title: c.problems for c in below_norm(checks)}


@pytest.mark.policy_field("analytics.tiers")
@pytest.mark.policy_field("analytics.tiers.min_posts_per_week")
def test_a_page_with_too_few_posts_is_below_its_tiers_norm(health: Any, keeper: Any) -> None:
    week_of(page(health, keeper, "activepage", tier="active"), posts=2)
    assert problems(health)["activepage"] == ("публикаций за неделю: 2 при норме 3",)
    set_analytics(health, keeper, {"tiers": {"active": {"min_posts_per_week": 2}}})
    assert "activepage" not in problems(health)


@pytest.mark.policy_field("analytics.tiers.max_silent_days")
def test_a_silent_page_is_flagged(health: Any, keeper: Any) -> None:
    account = page(health, keeper, "quiet", tier="card")
    week_of(account, posts=1)
    Collection.objects.create(account=account, last_post_at=timezone.now() - timedelta(days=20))
    assert problems(health)["quiet"][0].startswith("дней без публикаций: ")
    set_analytics(health, keeper, {"tiers": {"card": {"max_silent_days": 30}}})
    assert "quiet" not in problems(health)


@pytest.mark.policy_field("analytics.tiers.min_er_percent")
def test_low_engagement_is_below_a_flagship_norm(health: Any, keeper: Any) -> None:
    week_of(page(health, keeper, "flag", tier="flagship"), posts=6, likes=5, followers=1000)
    assert problems(health)["flag"] == ("вовлечённость 0,50 % при норме 1 %",)
    set_analytics(health, keeper, {"tiers": {"flagship": {"min_er_percent": 0.5}}})
    assert "flag" not in problems(health)


@pytest.mark.policy_field("analytics.default_tier")
def test_a_page_without_a_tier_gets_the_default_tiers_norm(health: Any, keeper: Any) -> None:
    week_of(page(health, keeper, "notier"), posts=1)
    assert "notier" in problems(health)
    set_analytics(health, keeper, {"default_tier": "card"})
    assert "notier" not in problems(health)


@pytest.mark.policy_field("analytics.below_norm_duty")
@pytest.mark.policy_field("analytics.clause")
def test_below_norm_opens_a_duty_only_when_the_policy_says_so(health: Any, keeper: Any) -> None:
    week_of(page(health, keeper, "lazy", tier="active"), posts=0)
    assert open_below_norm_duties(health, last_week()) == []
    period = {"amount": 3, "unit": "working_days", "clause": "тест"}
    set_analytics(health, keeper, {"below_norm_duty": period, "clause": "рейтинг ЦУР п.1"})
    [duty] = open_below_norm_duties(health, last_week())
    assert duty.kind == KIND and duty.due_at is not None and duty.clause == "рейтинг ЦУР п.1"
    assert "публикаций за неделю: 0 при норме 3" in duty.title
    assert open_below_norm_duties(health, last_week()) == []
    assert Duty.objects.filter(kind=KIND).count() == 1


def test_an_unknown_default_tier_is_refused(health: Any, keeper: Any) -> None:
    from gospablik.policy.loader import PolicyError

    data = yaml.safe_load(current_version(health).text)
    data["analytics"]["tiers"].pop("card")
    data["analytics"]["default_tier"] = "card"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with pytest.raises(PolicyError, match="нет норм"):
        do_update_policy(health, text, actor=keeper, comment="тест")


def test_the_kept_flag_finds_the_same_pages_as_the_checks(health: Any, keeper: Any) -> None:
    from gospablik.analytics.weekrate import ensure_rated

    week_of(page(health, keeper, "few", tier="active"), posts=2)
    week_of(page(health, keeper, "enough", tier="active"), posts=5)
    week_of(page(health, keeper, "lower", tier="flagship"), posts=6, likes=5)
    week_of(page(health, keeper, "defaulted"), posts=1)
    quiet = page(health, keeper, "quiet", tier="card")
    week_of(quiet, posts=1)
    Collection.objects.create(account=quiet, last_post_at=timezone.now() - timedelta(days=40))
    spec = policy_for(health).analytics
    ensure_rated(health, spec, last_week())
    found = AccountWeek.objects.filter(ministry=health, below_norm=True)
    assert (
        {w.account.title for w in found}
        == set(problems(health))
        == {"few", "lower", "defaulted", "quiet"}
    )
