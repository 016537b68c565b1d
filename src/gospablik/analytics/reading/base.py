"""What a reader returns: daily figures, post counters and the reasons of the gaps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from gospablik.analytics.metrics import METRICS, POST_METRICS
from gospablik.networks.base import ConnectorError


@dataclass
class PostCounters:
    post_id: str
    published_at: datetime
    url: str
    text: str
    values: dict[str, int] = field(default_factory=dict)


@dataclass
class Reading:
    """``gaps``: metric -> why the network gave no figure (applies to every day of the
    window without a value); ``post_gaps`` the same for the posts' counters."""

    since: date
    until: date
    days: dict[date, dict[str, int]] = field(default_factory=dict)
    gaps: dict[str, str] = field(default_factory=dict)
    posts: list[PostCounters] = field(default_factory=list)
    post_gaps: dict[str, str] = field(default_factory=dict)
    refusals: list[str] = field(default_factory=list)  # the network's refusals, said plainly

    def window(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self.since, time.min, tzinfo=UTC)
        return start, datetime.combine(self.until + timedelta(days=1), time.min, tzinfo=UTC)

    def each_day(self) -> Iterator[date]:
        day = self.since
        while day <= self.until:
            yield day
            day += timedelta(days=1)

    def put(self, day: date, metric: str, value: int) -> None:
        if self.since <= day <= self.until:
            self.days.setdefault(day, {})[metric] = int(value)

    def gap(self, metrics: Iterable[str], reason: str) -> None:
        for metric in metrics:
            self.gaps.setdefault(metric, reason)

    def gap_all(self, reason: str) -> None:
        self.gap(METRICS, reason)
        for metric in POST_METRICS:
            self.post_gaps.setdefault(metric, reason)

    @contextmanager
    def part(self, metrics: Iterable[str], *, post_metrics: Iterable[str] = ()) -> Iterator[None]:
        """A sub-read: a refusal (no rights, no scope) becomes the gap of ``metrics`` with
        the network's reason, and the other sub-reads go on. A temporary error (rate limit,
        timeout) goes up to the outbound queue, which retries the read with backoff."""
        try:
            yield
        except ConnectorError as error:
            if not error.permanent:
                raise
            self.refusals.append(error.message)
            self.gap(metrics, error.message)
            for metric in post_metrics:
                self.post_gaps.setdefault(metric, error.message)

    def add_post(self, post: PostCounters) -> None:
        start, end = self.window()
        if start <= post.published_at < end:
            self.posts.append(post)

    def count_posts(self) -> None:
        """Posts per publication day (zero is a real figure once the wall was read)."""
        for day in self.each_day():
            self.put(day, "posts", 0)
        for post in self.posts:
            day = post.published_at.astimezone(UTC).date()
            self.put(day, "posts", self.days.get(day, {}).get("posts", 0) + 1)

    def sum_posts_by_day(self, metric: str) -> None:
        """A daily figure as the sum over the posts published that day."""
        for day in self.each_day():
            self.put(day, metric, 0)
        for post in self.posts:
            day = post.published_at.astimezone(UTC).date()
            value = post.values.get(metric, 0)
            self.put(day, metric, self.days.get(day, {}).get(metric, 0) + value)


def utc_day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, tz=UTC).date()


def today() -> date:
    return datetime.now(UTC).date()


def excerpt(text: str, size: int = 200) -> str:
    """
    >>> excerpt("Очень длинный текст", 5)
    'Очень…'
    """
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size].rstrip() + "…"
