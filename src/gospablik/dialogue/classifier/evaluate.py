"""Precision and recall per kind on a labelled file (``kind<TAB>text`` lines, ``#`` comments)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from gospablik.dialogue.classifier.core import KINDS, NEEDS_ANSWER, Classifier, default_classifier


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    support: int


def read_labelled(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, text = line.split("\t", 1)
            rows.append((kind, text))
    return rows


def evaluate(
    rows: list[tuple[str, str]], classifier: Classifier | None = None
) -> dict[str, Figures]:
    """Figures per kind, plus ``needs_answer`` (the yes/no decision that opens a deadline)."""
    model = classifier or default_classifier()
    pairs = [(gold, model.classify(text).kind) for gold, text in rows]
    figures = {kind: _figures(pairs, {kind}) for kind in KINDS}
    figures["needs_answer"] = _figures(pairs, NEEDS_ANSWER)
    return figures


def _figures(pairs: list[tuple[str, str]], positive: frozenset[str] | set[str]) -> Figures:
    counts = Counter((gold in positive, guess in positive) for gold, guess in pairs)
    true_pos, guessed, actual = counts[True, True], counts[False, True], counts[True, False]
    return Figures(
        precision=true_pos / (true_pos + guessed) if true_pos + guessed else 0.0,
        recall=true_pos / (true_pos + actual) if true_pos + actual else 0.0,
        support=true_pos + actual,
    )


def errors(rows: list[tuple[str, str]], classifier: Classifier | None = None) -> list[str]:
    model = classifier or default_classifier()
    return [
        f"{gold} → {verdict.kind}: {text}"
        for gold, text in rows
        if (verdict := model.classify(text)).kind != gold
    ]
