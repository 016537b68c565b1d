"""What the analytics pages show, read from the pre-aggregated tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone

from gospablik.analytics.metrics import METRICS
from gospablik.analytics.models import AccountWeek, MinistryDay, PostStat
from gospablik.analytics.period import Period
from gospablik.analytics.rates import er_percent
from gospablik.content.models import Publication
from gospablik.dialogue.models import Thread
from gospablik.moderation.models import Comment
from gospablik.orgs.models import Ministry

SUMMED = ("posts", "views", "reach", "likes", "reposts", "comments")
TOP_POSTS = 10
TOP_ROWS = 50
TABLE_WEEKS = 4


@dataclass
class Figures:
    followers: int | None = None
    followers_start: int | None = None
    values: dict[str, int] = field(default_factory=dict)

    @property
    def reactions(self) -> int:
        return sum(self.values.get(m, 0) for m in ("likes", "reposts", "comments"))

    @property
    def er_followers(self) -> float | None:
        return er_percent(self.reactions, self.followers)

    @property
    def er_views(self) -> float | None:
        return er_percent(self.reactions, self.values.get("views"))

    @property
    def growth(self) -> int | None:
        if self.followers is None or self.followers_start is None:
            return None
        return self.followers - self.followers_start


def aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def ministry_days(ministry: Ministry, period: Period) -> QuerySet[MinistryDay]:
    return MinistryDay.objects.filter(ministry=ministry, day__range=(period.since, period.until))


def series(
    rows: QuerySet[Any], metric: str, period: Period, interval: str | None = None
) -> list[tuple[date, int | None]]:
    """``rows`` (with ``day`` and ``metric``; several rows a day are summed) as points by
    day or week; a day without a figure is None (no data), never zero."""
    found = dict(rows.values("day").annotate(value=Sum(metric)).values_list("day", "value"))
    return points(found, metric, period, interval)


def points(
    found: dict[date, int | None], metric: str, period: Period, interval: str | None = None
) -> list[tuple[date, int | None]]:
    """Figures by day as points by day or week (followers: the week's last count; the
    others: the week's sum); a day without a figure is None."""
    days = [period.since + timedelta(days=i) for i in range(period.days)]
    if (interval or period.interval) == "day":
        return [(d, found.get(d)) for d in days]
    weeks: dict[date, list[int]] = {d - timedelta(days=d.weekday()): [] for d in days}
    for d in days:
        value = found.get(d)
        if value is not None:
            weeks[d - timedelta(days=d.weekday())].append(value)
    return [(w, _pick(metric, v)) for w, v in sorted(weeks.items())]


def _pick(metric: str, values: list[int]) -> int | None:
    """A week's figure: the last follower count, or the sum of the others."""
    if not values:
        return None
    return values[-1] if metric == "followers" else sum(values)


Figure = tuple[type[Aggregate], Any, Q | None]  # (Count, "id", an extra filter)


def two_periods(
    rows: QuerySet[Any], field: str, period: Period, figures: dict[str, Figure]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``figures`` over ``period`` and over the period before it, in one query (a card
    shows both)."""
    before = period.previous()

    def within(span: Period) -> Q:
        return Q(**{f"{field}__gte": aware(span.since),
                    f"{field}__lt": aware(span.until + timedelta(days=1))})  # fmt: skip

    wanted = {
        f"{tag}__{name}": func(expression, filter=within(span) & (extra or Q()))
        for tag, span in (("now", period), ("before", before))
        for name, (func, expression, extra) in figures.items()
    }
    found = rows.filter(within(Period(before.since, period.until))).aggregate(**wanted)
    return tuple({n: found[f"{tag}__{n}"] for n in figures} for tag in ("now", "before"))  # type: ignore[return-value]


def repost_shares(ministry: Ministry, period: Period) -> tuple[tuple[int, int], tuple[int, int]]:
    """(reposts, publications) now and before."""
    published = Publication.objects.filter(
        account__ministry=ministry, status=Publication.Status.PUBLISHED
    )
    now, before = two_periods(published, "published_at", period, {
        "reposts": (Count, "id", Q(kind=Publication.Kind.REPOST)), "total": (Count, "id", None),
    })  # fmt: skip
    return (now["reposts"], now["total"]), (before["reposts"], before["total"])


def repost_share(ministry: Ministry, period: Period) -> tuple[int, int]:
    return repost_shares(ministry, period)[0]


def moderation_pair(ministry: Ministry, period: Period) -> tuple[dict[str, int], dict[str, int]]:
    statuses = Comment.Status
    return two_periods(Comment.objects.filter(ministry=ministry), "received_at", period, {
        "received": (Count, "id", None),
        "deleted": (Count, "id", Q(status__in=[statuses.DELETED, statuses.HIDDEN])),
        "review": (Count, "id", Q(status=statuses.REVIEW)),
    })  # fmt: skip


def moderation_volumes(ministry: Ministry, period: Period) -> dict[str, int]:
    return moderation_pair(ministry, period)[0]


@dataclass(frozen=True)
class Answers:
    """Residents' comments and messages that needed an answer, received in a period."""

    threads: int
    answered: int
    unanswered: int  # still open without a first answer
    in_time: int  # first answer by its deadline
    average_hours: float | None  # mean time to the first answer

    @property
    def in_time_percent(self) -> float | None:
        return round(self.in_time / self.answered * 100, 1) if self.answered else None


def answers_pair(ministry: Ministry, period: Period) -> tuple[Answers, Answers]:
    """First-response figures from the dialogue's threads, now and before, in one query."""
    threads = Thread.objects.filter(ministry=ministry, needs_answer=True)
    wait = ExpressionWrapper(F("first_answer_at") - F("received_at"), output_field=DurationField())
    answered = Q(first_answer_at__isnull=False)
    in_time = answered & (Q(first_due_at=None) | Q(first_answer_at__lte=F("first_due_at")))
    pair = two_periods(threads, "received_at", period, {
        "threads": (Count, "id", None), "answered": (Count, "id", answered),
        "unanswered": (Count, "id", Q(first_answer_at=None, status__in=Thread.OPEN)),
        "in_time": (Count, "id", in_time), "average": (Avg, wait, answered),
    })  # fmt: skip
    return _answers(pair[0]), _answers(pair[1])


def _answers(found: dict[str, Any]) -> Answers:
    average = found.pop("average")
    hours = round(average.total_seconds() / 3600, 1) if average is not None else None
    return Answers(**found, average_hours=hours)


def answers(ministry: Ministry, period: Period) -> Answers:
    return answers_pair(ministry, period)[0]


def post_stats(ministry: Ministry, period: Period) -> QuerySet[PostStat]:
    return PostStat.objects.filter(
        account__ministry=ministry, published_at__gte=aware(period.since),
        published_at__lt=aware(period.until + timedelta(days=1)),
    ).annotate(reactions=F("likes") + F("reposts") + F("comments"))  # fmt: skip


def top_posts(ministry: Ministry, period: Period) -> tuple[list[PostStat], list[PostStat]]:
    posts = post_stats(ministry, period).exclude(likes=None).select_related("account", "post")
    best = list(posts.order_by(F("reactions").desc(nulls_last=True), "pk")[:TOP_POSTS])
    worst = list(posts.order_by(F("reactions").asc(nulls_last=True), "pk")[:TOP_POSTS])
    return best, [p for p in worst if p not in best]


def style_scores(ministry: Ministry, period: Period) -> tuple[float | None, float | None]:
    """The average style score of the posts published now and before."""
    posts = PostStat.objects.filter(account__ministry=ministry)
    pair = two_periods(posts, "published_at", period, {
        "score": (Avg, "post__style_score", None),
    })  # fmt: skip
    return tuple(round(p["score"], 1) if p["score"] is not None else None for p in pair)  # type: ignore[return-value]


def style_score(ministry: Ministry, period: Period) -> float | None:
    return style_scores(ministry, period)[0]


def by_format(ministry: Ministry, period: Period) -> list[dict[str, Any]]:
    return _grouped(post_stats(ministry, period), "post__format")


def by_occasion(ministry: Ministry, period: Period) -> list[dict[str, Any]]:
    posts = post_stats(ministry, period).exclude(post__occasion=None)
    return _grouped(posts, "post__occasion__title")[:TOP_ROWS]


def _grouped(posts: QuerySet[PostStat], key: str) -> list[dict[str, Any]]:
    rows = posts.values(key).annotate(
        count=Count("id"), likes=Sum("likes"), reposts=Sum("reposts"), comments=Sum("comments"),
        views=Sum("views"), style=Avg("post__style_score"),
    ).order_by("-count")  # fmt: skip
    return [{"key": r[key], **{k: v for k, v in r.items() if k != key}} for r in rows]


def account_weeks(ministry: Ministry, period: Period) -> QuerySet[Any]:
    """Per account, summed over the last (up to) four weeks the range touches (bounded
    list, best first: a year of weeks for thousands of pages is not a page)."""
    first, last = period.weeks()
    first = max(first, last - timedelta(days=7 * (TABLE_WEEKS - 1)))
    weeks = AccountWeek.objects.filter(ministry=ministry, week__range=(first, last))
    return (
        weeks.values("account_id", "account__title", "account__network", "account__tier")
        .annotate(**{m: Sum(m) for m in SUMMED})
        .order_by("-likes", "account_id")[:TOP_ROWS]
    )


def figure_names() -> tuple[str, ...]:
    return METRICS


def table_weeks(period: Period) -> tuple[date, date]:
    """The first Monday and the last Sunday of the per-account table."""
    first, last = period.weeks()
    first = max(first, last - timedelta(days=7 * (TABLE_WEEKS - 1)))
    return first, last + timedelta(days=6)
