"""The score: issue weights → length-normalized penalty → 0–10, split per category.

score = 10 · exp(−Σ weights · S / (L · scale)), L = max(1, words / 80) ^ 0.7,
S = max(1, 40 / max(words, 15)).
A long text is judged by the density of its problems (softened: a long text with the same
density still scores a bit lower); a short one by their number, made heavier the shorter it
is: two officialisms in one short sentence are the whole sentence (docs/style.md).
The points a text loses (10 − score) are shared between categories in proportion to their weights.

>>> from gospablik.style.model import Issue
>>> one = Issue("r", "bureaucratese", 0, 5, "m", None, 1.0)
>>> score_issues([], words=10)
(10.0, {})
>>> score_issues([one], words=10)
(5.9, {'bureaucratese': 4.1})
>>> score_issues([one], words=40)
(8.2, {'bureaucratese': 1.8})
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from gospablik.style.model import Issue


@dataclass(frozen=True)
class Scoring:
    scale: float = 5.0
    length_words: float = 80.0
    length_power: float = 0.7
    short_words: float = 40.0
    short_power: float = 1.0
    short_floor: int = 15

    def length_factor(self, words: int) -> float:
        return max(1.0, words / self.length_words) ** self.length_power

    def short_factor(self, words: int) -> float:
        return max(1.0, self.short_words / max(words, self.short_floor)) ** self.short_power


DEFAULT = Scoring()


def category_weights(issues: Sequence[Issue]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for issue in issues:
        totals[issue.category] += issue.weight
    return dict(totals)


def score_issues(
    issues: Sequence[Issue], words: int, scoring: Scoring = DEFAULT
) -> tuple[float, dict[str, float]]:
    """(score rounded to 0.1, points taken per category)."""
    weights = category_weights(issues)
    total = sum(weights.values())
    if total <= 0:
        return 10.0, {}
    load = total * scoring.short_factor(words) / scoring.length_factor(words)
    score = round(10.0 * math.exp(-load / scoring.scale), 1)
    lost = 10.0 - score
    penalties = {cat: round(lost * w / total, 2) for cat, w in weights.items()}
    return score, dict(sorted(penalties.items(), key=lambda kv: -kv[1]))
