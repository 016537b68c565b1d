"""A ministry's per-network daily figures for a span, read in one query and cut in
memory (the dashboard needs a dozen series and two periods from the same rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from gospablik.analytics.metrics import METRICS
from gospablik.analytics.models import MinistryDay
from gospablik.analytics.period import Period
from gospablik.analytics.queries import Figures, points

SUMMED = ("posts", "views", "reach", "likes", "reposts", "comments")


@dataclass(frozen=True)
class DayTable:
    rows: list[dict[str, Any]]

    @classmethod
    def load(cls, ministry_id: int, since: date, until: date) -> DayTable:
        found = MinistryDay.objects.filter(ministry_id=ministry_id, day__range=(since, until))
        return cls(list(found.order_by("day").values("day", "network", *METRICS)))

    def networks(self) -> list[str]:
        return sorted({r["network"] for r in self.rows})

    def by_day(
        self, metric: str, period: Period, network: str | None = None
    ) -> dict[date, int | None]:
        found: dict[date, int | None] = {}
        for r in self._within(period, network):
            if r[metric] is not None:
                found[r["day"]] = (found.get(r["day"]) or 0) + r[metric]
        return found

    def series(
        self, metric: str, period: Period, network: str | None = None
    ) -> list[tuple[date, int | None]]:
        return points(self.by_day(metric, period, network), metric, period)

    def figures(self, period: Period) -> Figures:
        """Sums over the period; followers: each network's last count (growth from its
        first count in the period, so a network without history adds no growth)."""
        sums = {m: 0 for m in SUMMED}
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        for r in self._within(period, None):
            for m in SUMMED:
                sums[m] += r[m] or 0
            if r["followers"] is not None:
                first.setdefault(r["network"], r["followers"])
                last[r["network"]] = r["followers"]
        followers = sum(last.values()) if last else None
        return Figures(followers, sum(first.values()) if first else None, sums)

    def complete_sum(self, metric: str, period: Period) -> list[float | None]:
        """Per point, the sum over the networks with a figure at every point (a network
        without history — Telegram, MAX followers — would make the sum jump)."""
        per_network = [[v for _d, v in self.series(metric, period, n)] for n in self.networks()]
        complete = [values for values in per_network if all(v is not None for v in values)]
        size = len(self.series(metric, period))
        if not complete:
            return [None] * size
        return [float(sum(column)) for column in zip(*complete, strict=True)]

    def _within(self, period: Period, network: str | None) -> list[dict[str, Any]]:
        return [r for r in self.rows if period.since <= r["day"] <= period.until
                and (network is None or r["network"] == network)]  # fmt: skip
