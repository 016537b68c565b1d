"""The moderation report's per-account-per-day tables (issue 18).

A new comment adds to its day's counts (one upsert); any later change of a comment or of
its archive copy recomputes the one account-day it touches from the comments, both in the
action's transaction. ``rebuild`` recomputes a ministry's days from scratch with the same
functions, so the incremental figures and the rebuilt ones agree by construction (and a
test checks it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Model, Q, QuerySet
from django.db.models.functions import TruncDate

from gospablik.moderation.models import (
    AUTO,
    ArchivedItem,
    Classification,
    Comment,
    ModerationCategoryDay,
    ModerationDay,
    ModerationReviewDay,
)
from gospablik.orgs.models import Ministry
from gospablik.policy.store import NoPolicy, policy_for

COUNTS = {
    "delete": "auto_deleted",
    "hide": "auto_hidden",
    "review": "reviewed",
    "keep": "auto_kept",
}
TABLES = (ModerationDay, ModerationCategoryDay, ModerationReviewDay)
Key = tuple[int, date]  # account id, local day


def tz_of(ministry: Ministry | int) -> ZoneInfo:
    """The policy's time zone (the report's days); the installation's without a policy."""
    if isinstance(ministry, int):
        ministry = Ministry.objects.get(pk=ministry)
    try:
        return policy_for(ministry).tz()
    except NoPolicy:
        return ZoneInfo(settings.TIME_ZONE)


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


def day_bounds(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Local days ``first``..``last`` inclusive as an aware half-open range."""
    start = datetime.combine(first, time.min, tzinfo=tz)
    return start, datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)


# --- incremental ------------------------------------------------------------------------


def count_new(comment: Comment, labels: Iterable[str], tz: ZoneInfo | None = None) -> None:
    """A new comment: +1 on its day's volume, its automatic action and its categories
    (one upsert each; ``tz`` saves the policy lookup when the caller has the policy)."""
    day = local_day(comment.received_at, tz or tz_of(comment.ministry_id))
    counter = COUNTS.get(comment.auto_action)
    increments = {"volume": 1} | ({counter: 1} if counter else {})
    key = {"ministry_id": comment.ministry_id, "account_id": comment.account_id, "day": day}
    _upsert(ModerationDay, key, increments)
    for category in labels:
        _upsert(ModerationCategoryDay, key | {"category": category}, {"n": 1})


def _upsert(model: type[Model], key: dict[str, Any], increments: dict[str, int]) -> None:
    """INSERT … ON CONFLICT DO UPDATE adding ``increments`` (PostgreSQL and SQLite)."""
    table, quote = model._meta.db_table, connection.ops.quote_name
    fields = model._meta.concrete_fields
    counters = [str(f.column) for f in fields if f.column not in key and not f.primary_key]
    values = [*key.values(), *(increments.get(name, 0) for name in counters)]
    names = [*key, *counters]
    unique = [name for name in key if name != "ministry_id"]
    adds = ", ".join(
        f"{quote(n)} = {quote(table)}.{quote(n)} + EXCLUDED.{quote(n)}" for n in increments
    )
    # names come from this module's models, values are parameters
    statement = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(n) for n in names)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(names))}) "
        f"ON CONFLICT ({', '.join(quote(n) for n in unique)}) DO UPDATE SET {adds}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, values)


def refresh(comment: Comment, *moments: datetime | None) -> None:
    """Recompute the account-days of a changed comment: the day it was received and the
    days of ``moments`` (an archive copy decided or restored then)."""
    tz = tz_of(comment.ministry_id)
    days = {local_day(m, tz) for m in (comment.received_at, *moments) if m is not None}
    for day in sorted(days):
        _recompute(comment.ministry_id, Q(account_id=comment.account_id), day, day, tz)


# --- from scratch -----------------------------------------------------------------------


@transaction.atomic
def rebuild(ministry: Ministry) -> int:
    """All of a ministry's days recomputed; returns the number of account-days. On
    PostgreSQL the comment counts and categories are grouped into the tables by the
    database (a region's ten million comments in a few minutes, nothing through Python)."""
    tz = tz_of(ministry)
    if connection.vendor != "postgresql":
        return _recompute(ministry.pk, Q(), None, None, tz)
    for model in TABLES:
        model.objects.filter(ministry=ministry).delete()
    comments = Comment.objects.filter(ministry=ministry)
    _insert_select(ModerationDay, ministry.pk, _grouped(comments, tz))
    _insert_categories(ministry.pk, tz)
    days: dict[Key, dict[str, int]] = {}
    archives = ArchivedItem.objects.filter(ministry=ministry)
    _archive_counts(days, archives, archives.exclude(restored_at=None), tz)
    ModerationDay.objects.bulk_create(
        [ModerationDay(ministry=ministry, account_id=a, day=d, **c) for (a, d), c in days.items()],
        update_conflicts=True,
        unique_fields=["account", "day"],
        update_fields=["deleted_by_people", "restored", "restored_auto"],
        batch_size=5000,
    )
    reviews = _reviews(comments, tz).items()
    owner = {"ministry_id": ministry.pk}
    _write(ModerationReviewDay, [owner | _keyed(k, ("tenths", t), n) for (*k, t), n in reviews])
    return ModerationDay.objects.filter(ministry=ministry).count()


def _insert_select(model: type[Model], ministry_id: int, grouped: QuerySet[Any]) -> None:
    """INSERT … SELECT of a grouped query whose columns are the model's after ministry."""
    select, params = grouped.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = [quote(k) for k in ("ministry_id", "account_id", "day", "volume", *COUNTS.values())]
    statement = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)}, "  # noqa: S608
        f"{', '.join(quote(n) for n in ('deleted_by_people', 'restored', 'restored_auto'))}) "
        f"SELECT %s, g.*, 0, 0, 0 FROM ({select}) g"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [ministry_id, *params])


def _insert_categories(ministry_id: int, tz: ZoneInfo) -> None:
    comment, verdict = Comment._meta.db_table, Classification._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ModerationCategoryDay._meta.db_table} "  # noqa: S608
            "(ministry_id, account_id, day, category, n) "
            "SELECT c.ministry_id, c.account_id, (c.received_at AT TIME ZONE %s)::date, label, "
            f"count(*) FROM {comment} c JOIN {verdict} v ON v.id = c.verdict_id, "
            "jsonb_array_elements_text(v.labels) label WHERE c.ministry_id = %s "
            "GROUP BY 1, 2, 3, 4",
            [str(tz), ministry_id],
        )


def _recompute(
    ministry_id: int, scope: Q, first: date | None, last: date | None, tz: ZoneInfo
) -> int:
    comments = Comment.objects.filter(scope, ministry_id=ministry_id)
    archives = ArchivedItem.objects.filter(scope, ministry_id=ministry_id)
    decided, restored = archives, archives.exclude(restored_at=None)
    stale = [model.objects.filter(scope, ministry_id=ministry_id) for model in TABLES]
    if first is not None and last is not None:
        start, end = day_bounds(first, last, tz)
        comments = comments.filter(received_at__gte=start, received_at__lt=end)
        decided = decided.filter(decided_at__gte=start, decided_at__lt=end)
        restored = restored.filter(restored_at__gte=start, restored_at__lt=end)
        stale = [qs.filter(day__gte=first, day__lte=last) for qs in stale]
    for qs in stale:
        qs.delete()
    days = _counts(comments, tz)
    _archive_counts(days, decided, restored, tz)
    owner = {"ministry_id": ministry_id}
    _write(ModerationDay, [owner | {"account_id": a, "day": d} | c for (a, d), c in days.items()])
    categories = _categories(comments, tz).items()
    _write(
        ModerationCategoryDay, [owner | _keyed(k, ("category", c), n) for (*k, c), n in categories]
    )
    reviews = _reviews(comments, tz).items()
    _write(ModerationReviewDay, [owner | _keyed(k, ("tenths", t), n) for (*k, t), n in reviews])
    return len(days)


def _keyed(key: list[object], extra: tuple[str, object], n: int) -> dict[str, object]:
    return {"account_id": key[0], "day": key[1], extra[0]: extra[1], "n": n}


def _write(model: type, rows: list[dict[str, object]]) -> None:
    model.objects.bulk_create([model(**row) for row in rows], batch_size=5000)  # type: ignore[attr-defined]


def _grouped(comments: QuerySet[Comment], tz: ZoneInfo) -> QuerySet[Any]:
    rows = comments.annotate(day=TruncDate("received_at", tzinfo=tz)).values("account_id", "day")
    return rows.annotate(
        volume=Count("pk"),
        **{name: Count("pk", filter=Q(auto_action=action)) for action, name in COUNTS.items()},
    ).order_by()


def _counts(comments: QuerySet[Comment], tz: ZoneInfo) -> dict[Key, dict[str, int]]:
    rows = _grouped(comments, tz)
    found: dict[Key, dict[str, int]] = {}
    for r in rows.order_by():
        row: dict[str, Any] = dict(r)
        found[row.pop("account_id"), row.pop("day")] = row
    return found


def _archive_counts(
    days: dict[Key, dict[str, int]],
    decided: QuerySet[ArchivedItem],
    restored: QuerySet[ArchivedItem],
    tz: ZoneInfo,
) -> None:
    zero = dict.fromkeys(["volume", *COUNTS.values()], 0)
    people = decided.filter(decided_by__isnull=False).annotate(
        day=TruncDate("decided_at", tzinfo=tz)
    )
    for r in people.values("account_id", "day").annotate(n=Count("pk")).order_by():
        days.setdefault((r["account_id"], r["day"]), dict(zero))["deleted_by_people"] = r["n"]
    back = restored.annotate(day=TruncDate("restored_at", tzinfo=tz)).values("account_id", "day")
    back = back.annotate(n=Count("pk"), auto=Count("pk", filter=Q(decided_by_repr=AUTO)))
    for r in back.order_by():
        row = days.setdefault((r["account_id"], r["day"]), dict(zero))
        row["restored"], row["restored_auto"] = r["n"], r["auto"]


def _categories(comments: QuerySet[Comment], tz: ZoneInfo) -> Counter[tuple[int, date, str]]:
    labelled = comments.exclude(verdict=None).exclude(verdict__labels=[])
    found: Counter[tuple[int, date, str]] = Counter()
    rows = labelled.values_list("account_id", "received_at", "verdict__labels").order_by()
    for account_id, received, labels in rows.iterator(chunk_size=10_000):
        for category in labels or []:
            found[account_id, local_day(received, tz), category] += 1
    return found


def _reviews(comments: QuerySet[Comment], tz: ZoneInfo) -> Counter[tuple[int, date, int]]:
    reviewed = comments.filter(
        auto_action="review", decided_by__isnull=False, decided_at__isnull=False
    ).values_list("account_id", "received_at", "decided_at")
    found: Counter[tuple[int, date, int]] = Counter()
    for account_id, received, decided in reviewed.order_by().iterator(chunk_size=10_000):
        tenths = max(0, round((decided - received).total_seconds() / 6)) if decided else 0
        found[account_id, local_day(received, tz), tenths] += 1
    return found
