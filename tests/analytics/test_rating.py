"""ЦУР's weekly rating: the formula from the policy, printed next to the rating."""

from __future__ import annotations

from typing import Any

import pytest

from gospablik.analytics.rating import formula_text, place_of, rated_weeks
from gospablik.policy.store import policy_for
from tests.analytics.policy_helpers import last_week, page, set_analytics, week_of

pytestmark = pytest.mark.django_db

FIGURES = {"likes": 10, "reposts": 4, "comments": 3, "posts": 2, "followers": 1050}
WEIGHTS = ("likes", "reposts", "comments", "posts", "follower_growth", "design", "verified")


def points(ministry: Any) -> dict[str, float]:
    spec = policy_for(ministry).analytics
    return {w.account.title: w.points for w in rated_weeks(ministry, spec, last_week())}


@pytest.fixture
def rated(health: Any, keeper: Any) -> Any:
    account = page(health, keeper, "full", verified=True, has_avatar=True, has_cover=True,
                   description="Официальная страница")  # fmt: skip
    week_of(account, **FIGURES)
    return account


@pytest.mark.parametrize("weight", WEIGHTS)
@pytest.mark.policy_field("analytics.rating")
@pytest.mark.policy_field("analytics.rating.likes")
@pytest.mark.policy_field("analytics.rating.reposts")
@pytest.mark.policy_field("analytics.rating.comments")
@pytest.mark.policy_field("analytics.rating.posts")
@pytest.mark.policy_field("analytics.rating.follower_growth")
@pytest.mark.policy_field("analytics.rating.design")
@pytest.mark.policy_field("analytics.rating.verified")
def test_each_weight_moves_the_points_by_its_figure(
    health: Any, keeper: Any, rated: Any, weight: str
) -> None:
    figure = {"follower_growth": 50, "design": 1, "verified": 1}.get(weight) or FIGURES[weight]
    before = points(health)["full"]
    current = getattr(policy_for(health).analytics.rating, weight)
    set_analytics(health, keeper, {"rating": {weight: current + 10}})
    assert points(health)["full"] == pytest.approx(before + 10 * figure)


def test_the_default_formula_gives_the_expected_points(health: Any, rated: Any) -> None:
    # 10×1 + 4×2 + 3×3 + 2×5 + 50×1 + 20 + 20
    assert points(health)["full"] == 127


def test_the_formula_is_printed_with_its_weights(health: Any) -> None:
    text = formula_text(policy_for(health).analytics.rating)
    assert text.startswith("баллы за неделю = 1 × отметки «Нравится» + 2 × репосты")
    assert "20 × госметка" in text


def test_a_page_knows_its_place(health: Any, keeper: Any, rated: Any) -> None:
    week_of(page(health, keeper, "second"), likes=1)
    spec = policy_for(health).analytics
    place = place_of(rated_weeks(health, spec, last_week()), rated.pk)
    assert place is not None and (place.place, place.of) == (1, 2)
