"""ЦУР's weekly rating of pages, by the formula in the ministry's policy.

points = likes × w + reposts × w + comments × w + posts × w + net new followers × w
         + design × w (avatar, cover and description in place) + verified × w (госметка)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from gospablik.analytics.formatting import number
from gospablik.analytics.models import AccountWeek
from gospablik.analytics.weekrate import ensure_rated
from gospablik.orgs.models import Ministry
from gospablik.policy.schema import AnalyticsSpec, RatingSpec

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


def rated_weeks(ministry: Ministry, spec: AnalyticsSpec, week: date) -> QuerySet[AccountWeek]:
    """The ministry's pages for ``week`` with their kept ``points``, best first."""
    ensure_rated(ministry, spec, week)
    return (
        AccountWeek.objects.filter(ministry=ministry, week=week)
        .select_related("account")
        .order_by(F("points").desc(nulls_last=True), "account_id")
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
    points = mine.points or 0.0
    ahead = weeks.filter(Q(points__gt=points)).count()
    return Place(ahead + 1, weeks.count(), points)
