"""Split a post's text into plain and highlighted pieces for remarks on passages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int, int]  # (start, end, remark number)


@dataclass(frozen=True)
class Piece:
    text: str
    numbers: tuple[int, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.numbers)

    @property
    def label(self) -> str:
        return ", ".join(f"№{n}" for n in self.numbers)


def pieces(text: str, spans: Sequence[Span]) -> list[Piece]:
    """Cut ``text`` at every span boundary; each piece knows which remarks cover it.

    >>> [(p.text, p.numbers) for p in pieces("Прививка бесплатна всем", [(9, 18, 1), (0, 18, 2)])]
    [('Прививка ', (2,)), ('бесплатна', (1, 2)), (' всем', ())]
    >>> pieces("abc", [])
    [Piece(text='abc', numbers=())]
    """
    valid = [(s, e, n) for s, e, n in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    result = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        numbers = tuple(sorted(n for s, e, n in valid if s <= left and right <= e))
        result.append(Piece(text[left:right], numbers))
    return result or [Piece(text)]
