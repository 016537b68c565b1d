"""Collecting one account's statistics: read, store, aggregate (incremental)."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from gospablik.analytics import aggregate
from gospablik.analytics.models import Collection, PostStat
from gospablik.analytics.reading import Reading, read_stats
from gospablik.analytics.store import store_days, store_posts
from gospablik.networks.base import ConnectorError
from gospablik.networks.connections import connector_for
from gospablik.networks.models import Connection
from gospablik.registry.models import Account

log = logging.getLogger(__name__)

FIRST_BACKFILL = timedelta(days=28)  # the first run asks for four weeks back
RECENT_DAYS = 2  # the networks keep updating the last days: re-read them every run
EVERY = timedelta(hours=6)  # an account's daily figures are re-read this often


def do_collect_account(
    account: Account, *, since: date | None = None, until: date | None = None
) -> Reading:
    """Read ``since``..``until`` (default: from where the last run stopped, minus the
    last days, up to today) and upsert it; a refusal is stored as a gap with its reason."""
    now = timezone.now()
    state, _ = Collection.objects.get_or_create(account=account)
    until = until or now.astimezone(UTC).date()
    since = min(since or _default_since(account, state, now), until)
    reading = _read(account, since, until)
    with transaction.atomic():
        store_days(account, reading, now)
        store_posts(account, reading, now)
        _advance(state, account, reading, now)
        aggregate.refresh(account, reading.since, reading.until)
    return reading


def _default_since(account: Account, state: Collection, now: datetime) -> date:
    if state.collected_through is None:
        return (now - FIRST_BACKFILL).astimezone(UTC).date()
    since = state.collected_through - timedelta(days=RECENT_DAYS)
    due = PostStat.objects.filter(account=account, next_read_at__lte=now)
    oldest = due.aggregate(first=Min("published_at"))["first"]
    return min(since, oldest.astimezone(UTC).date()) if oldest else since


def _read(account: Account, since: date, until: date) -> Reading:
    connection = Connection.objects.filter(account=account).first()
    if connection is None or not connection.is_usable:
        reading = Reading(since, until)
        reading.gap_all("Аккаунт не подключён к соцсети — статистику прочитать нельзя")
        reading.refusals.append("Аккаунт не подключён")
        return reading
    try:
        return read_stats(connector_for(connection), since, until)
    except ConnectorError as error:
        reading = Reading(since, until)
        reading.gap_all(error.message)
        reading.refusals.append(error.message)
        return reading


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
    """One beat tick: each due account on its own; one account's failure stops no other."""
    done = failed = 0
    for account in due_accounts(timezone.now(), limit):
        try:
            do_collect_account(account)
            done += 1
        except Exception:  # one account's bug must not stop the others
            log.exception("statistics of account %s failed", account.pk)
            _postpone(account)
            failed += 1
    return {"collected": done, "failed": failed}


def _postpone(account: Account) -> None:
    Collection.objects.update_or_create(
        account=account,
        defaults={
            "next_run_at": timezone.now() + EVERY,
            "last_error": "Внутренняя ошибка сбора статистики",
        },  # fmt: skip
    )
