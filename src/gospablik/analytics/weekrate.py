"""The ЦУР view's figures kept with each weekly row: rating points by the ministry's
formula and whether the page is below its tier's norm.

Collection rates the weeks it refreshes; a row rated with another version of the
ministry's analytics section (``rated_with``) is re-rated before it is read, so a policy
change shows at once. The ЦУР view then ranks thousands of pages with one indexed query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from gospablik.analytics.models import AccountWeek
from gospablik.analytics.norms import check_account
from gospablik.orgs.models import Ministry
from gospablik.policy.schema import AnalyticsSpec, RatingSpec
from gospablik.registry.models import Account

BATCH = 200  # bulk_update writes CASE WHEN per row: larger batches cost quadratically
FIELDS = ("growth", "designed", "verified", "last_post_at", "points", "below_norm", "rated_with")


def spec_key(spec: AnalyticsSpec) -> str:
    return hashlib.sha256(spec.model_dump_json().encode()).hexdigest()[:32]


def points_of(spec: RatingSpec, week: AccountWeek) -> float:
    """The formula of :mod:`gospablik.analytics.rating` for one row."""
    followers = week.followers or 0
    start = week.followers_start if week.followers_start is not None else followers
    return float(
        week.likes * spec.likes
        + week.reposts * spec.reposts
        + week.comments * spec.comments
        + week.posts * spec.posts
        + (followers - start) * spec.follower_growth
        + (spec.design if week.designed else 0)
        + (spec.verified if week.verified else 0)
    )


def rate(week: AccountWeek, account: Account, spec: AnalyticsSpec, now: datetime) -> None:
    """Set the kept figures of ``week`` (not saved); ``account`` with its collection."""
    week.designed = bool(account.has_avatar and account.has_cover and account.description)
    week.verified = bool(account.verified)
    state = getattr(account, "stat_collection", None)
    week.last_post_at = state.last_post_at if state else None
    if week.followers is not None and week.followers_start is not None:
        week.growth = week.followers - week.followers_start
    week.points = points_of(spec.rating, week)
    end = timezone.make_aware(datetime.combine(week.week + timedelta(days=7), time.min))
    week.below_norm = bool(check_account(account, spec, week, min(now, end)).problems)
    week.rated_with = spec_key(spec)


def rate_rows(rows: Iterable[AccountWeek], spec: AnalyticsSpec) -> int:
    now, changed = timezone.now(), []
    for row in rows:
        rate(row, row.account, spec, now)
        changed.append(row)
    if connection.vendor == "postgresql":
        _update_from_values(changed)
    else:
        AccountWeek.objects.bulk_update(changed, FIELDS, batch_size=BATCH)
    return len(changed)


TYPES = ("bigint", "boolean", "boolean", "timestamptz", "double precision", "boolean", "text")


def _update_from_values(rows: list[AccountWeek], size: int = 1000) -> None:
    """One ``UPDATE … FROM (VALUES …)`` per ``size`` rows (Django's bulk_update builds a
    CASE per row and field: minutes for a ministry's week of thousands of pages)."""
    table = AccountWeek._meta.db_table
    sets = ", ".join(f'"{f}" = v."{f}"' for f in FIELDS)
    names = ", ".join(f'"{f}"' for f in ("id", *FIELDS))
    row_sql = "(%s::bigint, " + ", ".join(f"%s::{t}" for t in TYPES) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params = [value for row in chunk
                      for value in (row.pk, *(getattr(row, f) for f in FIELDS))]  # fmt: skip
            cursor.execute(
                f'UPDATE "{table}" AS w SET {sets} FROM (VALUES '  # noqa: S608 — names are ours
                f"{', '.join([row_sql] * len(chunk))}) AS v ({names}) WHERE w.id = v.id",
                params,
            )


def ensure_rated(ministry: Ministry, spec: AnalyticsSpec, week: date) -> int:
    """Re-rate the ministry's rows of ``week`` rated with another policy (usually none:
    one indexed query)."""
    stale = AccountWeek.objects.filter(ministry=ministry, week=week).exclude(
        rated_with=spec_key(spec)
    )
    if not stale.exists():
        return 0
    with transaction.atomic():
        rows = stale.select_related("account", "account__stat_collection").select_for_update(
            of=("self",)
        )
        return rate_rows(rows, spec)
