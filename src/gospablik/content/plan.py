"""The content plan: a week or month calendar of posts across a ministry's accounts."""

from __future__ import annotations

import calendar as pycal
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils.translation import gettext

from gospablik.content.counting import imported_between
from gospablik.content.models import Post, RemotePost
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account

MONTHS_RU = [
    "",
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]
WEEKDAYS_RU = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
# issue 18: a day cell shows this many posts and "N more"; the page never grows with the data
PER_DAY = {"week": 20, "month": 5}


@dataclass(frozen=True)
class Filters:
    account: int | None = None
    network: str = ""
    format: str = ""
    status: str = ""

    @classmethod
    def of(cls, query: Any) -> Filters:
        raw = str(query.get("account") or "")
        return cls(
            int(raw) if raw.isdigit() else None,
            str(query.get("network") or ""),
            str(query.get("format") or ""),
            str(query.get("status") or ""),
        )

    def posts(self, qs: QuerySet[Post]) -> QuerySet[Post]:
        if self.account:
            qs = qs.filter(publications__account_id=self.account)
        if self.network:
            qs = qs.filter(publications__account__network=self.network)
        if self.format:
            qs = qs.filter(format=self.format)
        if self.status:
            qs = qs.filter(status=self.status)
        return qs.distinct()

    def accounts(self, qs: QuerySet[Account]) -> QuerySet[Account]:
        if self.account:
            qs = qs.filter(pk=self.account)
        return qs.filter(network=self.network) if self.network else qs

    @property
    def shows_imported(self) -> bool:
        return not (self.format or self.status)


@dataclass
class Day:
    date: date
    in_range: bool
    today: bool
    posts: list[Post] = field(default_factory=list)
    imported: list[RemotePost] = field(default_factory=list)
    total: int = 0  # posts of the day, of which only the first PER_DAY are in ``posts``

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.posts))


def span(view: str, anchor: date) -> tuple[date, date, date, date]:
    """(first shown day, last shown day, previous anchor, next anchor); weeks start Monday.

    >>> span("week", date(2024, 5, 15))[:2]
    (datetime.date(2024, 5, 13), datetime.date(2024, 5, 19))
    >>> span("month", date(2024, 5, 15))[:2]
    (datetime.date(2024, 4, 29), datetime.date(2024, 6, 2))
    """
    if view == "month":
        first_of, days = anchor.replace(day=1), pycal.monthrange(anchor.year, anchor.month)[1]
        last_of = first_of.replace(day=days)
        start = first_of - timedelta(days=first_of.weekday())
        end = last_of + timedelta(days=6 - last_of.weekday())
        previous = (first_of - timedelta(days=1)).replace(day=1)
        return start, end, previous, last_of + timedelta(days=1)
    start = anchor - timedelta(days=anchor.weekday())
    return start, start + timedelta(days=6), start - timedelta(weeks=1), start + timedelta(weeks=1)


def title(view: str, start: date, end: date, anchor: date) -> str:
    if view == "month":
        return f"{gettext(MONTHS_RU[anchor.month]).capitalize()} {anchor.year}"
    return f"{start:%d.%m} – {end:%d.%m.%Y}"


def build_days(
    ministry: Ministry, view: str, anchor: date, filters: Filters, tz: ZoneInfo, today: date
) -> list[Day]:
    start, end, _prev, _next = span(view, anchor)
    lower = datetime.combine(start, time.min, tzinfo=tz)
    upper = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    days = {
        start + timedelta(days=n): Day(
            start + timedelta(days=n),
            view == "week" or (start + timedelta(days=n)).month == anchor.month,
            start + timedelta(days=n) == today,
        )
        for n in range((end - start).days + 1)
    }
    posts = Post.objects.filter(ministry=ministry, publish_at__gte=lower, publish_at__lt=upper)
    chosen = Post.objects.filter(pk__in=filters.posts(posts).values("pk"))
    per_day = PER_DAY[view]
    for post in _first_of_each_day(chosen, "publish_at", tz, per_day).prefetch_related(
        "publications__account"
    ):
        assert post.publish_at is not None
        days[post.publish_at.astimezone(tz).date()].posts.append(post)
    local_day = TruncDate("publish_at", tzinfo=tz)
    for row in chosen.annotate(day=local_day).values("day").annotate(n=Count("pk")).order_by():
        if row["day"] in days:
            days[row["day"]].total = row["n"]
    if filters.shows_imported:
        accounts = filters.accounts(Account.objects.filter(ministry=ministry))
        remote = imported_between(accounts, lower, upper).select_related("account")
        for item in _first_of_each_day(remote, "date", tz, per_day):
            days[item.date.astimezone(tz).date()].imported.append(item)
    return list(days.values())


def _first_of_each_day(qs: QuerySet[Any], moment: str, tz: ZoneInfo, n: int) -> QuerySet[Any]:
    """The first ``n`` rows of every local day, in one query (a window function)."""
    local_day = TruncDate(moment, tzinfo=tz)
    ranked = qs.annotate(
        rank=Window(
            RowNumber(), partition_by=[local_day], order_by=[F(moment).asc(), F("pk").asc()]
        )
    )
    return ranked.filter(rank__lte=n).order_by(moment, "pk")


def weeks(days: list[Day]) -> list[list[Day]]:
    return [days[n : n + 7] for n in range(0, len(days), 7)]


def parse_anchor(raw: str | None, today: date) -> date:
    try:
        return date.fromisoformat(raw) if raw else today
    except ValueError:
        return today
