"""The checker: runs every rule over one shared :class:`Document`, scores, summarizes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from gospablik.style.document import Document
from gospablik.style.model import Issue, LexiconEntry, Report, Rule
from gospablik.style.networks import limits
from gospablik.style.rules import default_rules, with_lexicon
from gospablik.style.rules.readability import text_stats
from gospablik.style.scoring import score_issues
from gospablik.style.summary import summarize

# Categories whose passages are local phrases: a phrase inside another one is the same problem.
NESTING = frozenset(
    {"bureaucratese", "cliche", "intensifier", "vague", "time_parasite", "press_release"}
)


class StyleChecker:
    """Checks a text against the rules; a ministry's own words come in ``extra_lexicon``.

    >>> own = LexiconEntry("движуха", "cliche", "событие", "Жаргон")
    >>> checker = StyleChecker(extra_lexicon=[own])
    >>> [(i.rule, i.suggestion) for i in checker.check("Будет движуха!").issues]
    [('cliche', 'событие')]
    >>> checker.check("Завтра в 10:00 открываем новую поликлинику на Ленина, 5. Приходите!").score
    10.0
    """

    def __init__(
        self,
        rules: Sequence[Rule] | None = None,
        extra_lexicon: Iterable[LexiconEntry] = (),
        network: str | None = None,
        off: frozenset[str] = frozenset(),
    ) -> None:
        base = list(rules) if rules is not None else default_rules()
        self.rules: list[Rule] = with_lexicon(base, extra_lexicon)
        self.network = limits(network).name if network else None
        self.off = off  # categories a ministry's policy switched off

    def check(self, text: str, network: str | None = None) -> Report:
        doc = Document.of(text, limits(network or self.network))
        found = [issue for rule in self.rules for issue in rule.find(doc)]
        issues = resolve_overlaps([i for i in found if i.category not in self.off], len(text))
        score, penalties = score_issues(issues, doc.word_count)
        return Report(score, issues, penalties, summarize(issues), text_stats(doc))


def resolve_overlaps(issues: list[Issue], length: int) -> list[Issue]:
    """Sort by position; drop duplicates and local phrases nested in another local phrase.

    >>> a = Issue("x", "bureaucratese", 0, 8, "m", None)
    >>> b = Issue("y", "press_release", 0, 30, "m", None)
    >>> [i.rule for i in resolve_overlaps([a, b, a], 100)]
    ['y']
    """
    ordered = sorted(set(issues), key=lambda i: (i.start, -i.end, i.suggestion is None, i.rule))
    kept: list[Issue] = []
    local: list[Issue] = []
    for issue in ordered:
        if issue.category in NESTING:
            if any(o.start <= issue.start and issue.end <= o.end for o in local):
                continue
            if (issue.start, issue.end) != (0, length):
                local.append(issue)
        kept.append(issue)
    return kept


@lru_cache(maxsize=1)
def default_checker() -> StyleChecker:
    """The process-wide checker with the built-in rules and word lists."""
    return StyleChecker()


def check(text: str, network: str | None = None) -> Report:
    """Check a text with the default checker.

    >>> report = check("В целях информирования населения сообщаем о проведении мероприятия.")
    >>> report.score < 8, report.summary
    (True, '3 канцеляризма')
    """
    return default_checker().check(text, network)
