"""Collecting one account's statistics: read (an operation of the outbound queue: its
claim, the shared rate limiter, one error mapping), store, aggregate (incremental)."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from gospablik.analytics import aggregate
from gospablik.analytics.models import Collection, PostStat
from gospablik.analytics.reading import Reading
from gospablik.analytics.store import store_days, store_posts
from gospablik.audit.log import record
from gospablik.duties.faults import isolated
from gospablik.networks.models import Connection
from gospablik.networks.outbound import enqueue, run_one
from gospablik.registry.models import Account

log = logging.getLogger(__name__)

FIRST_BACKFILL = timedelta(days=28)  # the first run asks for four weeks back
RECENT_DAYS = 2  # the networks keep updating the last days: re-read them every run
EVERY = timedelta(hours=6)  # an account's daily figures are re-read this often
KIND = "analytics.read_stats"  # the outbound operation (:mod:`gospablik.analytics.queued`)
JOB = "analytics.collect"
NOT_CONNECTED = "Аккаунт не подключён к соцсети — статистику прочитать нельзя"


def do_collect_account(
    account: Account, *, since: date | None = None, until: date | None = None
) -> str:
    """Read ``since``..``until`` (default: from where the last run stopped, minus the
    last days, up to today) through the outbound queue and upsert it; returns the
    operation's outcome ("done", "retry", …). A refusal is stored as a gap with its reason."""
    now = timezone.now()
    state, _ = Collection.objects.get_or_create(account=account)
    until = until or now.astimezone(UTC).date()
    since = min(since or _default_since(account, state, now), until)
    connection = Connection.objects.filter(account=account).first()
    if connection is None or not connection.is_usable:
        store_reading(account, refused(since, until, NOT_CONNECTED), now)
        return "not_connected"
    Collection.objects.filter(pk=state.pk).update(
        next_run_at=now + EVERY
    )  # retries are the queue's
    payload = {"since": since.isoformat(), "until": until.isoformat()}
    op = enqueue(KIND, connection, payload, key=f"{since}..{until}@{now.isoformat()}",
                 subject=account, run_now=False)  # fmt: skip
    outcome = run_one(op.pk)
    state.refresh_from_db()  # the worker stored through its own objects
    return outcome


def refused(since: date, until: date, reason: str) -> Reading:
    reading = Reading(since, until)
    reading.gap_all(reason)
    reading.refusals.append(reason)
    return reading


def store_reading(account: Account, reading: Reading, now: datetime) -> None:
    state, _ = Collection.objects.get_or_create(account=account)
    with transaction.atomic():
        store_days(account, reading, now)
        store_posts(account, reading, now)
        _advance(state, account, reading, now)
        aggregate.refresh(account, reading.since, reading.until)


def _default_since(account: Account, state: Collection, now: datetime) -> date:
    if state.collected_through is None:
        return (now - FIRST_BACKFILL).astimezone(UTC).date()
    since = state.collected_through - timedelta(days=RECENT_DAYS)
    due = PostStat.objects.filter(account=account, next_read_at__lte=now)
    oldest = due.aggregate(first=Min("published_at"))["first"]
    return min(since, oldest.astimezone(UTC).date()) if oldest else since


def _advance(state: Collection, account: Account, reading: Reading, now: datetime) -> None:
    posts_due = PostStat.objects.filter(account=account, next_read_at__isnull=False)
    first_due = posts_due.aggregate(first=Min("next_read_at"))["first"]
    state.next_run_at = min(now + EVERY, first_due) if first_due else now + EVERY
    through = state.collected_through
    state.collected_through = max(through, reading.until) if through else reading.until
    state.last_run_at = now
    state.last_error = "; ".join(dict.fromkeys(reading.refusals))
    newest = max((p.published_at for p in reading.posts), default=None)
    if newest and (state.last_post_at is None or newest > state.last_post_at):
        state.last_post_at = newest
    state.save()


def due_accounts(now: datetime, limit: int) -> list[Account]:
    """Connected active accounts whose next run has come (or never ran), oldest first."""
    connected = Account.objects.filter(
        status=Account.Status.ACTIVE, connection__isnull=False
    ).exclude(connection__status=Connection.Status.DISABLED)
    never = connected.filter(stat_collection__isnull=True)
    due = connected.filter(stat_collection__next_run_at__lte=now).order_by(
        "stat_collection__next_run_at"
    )
    return [*never[:limit], *due[:limit]][:limit]


def collect_due(limit: int = 200) -> dict[str, int]:
    """One beat tick: each due account on its own (a failure of one stops no other); one
    audit entry per ministry for the run."""
    done = failed = 0
    per_ministry: dict[int, Counter[str]] = {}
    for account in due_accounts(timezone.now(), limit):
        step = partial(do_collect_account, account)
        outcome = isolated(JOB, account, account.ministry_id, step, savepoint=False)
        if outcome is None:
            _postpone(account)
        counts = per_ministry.setdefault(account.ministry_id, Counter())
        counts["done" if outcome in ("done", "not_connected") else "failed"] += 1
        done, failed = (done + 1, failed) if outcome == "done" else (done, failed + 1)
    for ministry_id, counts in per_ministry.items():
        record("analytics.collect", ministry=ministry_id, object_type="orgs.ministry",
               object_id=str(ministry_id), after=dict(counts))  # fmt: skip
    return {"collected": done, "failed": failed}


def _postpone(account: Account) -> None:
    Collection.objects.update_or_create(
        account=account,
        defaults={
            "next_run_at": timezone.now() + EVERY,
            "last_error": "Внутренняя ошибка сбора статистики",
        },  # fmt: skip
    )
