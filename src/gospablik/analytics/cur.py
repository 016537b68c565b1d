"""The ЦУР view: every page of the ministries a regional management centre coordinates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gospablik.analytics.charts import Chart, day_labels
from gospablik.analytics.daytable import DayTable
from gospablik.analytics.models import AccountWeek
from gospablik.analytics.norms import NormCheck, checks_of
from gospablik.analytics.period import Period
from gospablik.analytics.rating import formula_text
from gospablik.analytics.weekrate import ensure_rated
from gospablik.orgs.access import memberships
from gospablik.orgs.models import Ministry
from gospablik.policy.schema import AnalyticsSpec
from gospablik.policy.store import NoPolicy, policy_for
from gospablik.registry.models import Account

LISTED = 50


def coordinated_ministries(user: Any) -> list[Ministry]:
    """Ministries where the user belongs to the ЦУР organization (the one door here)."""
    ids = memberships(user).filter(organization__kind="cur").values("organization__ministry_id")
    return list(Ministry.objects.filter(pk__in=ids).order_by("short_name"))


@dataclass(frozen=True)
class Ranked:
    place: int
    week: AccountWeek
    ministry: Ministry
    points: float


@dataclass
class CurView:
    week: date
    ranking: list[Ranked]
    ranked_total: int
    formulas: dict[str, list[str]]  # formula text -> ministries using it
    below: list[NormCheck]
    below_total: int
    silent: list[NormCheck]
    falling: list[AccountWeek]
    charts: list[Chart]


def spec_of(ministry: Ministry) -> AnalyticsSpec | None:
    try:
        return policy_for(ministry).analytics
    except NoPolicy:
        return None


def cur_view(ministries: list[Ministry], week: date, period: Period) -> CurView:
    specs = {m.pk: s for m in ministries if (s := spec_of(m)) is not None}
    covered = [m for m in ministries if m.pk in specs]
    for m in covered:
        ensure_rated(m, specs[m.pk], week)
    at = min(
        timezone.now(), timezone.make_aware(datetime.combine(week + timedelta(days=7), time.min))
    )
    weeks = AccountWeek.objects.filter(ministry__in=covered, week=week)
    below = weeks.filter(below_norm=True, account__status=Account.Status.ACTIVE)
    checks = checks_of(below.order_by("posts", "account_id")[:LISTED], specs, at)
    quiet = below.filter(last_post_at__isnull=False).order_by("last_post_at", "account_id")
    ranking = _ranking(weeks, {m.pk: m for m in covered})
    return CurView(
        week=week, ranking=ranking, ranked_total=weeks.count(),
        formulas=_formulas(ministries, specs), below=checks, below_total=below.count(),
        silent=[c for c in checks_of(quiet[:LISTED], specs, at) if _is_silent(c)],
        falling=list(_falling(weeks)), charts=_charts(ministries, period, ranking),
    )  # fmt: skip


def _ranking(weeks: QuerySet[AccountWeek], by_pk: dict[int, Ministry]) -> list[Ranked]:
    """The best ``LISTED`` pages across ministries, each by its own ministry's formula
    (the points are kept per row, so one indexed query ranks them all)."""
    best = weeks.exclude(points=None).select_related("account").order_by("-points", "account_id")
    return [Ranked(i + 1, w, by_pk[w.ministry_id], w.points or 0.0)
            for i, w in enumerate(best[:LISTED])]  # fmt: skip


def _formulas(ministries: list[Ministry], specs: dict[int, AnalyticsSpec]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in ministries:
        if m.pk in specs:
            found.setdefault(formula_text(specs[m.pk].rating), []).append(m.short_name)
    return found


def _is_silent(check: NormCheck) -> bool:
    limit = check.norms.max_silent_days
    return limit is not None and check.silent_days is not None and check.silent_days > limit


def _falling(weeks: QuerySet[AccountWeek]) -> QuerySet[AccountWeek]:
    return (
        weeks.filter(growth__lt=0)
        .annotate(drop=F("growth"))
        .select_related("account", "ministry")
        .order_by("growth", "account_id")[:LISTED]
    )


def _charts(ministries: list[Ministry], period: Period, ranking: list[Ranked]) -> list[Chart]:
    audience: dict[str, list[float | None]] = {}
    labels: list[str] = []
    for m in ministries:
        table = DayTable.load(m.pk, period.since, period.until)
        days = [d for d, _v in table.series("posts", period)]
        labels = day_labels(days, weekly=period.interval == "week")
        audience[m.short_name] = table.complete_sum("followers", period)
    top = ranking[:10]
    return [
        Chart(
            "cur_audience", _("Аудитория министерств (соцсети с полной историей)"), labels, audience
        ),  # fmt: skip
        Chart(
            "cur_rating",
            _("Рейтинг: первые 10 страниц"),
            [r.week.account.title for r in top],
            {_("Баллы"): [r.points for r in top]},
            kind="bar",
        ),  # fmt: skip
    ]
