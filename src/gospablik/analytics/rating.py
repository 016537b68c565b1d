"""ЦУР's weekly rating of pages, by the formula in the ministry's policy.

points = likes × w + reposts × w + comments × w + posts × w + net new followers × w
         + design × w (avatar, cover and description in place) + verified × w (госметка)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from gospablik.analytics.formatting import number
from gospablik.analytics.models import AccountWeek
from gospablik.orgs.models import Ministry
from gospablik.policy.schema import RatingSpec

DESIGNED = Q(account__has_avatar=True, account__has_cover=True) & ~Q(account__description="")
TERMS = ("likes", "reposts", "comments", "posts", "follower_growth", "design", "verified")


def term_labels() -> dict[str, str]:
    return {
        "likes": _("отметки «Нравится»"),
        "reposts": _("репосты"),
        "comments": _("комментарии"),
        "posts": _("публикации"),
        "follower_growth": _("прирост подписчиков"),
        "design": _("оформление (аватар, обложка, описание)"),
        "verified": _("госметка"),
    }


def formula_text(spec: RatingSpec) -> str:
    """The formula as printed next to the rating, so a ministry can reproduce its place."""
    labels = term_labels()
    parts = [f"{number(getattr(spec, t))} × {labels[t]}" for t in TERMS]
    return _("баллы за неделю = ") + " + ".join(parts)


def points_expression(spec: RatingSpec) -> ExpressionWrapper:
    growth = Coalesce(F("followers"), 0) - Coalesce(F("followers_start"), F("followers"), 0)
    design = Case(When(DESIGNED, then=Value(1.0)), default=Value(0.0))
    verified = Case(When(account__verified=True, then=Value(1.0)), default=Value(0.0))
    total = (
        F("likes") * spec.likes
        + F("reposts") * spec.reposts
        + F("comments") * spec.comments
        + F("posts") * spec.posts
        + growth * spec.follower_growth
        + design * spec.design
        + verified * spec.verified
    )
    return ExpressionWrapper(total, output_field=FloatField())


def rated_weeks(ministry: Ministry, spec: RatingSpec, week: date) -> QuerySet[AccountWeek]:
    """The ministry's pages for ``week`` with their ``points``, best first."""
    return (
        AccountWeek.objects.filter(ministry=ministry, week=week)
        .annotate(points=points_expression(spec))
        .select_related("account")
        .order_by("-points", "account_id")
    )


@dataclass(frozen=True)
class Place:
    place: int
    of: int
    points: float


def place_of(weeks: QuerySet[AccountWeek], account_id: int) -> Place | None:
    mine = weeks.filter(account_id=account_id).first()
    if mine is None:
        return None
    points = float(mine.points)  # type: ignore[attr-defined]
    ahead = weeks.filter(Q(points__gt=points)).count()
    return Place(ahead + 1, weeks.count(), points)
