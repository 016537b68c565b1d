"""The ЦУР view: every page of the ministries a regional management centre coordinates."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gospablik.analytics.charts import Chart, day_labels
from gospablik.analytics.daytable import DayTable
from gospablik.analytics.models import AccountWeek
from gospablik.analytics.norms import NormCheck, below_norm_weeks, checks_of
from gospablik.analytics.period import Period
from gospablik.analytics.rating import formula_text, rated_weeks
from gospablik.orgs.access import memberships
from gospablik.orgs.models import Ministry
from gospablik.policy.schema import AnalyticsSpec
from gospablik.policy.store import NoPolicy, policy_for

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
    rated = {m.pk: rated_weeks(m, specs[m.pk].rating, week) for m in covered}
    at = min(
        timezone.now(), timezone.make_aware(datetime.combine(week + timedelta(days=7), time.min))
    )
    below = below_norm_weeks(covered, specs, week, at)
    silent = below.filter(account__stat_collection__last_post_at__isnull=False)
    checks = checks_of(below.order_by("posts", "account_id")[:LISTED], specs, at)
    silent_checks = [
        c
        for c in checks_of(
            silent.order_by("account__stat_collection__last_post_at", "account_id")[:LISTED],
            specs,
            at,
        )
        if _is_silent(c)
    ]
    ranking = _merge(ministries, rated)
    return CurView(
        week=week, ranking=ranking,
        ranked_total=AccountWeek.objects.filter(ministry__in=covered, week=week).count(),
        formulas=_formulas(ministries, specs), below=checks, below_total=below.count(),
        silent=silent_checks, falling=list(_falling(ministries, week)),
        charts=_charts(ministries, period, ranking),
    )  # fmt: skip


def _merge(ministries: list[Ministry], rated: dict[int, QuerySet[AccountWeek]]) -> list[Ranked]:
    """The best ``LISTED`` pages across ministries (each ministry's best are enough)."""
    by_pk = {m.pk: m for m in ministries}
    rows = [(float(w.points), w, by_pk[pk]) for pk, q in rated.items() for w in q[:LISTED]]  # type: ignore[attr-defined]
    best = heapq.nlargest(LISTED, rows, key=lambda r: (r[0], -r[1].account_id))
    return [Ranked(i + 1, w, m, p) for i, (p, w, m) in enumerate(best)]


def _formulas(ministries: list[Ministry], specs: dict[int, AnalyticsSpec]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in ministries:
        if m.pk in specs:
            found.setdefault(formula_text(specs[m.pk].rating), []).append(m.short_name)
    return found


def _is_silent(check: NormCheck) -> bool:
    limit = check.norms.max_silent_days
    return limit is not None and check.silent_days is not None and check.silent_days > limit


def _falling(ministries: list[Ministry], week: date) -> QuerySet[AccountWeek]:
    weeks = AccountWeek.objects.filter(ministry__in=ministries, week=week)
    return (
        weeks.filter(followers__lt=F("followers_start"))
        .annotate(drop=F("followers") - F("followers_start"))
        .select_related("account", "ministry")
        .order_by("drop", "account_id")[:LISTED]
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
