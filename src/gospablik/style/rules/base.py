"""Helpers shared by the rules."""

from __future__ import annotations

from collections.abc import Sequence

from gospablik.style.document import Document, Token
from gospablik.style.model import Issue, Rule
from gospablik.style.networks import limits


def flagged(rule: Rule, text: str, network: str | None = None) -> list[str]:
    """The passages a rule flags in a text (for doctests and tests)."""
    doc = Document.of(text, limits(network))
    return [doc.text[issue.start : issue.end] for issue in rule.find(doc)]


def token_issue(
    rule: Rule,
    tokens: Sequence[Token],
    first: int,
    stop: int,
    message: str,
    suggestion: str | None = None,
    weight: float = 1.0,
) -> Issue:
    """An issue spanning tokens[first:stop]."""
    return Issue(
        rule=rule.name,
        category=rule.category,
        start=tokens[first].start,
        end=tokens[stop - 1].end,
        message=message,
        suggestion=suggestion,
        weight=weight,
    )


def match_case(suggestion: str | None, original: str) -> str | None:
    """Capitalize a suggestion when the flagged passage starts a sentence.

    >>> match_case("чтобы", "В целях"), match_case("чтобы", "в целях"), match_case(None, "X")
    ('Чтобы', 'чтобы', None)
    """
    if suggestion and original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural form for a count.

    >>> [plural(n, "слово", "слова", "слов") for n in (1, 3, 5, 11, 21, 41, 112)]
    ['слово', 'слова', 'слов', 'слов', 'слово', 'слово', 'слов']
    """
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
