"""Value types of the classifier: spans, findings, verdicts, rules, thresholds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, Protocol

from gospablik.moderation.classifier.normalize import (
    normalize,
    normalize_with_offsets,
    original_span,
)

CATEGORIES = ("obscenity", "insult", "threat", "spam", "unlawful")
CLI_SCORES = ("obscenity", "insult", "threat", "spam")
Action = Literal["delete", "hide", "review", "keep"]
SEVERITY: dict[str, int] = {"keep": 0, "review": 1, "hide": 2, "delete": 3}


@dataclass(frozen=True)
class Span:
    """A piece of the original text that made a rule or a model fire."""

    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True)
class Finding:
    """One reason for a category, with a Russian explanation for the moderator.

    ``ceiling`` is the most severe action this finding may cause whatever its score
    (e.g. ``review`` for a polite question that only the spam model dislikes).
    """

    category: str
    score: float
    spans: list[Span]
    explanation: str
    ceiling: Action = "delete"


@dataclass(frozen=True)
class Verdict:
    """The classification of one text.

    >>> v = Verdict(["spam"], {"obscenity": 0.0, "insult": 0.1, "threat": 0.0, "spam": 0.97},
    ...             [], "hide")
    >>> v.to_json("c1")["action"], v.to_json("c1")["labels"]
    ('review', ['spam'])
    """

    labels: list[str]
    scores: dict[str, float]
    findings: list[Finding]
    action: Action

    def to_json(self, id: Any) -> dict[str, Any]:  # noqa: A002 - the CLI contract's field name
        """Return the CLI contract shape; ``hide`` becomes ``review`` there."""
        scores = {name: round(self.scores.get(name, 0.0), 4) for name in CLI_SCORES}
        if "unlawful" in self.scores:
            scores["unlawful"] = round(self.scores["unlawful"], 4)
        action = "review" if self.action == "hide" else self.action
        return {"id": id, "labels": list(self.labels), "scores": scores, "action": action}


@dataclass(frozen=True)
class UnlawfulRule:
    """A rule of the legal department: keyword, regular expression or link domain."""

    key: str
    kind: Literal["keyword", "regex", "domain"]
    pattern: str
    norm: str  # e.g. "ст. 20.3.1 КоАП РФ"
    description: str


@dataclass(frozen=True)
class Thresholds:
    """Per-category score thresholds: for the label, for deleting and for review.

    ``hide`` (optional) sends a comment to "hide" between review and delete, for the
    networks and policies that prefer hiding. A missing category never triggers.
    """

    label: dict[str, float]
    delete: dict[str, float]
    review: dict[str, float]
    hide: dict[str, float] = field(default_factory=dict)

    def action_for(self, category: str, score: float) -> Action:
        """
        >>> Thresholds({}, {"spam": 0.9}, {"spam": 0.5}).action_for("spam", 0.7)
        'review'
        """
        for action, table in (("delete", self.delete), ("hide", self.hide)):
            if score >= table.get(category, 2.0):
                return action  # type: ignore[return-value]
        return "review" if score >= self.review.get(category, 2.0) else "keep"


@dataclass(frozen=True)
class Context:
    """What is known around a text: recent texts of its author and of its account."""

    author_id: str | None = None
    account_id: str | None = None
    recent_by_author: Sequence[str] = ()
    recent_on_account: Sequence[str] = ()


class Item:
    """A text under classification with its normalized form (offsets computed lazily).

    With ``explain=False`` components leave spans and word lists out of their
    findings (the scores stay the same): the command line needs no spans.

    >>> item = Item("Ну х.у.й")
    >>> item.normalized, item.span(3, 6, "demo").text
    ('ну хуй', 'х.у.й')
    >>> Item("Ну х.у.й", explain=False).spans([(3, 6, "demo")])
    []
    """

    def __init__(
        self,
        text: str,
        context: Context | None = None,
        normalized: str | None = None,
        explain: bool = True,
    ):
        self.text = text
        self.context = context or Context()
        self.normalized = normalize(text) if normalized is None else normalized
        self.explain = explain
        self.memo: dict[str, Any] = {}  # per-item results shared between components

    @cached_property
    def offsets(self) -> list[int]:
        return normalize_with_offsets(self.text)[1]

    @cached_property
    def folded(self) -> str:
        """The original text in lower case with ``ё``→``е`` (to tell disguised words)."""
        return self.text.lower().replace("ё", "е")

    def spans(self, pieces: Sequence[tuple[int, int, str]]) -> list[Span]:
        """Spans of normalized ``(start, end, rule)`` pieces; none when not explaining."""
        return [self.span(*piece) for piece in pieces] if self.explain else []

    def span(self, start: int, end: int, rule: str) -> Span:
        """Return the original-text span of the normalized ``[start, end)``."""
        orig_start, orig_end = original_span(self.text, self.offsets, start, end)
        return Span(orig_start, orig_end, self.text[orig_start:orig_end], rule)


class Component(Protocol):
    """A source of findings; ``analyze_many`` may batch (models do)."""

    name: str
    categories: tuple[str, ...]

    def analyze(self, item: Item) -> list[Finding]: ...


class BatchComponent(Component, Protocol):
    def analyze_many(self, items: Sequence[Item]) -> list[list[Finding]]: ...
