"""The needs-an-answer classifier: weighted cues per kind, the heaviest kind wins.

Each cue is a regular expression with a weight and a readable explanation (``cues.txt``).
A text's evidence for a kind is the sum of the weights of the kind's cues found in it;
an opinion has a constant baseline, so a text without cues is an opinion. The score is
the winner's share of all evidence: close to 1 when one kind clearly dominates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

KINDS = ("question", "complaint", "request", "opinion", "thanks")
NEEDS_ANSWER = frozenset({"question", "complaint", "request"})
OPINION_BASELINE = 1.0
MODEL_VERSION = "dialogue-cues-1"
CUES_FILE = Path(__file__).with_name("cues.txt")
# On equal evidence the kind that asks more of the page wins.
PREFERENCE = {"complaint": 0, "request": 1, "question": 2, "thanks": 3, "opinion": 4}


@dataclass(frozen=True)
class Cue:
    kind: str
    weight: float
    pattern: re.Pattern[str]
    explanation: str


@dataclass(frozen=True)
class Verdict:
    kind: str
    score: float
    reasons: tuple[str, ...] = ()
    evidence: dict[str, float] = field(default_factory=dict)

    @property
    def needs_answer(self) -> bool:
        return self.kind in NEEDS_ANSWER

    def to_json(self, id_: Any) -> dict[str, Any]:
        return {
            "id": id_,
            "kind": self.kind,
            "needs_answer": self.needs_answer,
            "score": round(self.score, 3),
        }


def read_cues(path: Path = CUES_FILE) -> list[Cue]:
    cues = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, weight, pattern, explanation = line.split("\t")
        if kind not in KINDS:
            raise ValueError(f"неизвестный вид «{kind}» в {path.name}")
        cues.append(Cue(kind, float(weight), re.compile(pattern), explanation))
    return cues


def normalize(text: str) -> str:
    return text.lower().replace("ё", "е")


class Classifier:
    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues

    def classify(self, text: str) -> Verdict:
        plain = normalize(text)
        evidence = dict.fromkeys(KINDS, 0.0)
        evidence["opinion"] = OPINION_BASELINE
        reasons: dict[str, list[str]] = {kind: [] for kind in KINDS}
        for cue in self.cues:
            if cue.pattern.search(plain):
                evidence[cue.kind] += cue.weight
                reasons[cue.kind].append(cue.explanation)
        kind = min(KINDS, key=lambda k: (-evidence[k], PREFERENCE[k]))
        score = evidence[kind] / sum(evidence.values())
        return Verdict(kind, score, tuple(reasons[kind]), evidence)

    def classify_many(self, texts: list[str]) -> list[Verdict]:
        return [self.classify(text) for text in texts]


@cache
def default_classifier() -> Classifier:
    return Classifier(read_cues())


def classify(text: str) -> Verdict:
    return default_classifier().classify(text)
