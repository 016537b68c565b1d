"""The weekly repost cap (000 Порядок п.2.2 абз.2), plain Python.

«Размещение публикаций других авторов без изменений и с указанием источника (репост) — не
более 25 процентов от общего количества публикаций в неделю». Counted per account and
calendar week (Monday to Sunday in the policy's time zone) over everything that went
out, imported posts included. Exactly the cap is allowed.

>>> import textwrap
>>> week = WeekCount(date(2024, 5, 13), originals=3, reposts=0)
>>> check_new_repost(week, 0.25).allowed          # 1 of 4 = 25 %: allowed
True
>>> verdict = check_new_repost(WeekCount(date(2024, 5, 13), 3, 1), 0.25)
>>> verdict.allowed, verdict.originals_needed      # 2 of 5 = 40 %: refused
(False, 3)
>>> print(textwrap.fill(verdict.message, 88))
Неделя 13.05–19.05.2024: уже 3 оригинальные публикации и 1 репост. С этим репостом
репостов станет 2 из 5 (40 %), а допускается не более 25 %. Добавьте 3 оригинальные
публикации на этой неделе или перенесите репост на другую неделю.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Item:
    """One publication that went out (or will): when, and whether it is a repost."""

    at: datetime
    is_repost: bool


@dataclass(frozen=True)
class WeekCount:
    week: date  # the Monday
    originals: int = 0
    reposts: int = 0

    @property
    def total(self) -> int:
        return self.originals + self.reposts

    @property
    def share(self) -> float:
        return self.reposts / self.total if self.total else 0.0

    def plus(self, originals: int = 0, reposts: int = 0) -> WeekCount:
        return WeekCount(self.week, self.originals + originals, self.reposts + reposts)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    message: str
    originals_needed: int = 0


def week_of(moment: datetime, tz: ZoneInfo) -> date:
    """The Monday (local date) of the week ``moment`` falls in.

    >>> tz = ZoneInfo("Asia/Novokuznetsk")
    >>> week_of(datetime(2024, 5, 19, 16, 59, tzinfo=UTC), tz)   # Sun 23:59 local
    datetime.date(2024, 5, 13)
    >>> week_of(datetime(2024, 5, 19, 17, 0, tzinfo=UTC), tz)    # Mon 00:00 local
    datetime.date(2024, 5, 20)
    """
    local = moment.astimezone(tz).date()
    return local - timedelta(days=local.weekday())


def week_bounds(monday: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of the week in UTC."""
    start = datetime.combine(monday, time.min, tzinfo=tz)
    end = datetime.combine(monday + timedelta(days=7), time.min, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def count_weeks(items: Iterable[Item], tz: ZoneInfo) -> dict[date, WeekCount]:
    weeks: dict[date, WeekCount] = {}
    for item in items:
        monday = week_of(item.at, tz)
        count = weeks.get(monday, WeekCount(monday))
        weeks[monday] = count.plus(reposts=1) if item.is_repost else count.plus(originals=1)
    return weeks


def within(count: WeekCount, max_share: float | None) -> bool:
    """Exact arithmetic: 1 of 4 at 0.25 is within, whatever floats would say."""
    if max_share is None or count.total == 0:
        return True
    return Fraction(count.reposts, count.total) <= Fraction(str(max_share))


def originals_needed(count: WeekCount, max_share: float) -> int:
    """The fewest originals to add so that ``count`` is within the cap.

    >>> originals_needed(WeekCount(date(2024, 5, 13), 0, 2), 0.25)
    6
    """
    share = Fraction(str(max_share))
    return max(0, math.ceil(Fraction(count.reposts) / share) - count.total)


def check_new_repost(count: WeekCount, max_share: float | None) -> Verdict:
    """May one more repost go out in the week of ``count`` (which excludes it)?"""
    after = count.plus(reposts=1)
    if within(after, max_share):
        return Verdict(True, "")
    assert max_share is not None
    need = originals_needed(after, max_share)
    return Verdict(False, _refusal(count, after, max_share, need), need)


def check_removal(count: WeekCount, max_share: float | None, *, is_repost: bool) -> Verdict:
    """Would removing one publication push an already-counted week over the cap?"""
    after = count.plus(reposts=-1) if is_repost else count.plus(originals=-1)
    if is_repost or within(after, max_share) or not within(count, max_share):
        return Verdict(True, "")
    assert max_share is not None
    return Verdict(False, _removal_warning(after, max_share))


def _refusal(before: WeekCount, after: WeekCount, max_share: float, need: int) -> str:
    return (
        f"Неделя {week_label(before.week)}: уже {originals_phrase(before.originals)} и "
        f"{reposts_phrase(before.reposts)}. С этим репостом репостов станет {after.reposts} "
        f"из {after.total} ({percent(after.share)}), а допускается не более "
        f"{percent(max_share)}. Добавьте {originals_phrase(need, accusative=True)} на этой "
        "неделе или перенесите репост на другую неделю."
    )


def _removal_warning(after: WeekCount, max_share: float) -> str:
    return (
        f"После удаления на неделе {week_label(after.week)} останется "
        f"{reposts_phrase(after.reposts)} из {after.total} публикаций "
        f"({percent(after.share)}) — больше допустимых {percent(max_share)}."
    )


def week_label(monday: date) -> str:
    """Monday–Sunday of a week, for messages.

    >>> week_label(date(2024, 12, 30))
    '30.12.2024–05.01.2025'
    """
    sunday = monday + timedelta(days=6)
    left = monday.strftime("%d.%m") if monday.year == sunday.year else f"{monday:%d.%m.%Y}"
    return f"{left}–{sunday:%d.%m.%Y}"


def percent(share: float) -> str:
    """A share as whole percent.

    >>> percent(1 / 3), percent(0.25)
    ('33 %', '25 %')
    """
    return f"{round(share * 100):d} %"


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural form for ``n``.

    >>> [plural(n, "репост", "репоста", "репостов") for n in (1, 2, 5, 11, 21, 22)]
    ['репост', 'репоста', 'репостов', 'репостов', 'репост', 'репоста']
    """
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def reposts_phrase(n: int) -> str:
    return f"{n} {plural(n, 'репост', 'репоста', 'репостов')}"


def originals_phrase(n: int, *, accusative: bool = False) -> str:
    """ "N original publications" in Russian.

    >>> originals_phrase(1, accusative=True), originals_phrase(3), originals_phrase(5)
    ('1 оригинальную публикацию', '3 оригинальные публикации', '5 оригинальных публикаций')
    """
    one = "оригинальную публикацию" if accusative else "оригинальная публикация"
    return f"{n} {plural(n, one, 'оригинальные публикации', 'оригинальных публикаций')}"
