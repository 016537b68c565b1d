"""Ranking quality on our own calibration texts (the full study is bench/style_calibration.py)."""

import re
from pathlib import Path

import pytest

from gospablik.style import check

from .helpers import blocks

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def auc(low: list[float], high: list[float]) -> float:
    pairs = [(h > x) + 0.5 * (h == x) for h in high for x in low]
    return sum(pairs) / len(pairs)


def test_it_ranks_press_releases_below_conversational_posts():
    official = [check(t).score for t in blocks("official.txt")]
    posts = [check(t).score for t in blocks("conversational.txt")]
    assert auc(official, posts) >= 0.95
    assert max(official) < 7 and min(posts) >= 8


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds is not beside the repository")
def test_it_scores_the_regulations_as_bureaucratic():
    text = "\n".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if len(p) > 300]
    scores = [check(p).score for p in paragraphs]
    assert sum(scores) / len(scores) < 5
