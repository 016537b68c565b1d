"""Storing a reading: upserts that never double-count and never turn a gap into a zero."""

from __future__ import annotations

from datetime import datetime, timedelta

from gospablik.analytics.metrics import METRICS, POST_METRICS
from gospablik.analytics.models import AccountDay, PostStat
from gospablik.analytics.reading import PostCounters, Reading
from gospablik.content.models import Publication
from gospablik.registry.models import Account

NO_FIGURE = "Соцсеть не дала значение за этот день"
# A post's counters are re-read this long after its publication, then no more.
REREAD_AFTER = (
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(days=1),
    timedelta(days=2),
    timedelta(days=3),
    timedelta(days=7),
)


def store_days(account: Account, reading: Reading, now: datetime) -> int:
    """Upsert one row per day of the window; a figure already stored is kept when the
    network now refuses it (a refusal never erases data)."""
    span = (reading.since, reading.until)
    existing = {row.day: row for row in AccountDay.objects.filter(account=account, day__range=span)}
    new: list[AccountDay] = []
    changed: list[AccountDay] = []
    for day in reading.each_day():
        row = existing.get(day) or AccountDay(account=account, day=day, gaps={})
        _merge(row, reading.days.get(day, {}), reading.gaps)
        row.collected_at = now
        (changed if row.pk else new).append(row)
    AccountDay.objects.bulk_create(new)
    AccountDay.objects.bulk_update(changed, [*METRICS, "gaps", "collected_at"])
    return len(new) + len(changed)


def _merge(row: AccountDay, values: dict[str, int], gaps: dict[str, str]) -> None:
    for metric in METRICS:
        if metric in values:
            setattr(row, metric, values[metric])
            row.gaps.pop(metric, None)
        elif getattr(row, metric) is None:
            row.gaps[metric] = gaps.get(metric, NO_FIGURE)


def store_posts(account: Account, reading: Reading, now: datetime) -> int:
    ids = [p.post_id for p in reading.posts]
    existing = {
        row.network_post_id: row
        for row in PostStat.objects.filter(account=account, network_post_id__in=ids)
    }
    ours = dict(
        Publication.objects.filter(account=account, network_post_id__in=ids).values_list(
            "network_post_id", "post_id"
        )
    )
    new: list[PostStat] = []
    changed: list[PostStat] = []
    for post in reading.posts:
        row = existing.get(post.post_id) or PostStat(account=account, network_post_id=post.post_id)
        _merge_post(row, post, reading.post_gaps, now)
        row.post_id = ours.get(post.post_id, row.post_id)
        (changed if row.pk else new).append(row)
    fields = [*POST_METRICS, "post", "gaps", "reads", "read_at", "next_read_at", "url", "text"]
    PostStat.objects.bulk_create(new)
    PostStat.objects.bulk_update(changed, fields)
    return len(ids)


def _merge_post(row: PostStat, post: PostCounters, gaps: dict[str, str], now: datetime) -> None:
    row.published_at, row.url, row.text = post.published_at, post.url, post.text[:300]
    row.gaps = dict(row.gaps or {})
    for metric in POST_METRICS:
        if metric in post.values:
            setattr(row, metric, post.values[metric])
            row.gaps.pop(metric, None)
        elif getattr(row, metric) is None:
            row.gaps[metric] = gaps.get(metric, NO_FIGURE)
    row.reads += 1
    row.read_at = now
    row.next_read_at = next_read(post.published_at, now)


def next_read(published_at: datetime, now: datetime) -> datetime | None:
    """The next re-read of a post's counters: at 1 h, 6 h, 1, 2, 3 and 7 days.

    >>> from datetime import UTC
    >>> t = datetime(2026, 12, 1, 9, tzinfo=UTC)
    >>> next_read(t, t + timedelta(hours=2))
    datetime.datetime(2026, 12, 1, 15, 0, tzinfo=datetime.timezone.utc)
    >>> next_read(t, t + timedelta(days=8)) is None
    True
    """
    return next((published_at + step for step in REREAD_AFTER if published_at + step > now), None)
