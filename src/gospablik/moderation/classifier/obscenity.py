"""Obscenity (мат): a lexicon of roots matched on the de-obfuscated text.

Roots come from ``model/obscenity.txt`` (see its header). Masked words such as
``бл*`` or ``п***ц`` are matched against ``model/obscene_words.txt``, a list of
obscene word forms, with each run of asterisks standing for one to a few letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gospablik.moderation.classifier.core import Finding, Item

MODEL_DIR = Path(__file__).parent / "model"
LEVEL_SCORES = {"mat": 0.97, "vulgar": 0.6}
OBFUSCATED_FACTOR = 0.98  # a de-obfuscated reading is slightly less certain
MASKED_SCORES = {"mat": 0.85, "vulgar": 0.55}
_SEPARATOR = r"[.*_\-]{0,2}"
_MASKED = re.compile(r"(?<![а-я*])[а-я]+[*#%]+[а-я*#%]*")


@dataclass(frozen=True)
class Root:
    """One lexicon entry: ``level`` (mat|vulgar), a readable ``key`` and a regex."""

    level: str
    key: str
    pattern: str


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    root: Root
    masked: bool = False


def load_roots(path: Path = MODEL_DIR / "obscenity.txt") -> list[Root]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return [Root(level, key, pattern) for level, key, pattern in rows]


def load_words(path: Path = MODEL_DIR / "obscene_words.txt") -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


class ObscenityLexicon:
    """Finds мат and vulgar words, also when disguised.

    >>> lexicon = ObscenityLexicon()
    >>> [f.spans[0].text for f in lexicon.analyze(Item("Да пошёл ты нах.у.й, бл*"))]
    ['нах.у.й', 'бл*']
    >>> lexicon.analyze(Item("Застрахуйте машину, а потом хлеба купите"))
    []
    """

    name: str = "obscenity"
    categories: tuple[str, ...] = ("obscenity",)

    def __init__(self, roots: Sequence[Root] | None = None, words: Iterable[str] | None = None):
        self.roots = list(load_roots() if roots is None else roots)
        alternatives = (f"(?P<r{i}>{_fuzzy(r.pattern)})" for i, r in enumerate(self.roots))
        self._regex = re.compile(rf"(?<![а-яa-z])(?:{'|'.join(alternatives)})[а-я]*")
        self._words = "\n".join(load_words() if words is None else words)

    def find(self, normalized: str) -> list[Hit]:
        """Return the hits in a normalized text, in order."""
        hits = [self._hit(match) for match in self._regex.finditer(normalized)]
        if "*" in normalized or "#" in normalized or "%" in normalized:
            hits += [hit for hit in map(self._masked, _MASKED.finditer(normalized)) if hit]
        return sorted(hits, key=lambda hit: hit.start)

    def analyze(self, item: Item) -> list[Finding]:
        hits = self.find(item.normalized)
        return [self._finding(item, hit) for hit in hits]

    def _hit(self, match: re.Match[str]) -> Hit:
        index = int(next(name for name, value in match.groupdict().items() if value)[1:])
        return Hit(match.start(), match.end(), self.roots[index])

    def _masked(self, match: re.Match[str]) -> Hit | None:
        pattern = re.sub(r"[*#%]+", lambda m: f"[а-я]{{1,{len(m.group()) + 3}}}", match.group())
        word = re.search(rf"^{pattern}$", self._words, re.M)
        if word is None:
            return None
        root = next((h.root for h in self.find(word.group()) if not h.masked), None)
        return Hit(match.start(), match.end(), root, masked=True) if root else None

    def _finding(self, item: Item, hit: Hit) -> Finding:
        reading = item.normalized[hit.start : hit.end]
        spans = item.spans([(hit.start, hit.end, f"obscenity:{hit.root.key}")])
        shown = spans[0].text if spans else reading
        score, explanation = _describe(hit, shown, reading, reading not in item.folded)
        return Finding("obscenity", score, spans, explanation)


def _fuzzy(pattern: str) -> str:
    return pattern.replace("~", _SEPARATOR)


def _describe(hit: Hit, shown: str, reading: str, disguised: bool) -> tuple[float, str]:
    kind = "Нецензурная брань" if hit.root.level == "mat" else "Грубое просторечное слово"
    if hit.masked:
        text = f"{kind}, частично скрытая звёздочками: «{shown}» (корень «{hit.root.key}»)"
        return MASKED_SCORES[hit.root.level], text
    score = LEVEL_SCORES[hit.root.level]
    if disguised:
        text = f"{kind}, замаскированная: «{shown}» читается как «{reading}»"
        return score * OBFUSCATED_FACTOR, text
    return score, f"{kind}: «{shown}» (корень «{hit.root.key}»)"
