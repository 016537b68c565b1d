"""The style rules. Each is a small named object with ``find(doc) -> Iterable[Issue]``."""

from __future__ import annotations

from collections.abc import Iterable

from gospablik.style.model import LexiconEntry, Rule
from gospablik.style.rules.chains import GenitiveChain, VerbalNounChain
from gospablik.style.rules.formulas import DocumentFormula, SplitPredicate
from gospablik.style.rules.lexical import LexiconRule, lexicon_rules
from gospablik.style.rules.network import NetworkLength, TooManyHashtags, TooManyLinks
from gospablik.style.rules.officialese import (
    DocumentAbbreviation,
    Initials,
    OfficialName,
    UnknownAbbreviation,
)
from gospablik.style.rules.orders import OrderInfinitive
from gospablik.style.rules.press import NoReaderAddress, OfficialTitle, PressOpening
from gospablik.style.rules.readability import HardToRead, LongParagraph, LongSentence
from gospablik.style.rules.voice import ParticipialPhrase, PassiveVoice, WhichChain

__all__ = ["LexiconRule", "default_rules", "with_lexicon"]


def default_rules() -> list[Rule]:
    """Every rule the default checker runs, lexicon rules first."""
    return [
        *lexicon_rules(),
        SplitPredicate(),
        DocumentFormula(),
        OrderInfinitive(),
        VerbalNounChain(),
        GenitiveChain(),
        PassiveVoice(),
        ParticipialPhrase(),
        WhichChain(),
        PressOpening(),
        OfficialTitle(),
        NoReaderAddress(),
        OfficialName(),
        UnknownAbbreviation(),
        DocumentAbbreviation(),
        Initials(),
        LongSentence(),
        LongParagraph(),
        HardToRead(),
        NetworkLength(),
        TooManyLinks(),
        TooManyHashtags(),
    ]


def with_lexicon(rules: Iterable[Rule], extra: Iterable[LexiconEntry]) -> list[Rule]:
    """Add extra lexicon entries (a ministry's own words) to the matching lexicon rules.

    Raises ValueError for an entry whose category has no lexicon rule.
    """
    rules, extra = list(rules), list(extra)
    categories = {r.category for r in rules if isinstance(r, LexiconRule)}
    unknown = sorted({e.category for e in extra} - categories)
    if unknown:
        raise ValueError(f"Нет словаря для категорий: {', '.join(unknown)}")
    return [r.extended(extra) if isinstance(r, LexiconRule) else r for r in rules]
