"""Unlawful content: rules kept by the ministry's legal department, each citing a norm.

* ``keyword`` — a word or phrase, compared with the normalized text word by word;
  a trailing ``*`` matches any ending (``наркотик*``);
* ``regex`` — a Python regular expression over the normalized text (lower case,
  ``ё``→``е``, links replaced by ``[link]``);
* ``domain`` — a link domain; subdomains match too.

A fired rule gives the ``unlawful`` category a score of ``RULE_SCORE``; the shipped
thresholds send it to review and never delete automatically.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from gospablik.moderation.classifier.core import Finding, Item, Span, UnlawfulRule
from gospablik.moderation.classifier.normalize import normalize

RULE_SCORE = 0.9
_URL = re.compile(
    r"(?:https?://)?(?:[\w-]+\.)+[a-zа-я]{2,}(?:/\S*)?",
    re.I,
)


def compile_rule(rule: UnlawfulRule) -> re.Pattern[str]:
    """Return the pattern of a keyword or regex rule (domain rules match links).

    >>> compile_rule(UnlawfulRule("drugs", "keyword", "Закладк*", "ст. 6.13 КоАП РФ", "")).pattern
    '(?<![а-яa-z0-9])закладк[а-яa-z0-9]*(?![а-яa-z0-9])'
    """
    if rule.kind == "regex":
        return re.compile(rule.pattern)
    words = normalize(rule.pattern.rstrip("*")).split()
    body = r"\s+".join(re.escape(word) for word in words)
    tail = "[а-яa-z0-9]*" if rule.pattern.endswith("*") else ""
    return re.compile(rf"(?<![а-яa-z0-9]){body}{tail}(?![а-яa-z0-9])")


class UnlawfulRules:
    """Applies the legal department's rules.

    >>> rules = UnlawfulRules([UnlawfulRule("drugs", "keyword", "закладк*", "ст. 6.13 КоАП РФ",
    ...                                      "Пропаганда наркотиков")])
    >>> finding = rules.analyze(Item("Делаем Закладки по городу"))[0]
    >>> finding.spans[0].text, finding.explanation
    ('Закладки', 'Правило «drugs» (ст. 6.13 КоАП РФ): Пропаганда наркотиков')
    >>> rules.analyze(Item("Закладываем фундамент"))
    []
    """

    name: str = "unlawful"
    categories: tuple[str, ...] = ("unlawful",)

    def __init__(self, rules: Sequence[UnlawfulRule]) -> None:
        self.rules = list(rules)
        self._patterns = {r.key: compile_rule(r) for r in self.rules if r.kind != "domain"}

    def analyze(self, item: Item) -> list[Finding]:
        findings = []
        for rule in self.rules:
            fired, spans = self._fire(rule, item)
            if fired:
                explanation = f"Правило «{rule.key}» ({rule.norm}): {rule.description}"
                findings.append(Finding("unlawful", RULE_SCORE, spans, explanation))
        return findings

    def _fire(self, rule: UnlawfulRule, item: Item) -> tuple[bool, list[Span]]:
        if rule.kind == "domain":
            spans = _domain_spans(rule, item.text)
            return bool(spans), spans if item.explain else []
        matches = list(self._patterns[rule.key].finditer(item.normalized))
        pieces = [(m.start(), m.end(), f"unlawful:{rule.key}") for m in matches]
        return bool(matches), item.spans(pieces)


def _domain_spans(rule: UnlawfulRule, text: str) -> list[Span]:
    domain = rule.pattern.lower().strip().removeprefix("www.")
    spans = []
    for match in _URL.finditer(text):
        url = match.group()
        host = urlsplit(url if "://" in url else f"//{url}").hostname or ""
        if host == domain or host.endswith(f".{domain}"):
            spans.append(Span(match.start(), match.end(), url, f"unlawful:{rule.key}"))
    return spans
