"""The compliance report's per-account-per-day table (issue 18).

Each change of a publication (it went out, was deleted, moved), of its post (format,
style) or of an imported wall post recomputes the account-days it touches, in the
change's transaction; ``rebuild`` recomputes a ministry's days with the same function."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from gospablik.content.counting import imported_between, publications_between
from gospablik.content.models import ComplianceDay, Post, Publication, RemotePost
from gospablik.orgs.models import Ministry
from gospablik.policy.store import NoPolicy, policy_for
from gospablik.registry.models import Account

IMPORTED = "imported"


@dataclass
class Day:
    originals: int = 0
    reposts: int = 0
    imported: int = 0
    formats: Counter[str] = field(default_factory=Counter)
    style_sum: float = 0.0
    style_n: int = 0


def tz_of(ministry: Ministry) -> ZoneInfo:
    try:
        return policy_for(ministry).tz()
    except NoPolicy:
        return ZoneInfo(settings.TIME_ZONE)


def _days(
    accounts: Any, start: datetime | None, end: datetime | None, tz: ZoneInfo
) -> dict[tuple[int, date], Day]:
    low = start or datetime(1970, 1, 1, tzinfo=tz)
    high = end or datetime(9999, 1, 1, tzinfo=tz)
    found: dict[tuple[int, date], Day] = {}
    pubs = publications_between(accounts, low, high, planned=False)
    fields = ("account_id", "moment_at", "kind", "post__format", "post__style_score")
    rows = pubs.values_list(*fields)
    for account_id, moment, kind, fmt, score in rows.order_by().iterator(chunk_size=10_000):
        day = found.setdefault((account_id, moment.astimezone(tz).date()), Day())
        if kind == Publication.Kind.REPOST:
            day.reposts += 1
        else:
            day.originals += 1
        day.formats[fmt] += 1
        if score is not None:
            day.style_sum, day.style_n = day.style_sum + score, day.style_n + 1
    remote = imported_between(accounts, low, high).values_list("account_id", "date", "kind")
    for account_id, moment, kind in remote.order_by().iterator(chunk_size=10_000):
        day = found.setdefault((account_id, moment.astimezone(tz).date()), Day())
        if kind == "repost":
            day.reposts += 1
        else:
            day.originals += 1
        day.imported += 1
        day.formats[IMPORTED] += 1
    return found


def _store(ministry_id: int, found: dict[tuple[int, date], Day]) -> None:
    ComplianceDay.objects.bulk_create(
        [
            ComplianceDay(
                ministry_id=ministry_id, account_id=a, day=d, originals=x.originals,
                reposts=x.reposts, imported=x.imported, formats=dict(x.formats),
                style_sum=x.style_sum, style_n=x.style_n,
            )
            for (a, d), x in found.items()
        ],
        batch_size=5000,
    )  # fmt: skip


def refresh(account: Account, *moments: datetime | None) -> None:
    """Recompute the account's days of ``moments``."""
    tz = tz_of(account.ministry)
    for day in sorted({m.astimezone(tz).date() for m in moments if m is not None}):
        start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
        end = datetime.combine(
            date.fromordinal(day.toordinal() + 1), datetime.min.time(), tzinfo=tz
        )
        ComplianceDay.objects.filter(account=account, day=day).delete()
        _store(account.ministry_id, _days([account], start, end, tz))


@transaction.atomic
def rebuild(ministry: Ministry) -> int:
    """All of a ministry's days recomputed; returns the number of account-days. On
    PostgreSQL the publications are grouped into the table by the database (a region's
    million posts through no Python); the wall posts made outside are added after."""
    ComplianceDay.objects.filter(ministry=ministry).delete()
    accounts = Account.objects.filter(ministry=ministry)
    tz = tz_of(ministry)
    if connection.vendor != "postgresql":
        found = _days(accounts, None, None, tz)
        _store(ministry.pk, found)
        return len(found)
    _insert_published(ministry.pk, tz)
    low, high = datetime(1970, 1, 1, tzinfo=tz), datetime(9999, 1, 1, tzinfo=tz)
    outside = imported_between(accounts, low, high).values_list("account_id", "date")
    for account_id, moment in outside.order_by().iterator(chunk_size=10_000):
        account = Account(pk=account_id, ministry=ministry)
        refresh(account, moment)  # few: the accounts' own wall posts made outside
    return ComplianceDay.objects.filter(ministry=ministry).count()


def _insert_published(ministry_id: int, tz: ZoneInfo) -> None:
    pubs, posts = Publication._meta.db_table, Post._meta.db_table
    accounts = Account._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH went AS (
                SELECT p.account_id,
                       (COALESCE(p.published_at, p.due_at) AT TIME ZONE %s)::date AS day,
                       p.kind, o.format, o.style_score
                FROM {pubs} p JOIN {posts} o ON o.id = p.post_id
                JOIN {accounts} a ON a.id = p.account_id
                WHERE a.ministry_id = %s AND p.status = %s
                  AND COALESCE(p.published_at, p.due_at) IS NOT NULL
            ), formats AS (
                SELECT account_id, day, jsonb_object_agg(format, n) AS formats
                FROM (SELECT account_id, day, format, count(*) AS n FROM went
                      GROUP BY 1, 2, 3) f GROUP BY 1, 2
            )
            INSERT INTO {ComplianceDay._meta.db_table}
                (ministry_id, account_id, day, originals, reposts, imported, formats,
                 style_sum, style_n)
            SELECT %s, c.account_id, c.day, c.originals, c.reposts, 0, f.formats,
                   c.style_sum, c.style_n
            FROM (SELECT account_id, day,
                         count(*) FILTER (WHERE kind <> %s) AS originals,
                         count(*) FILTER (WHERE kind = %s) AS reposts,
                         COALESCE(sum(style_score), 0) AS style_sum,
                         count(style_score) AS style_n
                  FROM went GROUP BY 1, 2) c
            JOIN formats f USING (account_id, day)
            """,  # noqa: S608 - table names from the models, values are parameters
            [str(tz), ministry_id, Publication.Status.PUBLISHED, ministry_id,
             Publication.Kind.REPOST, Publication.Kind.REPOST],
        )  # fmt: skip


def publication_changed(pub_id: int) -> None:
    """A publication went out, was deleted or moved: its day, and the days of the wall
    posts with its network id (they stop or start counting as made outside)."""
    pub = Publication.objects.select_related("account__ministry").filter(pk=pub_id).first()
    if pub is None:
        return
    moments = [pub.published_at, pub.due_at]
    if pub.network_post_id:
        remote = RemotePost.objects.filter(
            account_id=pub.account_id, network_post_id=pub.network_post_id
        )
        moments += list(remote.values_list("date", flat=True))
    refresh(pub.account, *moments)


def publications_changed(pubs: list[Publication]) -> None:
    """:func:`publication_changed` for a batch: one refresh per account, the wall posts
    of all their network ids read in one query."""
    moments: dict[int, list[datetime | None]] = {}
    accounts = {pub.account_id: pub.account for pub in pubs}
    for pub in pubs:
        moments.setdefault(pub.account_id, []).extend([pub.published_at, pub.due_at])
    ids = {(pub.account_id, pub.network_post_id) for pub in pubs if pub.network_post_id}
    if ids:
        remote = RemotePost.objects.filter(
            account_id__in={a for a, _ in ids}, network_post_id__in={n for _, n in ids}
        ).values_list("account_id", "network_post_id", "date")
        for account_id, network_id, when in remote:
            if (account_id, network_id) in ids:
                moments[account_id].append(when)
    for account_id, found in moments.items():
        refresh(accounts[account_id], *found)


def _publication_saved(sender: Any, instance: Publication, raw: bool = False, **kw: Any) -> None:
    if not raw:
        publication_changed(instance.pk)


def _gone(account_id: int, *moments: datetime | None) -> None:
    """A row was deleted (perhaps with its account): its days go now, and are counted
    again after the commit if the account is still there."""
    ComplianceDay.objects.filter(
        account_id=account_id, day__in=_local_days(account_id, moments)
    ).delete()

    def again() -> None:
        account = Account.objects.filter(pk=account_id).select_related("ministry").first()
        if account is not None:
            refresh(account, *moments)

    transaction.on_commit(again)


def _local_days(account_id: int, moments: tuple[datetime | None, ...]) -> set[date]:
    ministry = Ministry.objects.filter(accounts__pk=account_id).first()
    tz = tz_of(ministry) if ministry is not None else ZoneInfo(settings.TIME_ZONE)
    return {m.astimezone(tz).date() for m in moments if m is not None}


def _publication_deleted(sender: Any, instance: Publication, **kw: Any) -> None:
    _gone(instance.account_id, instance.published_at, instance.due_at)


def _post_saved(sender: Any, instance: Post, raw: bool = False, **kw: Any) -> None:
    if raw:
        return
    published = Publication.objects.filter(Q(post=instance), ~Q(published_at=None))
    for pub_id in published.values_list("pk", flat=True):
        publication_changed(pub_id)


def _remote_saved(sender: Any, instance: RemotePost, raw: bool = False, **kw: Any) -> None:
    account = Account.objects.filter(pk=instance.account_id).select_related("ministry").first()
    if account is not None and not raw:
        refresh(account, instance.date)


def _remote_deleted(sender: Any, instance: RemotePost, **kw: Any) -> None:
    _gone(instance.account_id, instance.date)


def connect() -> None:
    post_save.connect(_publication_saved, sender=Publication, dispatch_uid="compliance-pub")
    post_delete.connect(_publication_deleted, sender=Publication, dispatch_uid="compliance-pub-del")
    post_save.connect(_post_saved, sender=Post, dispatch_uid="compliance-post")
    post_save.connect(_remote_saved, sender=RemotePost, dispatch_uid="compliance-remote")
    post_delete.connect(_remote_deleted, sender=RemotePost, dispatch_uid="compliance-remote-del")
