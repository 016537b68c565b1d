"""The pre-aggregated tables: weekly per account and daily per ministry, rebuilt for the
days a collection touched, so that pages never scan the raw series."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from gospablik.analytics import weekrate
from gospablik.analytics.models import AccountDay, AccountWeek, MinistryDay
from gospablik.orgs.models import Ministry
from gospablik.policy.schema import AnalyticsSpec
from gospablik.policy.store import NoPolicy, policy_for
from gospablik.registry.models import Account

SUMMED = ("posts", "views", "reach", "likes", "reposts", "comments")


def monday(day: date) -> date:
    """
    >>> monday(date(2026, 12, 6))
    datetime.date(2026, 11, 30)
    """
    return day - timedelta(days=day.weekday())


def refresh(account: Account, since: date, until: date) -> None:
    spec = analytics_spec(account.ministry)
    week = monday(since)
    while week <= until:
        refresh_week(account, week, spec)
        week += timedelta(days=7)
    refresh_ministry_days(account.ministry_id, since, until)


def analytics_spec(ministry: Ministry) -> AnalyticsSpec | None:
    try:
        return policy_for(ministry).analytics
    except NoPolicy:
        return None


def refresh_week(account: Account, week: date, spec: AnalyticsSpec | None = None) -> None:
    rows = list(AccountDay.objects.filter(account=account, day__range=(week, week + timedelta(6)))
                .order_by("day"))  # fmt: skip
    if not rows:
        AccountWeek.objects.filter(account=account, week=week).delete()
        return
    followers = [r.followers for r in rows if r.followers is not None]
    values = {m: sum(getattr(r, m) or 0 for r in rows) for m in SUMMED}
    values |= {
        "followers": followers[-1] if followers else None,
        "followers_start": followers[0] if followers else None,
        "gap_days": sum(1 for r in rows if r.gaps),
        "growth": followers[-1] - followers[0] if followers else None,
        "ministry_id": account.ministry_id,
    }
    row, _ = AccountWeek.objects.update_or_create(account=account, week=week, defaults=values)
    if spec is not None:  # the ЦУР view's points and norm flag, kept with the row
        weekrate.rate(row, account, spec, timezone.now())
        row.save(update_fields=weekrate.FIELDS)


def refresh_ministry_days(ministry_id: int, since: date, until: date) -> None:
    sums = {f"{m}": Sum(m) for m in SUMMED}
    per_day = (
        AccountDay.objects.filter(account__ministry_id=ministry_id, day__range=(since, until))
        .values("day", "account__network")
        .annotate(
            followers_total=Sum("followers"),
            accounts=Count("account_id"),
            gap_days=Count("id", filter=~Q(gaps={})),
            **sums,
        )  # fmt: skip
    )
    for row in per_day:
        found: dict[str, Any] = dict(row)
        values = {m: found[m] or 0 for m in SUMMED}
        values |= {"followers": found["followers_total"], "accounts": found["accounts"],
                   "gap_days": found["gap_days"]}  # fmt: skip
        MinistryDay.objects.update_or_create(
            ministry_id=ministry_id,
            day=found["day"],
            network=found["account__network"],
            defaults=values,
        )
