"""Page tiers and their norms: which pages are below their norm for a week, and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gospablik.analytics.formatting import number
from gospablik.analytics.models import AccountWeek
from gospablik.analytics.rates import er_percent
from gospablik.orgs.models import Ministry
from gospablik.policy.schema import AnalyticsSpec, TierNormSpec
from gospablik.registry.models import Account


@dataclass(frozen=True)
class NormCheck:
    account: Account
    tier: str
    norms: TierNormSpec
    posts: int
    silent_days: int | None
    er: float | None
    problems: tuple[str, ...]


def check_week(ministry: Ministry, spec: AnalyticsSpec, week: date) -> list[NormCheck]:
    """Every active account of ``ministry`` against its tier's norms for ``week``."""
    weeks = {w.account_id: w for w in AccountWeek.objects.filter(ministry=ministry, week=week)}
    accounts = Account.objects.filter(ministry=ministry, status=Account.Status.ACTIVE)
    end = timezone.make_aware(datetime.combine(week + timedelta(days=7), time.min))
    checks = []
    for account in accounts.select_related("stat_collection", "ministry"):
        checks.append(check_account(account, spec, weeks.get(account.pk), min(end, timezone.now())))
    return checks


def check_account(
    account: Account, spec: AnalyticsSpec, week: AccountWeek | None, at: datetime
) -> NormCheck:
    tier = account.tier or spec.default_tier
    norms = spec.norms_for(tier)
    posts = week.posts if week else 0
    er = er_percent(week.likes + week.reposts + week.comments, week.followers) if week else None
    silent = _silent_days(account, at)
    problems = tuple(_problems(norms, posts, silent, er))
    return NormCheck(account, tier, norms, posts, silent, er, problems)


def _silent_days(account: Account, at: datetime) -> int | None:
    state = getattr(account, "stat_collection", None)
    if state is None or state.last_post_at is None:
        return None
    return max(0, (at - state.last_post_at).days)


def _problems(norms: TierNormSpec, posts: int, silent: int | None, er: float | None) -> list[str]:
    found = []
    if posts < norms.min_posts_per_week:
        found.append(
            _("публикаций за неделю: %(posts)d при норме %(norm)d")
            % {"posts": posts, "norm": norms.min_posts_per_week}
        )
    if norms.max_silent_days is not None and silent is not None and silent > norms.max_silent_days:
        found.append(
            _("дней без публикаций: %(days)d (допустимо %(norm)d)")
            % {"days": silent, "norm": norms.max_silent_days}
        )
    if norms.min_er_percent is not None and er is not None and er < norms.min_er_percent:
        found.append(
            _("вовлечённость %(er)s %% при норме %(norm)s %%")
            % {"er": number(er, 2), "norm": number(norms.min_er_percent)}
        )
    return found


def below_norm(checks: list[NormCheck]) -> list[NormCheck]:
    return [c for c in checks if c.problems]


def checks_of(
    weeks: QuerySet[AccountWeek], specs: dict[int, AnalyticsSpec], at: datetime
) -> list[NormCheck]:
    rows = weeks.select_related("account", "account__stat_collection", "account__ministry")
    return [check_account(w.account, specs[w.ministry_id], w, at) for w in rows]
