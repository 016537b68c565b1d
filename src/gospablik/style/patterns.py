"""Phrase patterns matched on lemma sequences.

Pattern syntax (one element per space-separated item):

* ``слово`` – any form of the word (matched on its lemma): «целях» matches «в целях»;
* ``=слово`` – exactly this form (lowercase), for fixed expressions;
* ``слово{gent}`` / ``{NOUN,gent}`` – lemma and/or pymorphy3 grammemes that one parse must carry;
* ``*`` – any single word.

>>> m = PhraseMatcher([("в целях", "A"), ("осуществлять деятельность", "B"), ("=данной", "C")])
>>> doc = Document.of("В целях развития мы осуществляли свою деятельность в данной сфере.")
>>> [(doc.tokens[i].text, doc.tokens[j - 1].text, p) for i, j, p in m.find(doc.tokens)]
[('В', 'целях', 'A'), ('данной', 'данной', 'C')]
>>> m = PhraseMatcher([("осуществлять * деятельность", "B"), ("{PRTS} {NOUN}", "D")])
>>> [p for _, _, p in m.find(Document.of("Осуществляем свою деятельность.").tokens)]
['B']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from gospablik.style.document import WORD, Document, Token
from gospablik.style.morph import normal_form

T = TypeVar("T")
ELEMENT_RE = re.compile(r"^(?P<exact>=)?(?P<word>[^{}=]*)(?:\{(?P<gram>[^{}]*)\})?$")

__all__ = ["Document", "Element", "PhraseMatcher", "compile_pattern"]


@dataclass(frozen=True, slots=True)
class Element:
    lemma: str | None
    exact: str | None
    grammemes: frozenset[str]

    @property
    def key(self) -> str | None:
        """The index key of a pattern starting with this element (None: try everywhere)."""
        if self.exact:
            return "=" + self.exact
        return self.lemma

    def matches(self, token: Token) -> bool:
        if token.kind != WORD or token.info is None:
            return False
        if self.exact is not None:
            return token.norm == self.exact
        if self.lemma is not None:
            return token.info.has_lemma(self.lemma, self.grammemes)
        return token.info.can_be(*self.grammemes)


def compile_element(item: str) -> Element:
    m = ELEMENT_RE.match(item)
    if m is None:
        raise ValueError(f"Не понимаю элемент шаблона «{item}»")
    word = m.group("word").lower().replace("ё", "е")
    grams = frozenset(g.strip() for g in (m.group("gram") or "").split(",") if g.strip())
    if m.group("exact"):
        return Element(None, word, grams)
    if word in ("", "*"):
        return Element(None, None, grams)
    return Element(normal_form(word), None, grams)


def compile_pattern(phrase: str) -> tuple[Element, ...]:
    """Compile a phrase; raises ValueError on an empty or malformed one."""
    elements = tuple(compile_element(item) for item in phrase.split())
    if not elements:
        raise ValueError("Пустой шаблон")
    return elements


Entry = tuple[tuple[Element, ...], T]


def token_keys(token: Token) -> set[str]:
    """The index keys a token can stand for: its exact form and every lemma it may have."""
    keys = {"=" + token.norm}
    if token.info is not None:
        keys.update(token.info.lemmas)
    return keys


class PhraseMatcher(Generic[T]):
    """Finds the longest non-overlapping pattern matches, left to right.

    Patterns are indexed by their first word and, when it is a plain word, their second one,
    so a frequent first word («в», «на») does not make every «в …» pattern be tried.
    """

    def __init__(self, items: Iterable[tuple[str, T]]) -> None:
        self._first: dict[str, list[Entry[T]]] = defaultdict(list)
        self._second: dict[str, dict[str, list[Entry[T]]]] = defaultdict(lambda: defaultdict(list))
        self._generic: list[Entry[T]] = []
        for phrase, payload in items:
            self._add(compile_pattern(phrase), payload)
        self._keys = frozenset(self._first) | frozenset(self._second)
        self._exact = frozenset(k[1:] for k in self._keys if k.startswith("="))

    def _add(self, pattern: tuple[Element, ...], payload: T) -> None:
        first = pattern[0].key
        second = pattern[1].key if len(pattern) > 1 else None
        if first is None:
            self._generic.append((pattern, payload))
        elif second is None:
            self._first[first].append((pattern, payload))
        else:
            self._second[first][second].append((pattern, payload))

    def find(self, tokens: Sequence[Token]) -> Iterator[tuple[int, int, T]]:
        """Yield (first token index, stop index, payload) per match."""
        i = 0
        while i < len(tokens):
            best = self._best_at(tokens, i)
            if best is None:
                i += 1
                continue
            yield i, i + best[0], best[1]
            i += best[0]

    def _candidates(self, tokens: Sequence[Token], i: int) -> list[Entry[T]]:
        token = tokens[i]
        if token.info is None:
            return []
        if token.norm not in self._exact and token.info.lemmas.isdisjoint(self._keys):
            return self._generic  # the common case: nothing in the lists starts with this word
        found: list[Entry[T]] = list(self._generic)
        following = token_keys(tokens[i + 1]) if i + 1 < len(tokens) else set()
        for key in token_keys(token) & self._keys:
            found.extend(self._first.get(key, ()))
            by_second = self._second.get(key)
            if by_second:
                for second in following & by_second.keys():
                    found.extend(by_second[second])
        return found

    def _best_at(self, tokens: Sequence[Token], i: int) -> tuple[int, T] | None:
        if tokens[i].kind != WORD:
            return None
        best: tuple[int, T] | None = None
        for pattern, payload in self._candidates(tokens, i):
            n = len(pattern)
            if (best is None or n > best[0]) and _matches(pattern, tokens, i):
                best = (n, payload)
        return best


def _matches(pattern: tuple[Element, ...], tokens: Sequence[Token], i: int) -> bool:
    if i + len(pattern) > len(tokens):
        return False
    return all(el.matches(tokens[i + k]) for k, el in enumerate(pattern))
