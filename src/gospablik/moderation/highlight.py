"""The comment text with the spans that fired wrapped in ``<mark>``, built server-side.

Every piece of the text is escaped; only the ``<mark>`` tags are ours.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def spans_of(findings: Iterable[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """(start, end, rules) of every span, overlapping spans merged.

    >>> spans_of([{"spans": [{"start": 0, "end": 3, "rule": "a"}, {"start": 2, "end": 5,
    ...            "rule": "b"}, {"start": 7, "end": 8, "rule": "c"}]}])
    [(0, 5, 'a, b'), (7, 8, 'c')]
    """
    raw = sorted(
        (int(s["start"]), int(s["end"]), str(s.get("rule", "")))
        for f in findings
        for s in f.get("spans", [])
        if int(s["end"]) > int(s["start"])
    )
    merged: list[tuple[int, int, str]] = []
    for start, end, rule in raw:
        if merged and start < merged[-1][1]:
            first, last, rules = merged[-1]
            names = rules if rule in rules.split(", ") else f"{rules}, {rule}"
            merged[-1] = (first, max(last, end), names)
        else:
            merged.append((start, end, rule))
    return merged


def highlighted(text: str, findings: Iterable[dict[str, Any]]) -> SafeString:
    """
    >>> str(highlighted("<b>ну ты х</b>", [{"spans": [{"start": 3, "end": 5, "rule": "x"}]}]))
    '&lt;b&gt;<mark title="x">ну</mark> ты х&lt;/b&gt;'
    """
    parts: list[str] = []
    position = 0
    for start, end, rules in spans_of(findings):
        if start < position or end > len(text):
            continue
        parts.append(escape(text[position:start]))
        parts.append(format_html('<mark title="{}">{}</mark>', rules, text[start:end]))
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
