"""The value types of the style checker: issues, reports, lexicon entries, the rule protocol."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from gospablik.style.document import Document

# Stable category identifiers (part of the CLI/API contract) -> Russian label.
CATEGORIES: dict[str, str] = {
    "bureaucratese": "Канцелярит",
    "noun_chain": "Цепочки существительных",
    "passive": "Страдательный залог",
    "participle": "Причастные обороты",
    "press_release": "Пресс-релиз",
    "cliche": "Штампы",
    "intensifier": "Усилители",
    "vague": "Необъективная оценка",
    "time_parasite": "Паразиты времени",
    "syntax": "Сложный синтаксис",
    "readability": "Читаемость",
    "network": "Формат соцсети",
}


@dataclass(frozen=True)
class Issue:
    """One flagged passage: ``text[start:end]`` (Python str indices, code points)."""

    rule: str
    category: str
    start: int
    end: int
    message: str
    suggestion: str | None
    weight: float = field(default=1.0, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Report:
    """The result of one check: a 0–10 score and how it was reached."""

    score: float
    issues: list[Issue]
    penalties: dict[str, float]
    summary: str
    stats: dict[str, float]

    def to_json(self, id: str | None = None) -> dict[str, Any]:
        return {
            "id": id,
            "score": self.score,
            "issues": [issue.to_json() for issue in self.issues],
            "summary": self.summary,
            "penalties": self.penalties,
        }


@dataclass(frozen=True)
class LexiconEntry:
    """A word or phrase to flag, as a data file line or a ministry's own entry from the UI.

    ``phrase`` uses the pattern syntax of :mod:`gospablik.style.patterns`
    (plain words match every form: «в целях», «осуществлять деятельность»).
    """

    phrase: str
    category: str
    suggestion: str | None
    note: str
    weight: float = 1.0


class Rule(Protocol):
    """A small named check. ``find`` yields the issues it sees in a document."""

    @property
    def name(self) -> str: ...

    @property
    def category(self) -> str: ...

    @property
    def explanation_ru(self) -> str: ...

    def find(self, doc: Document) -> Iterable[Issue]: ...
