"""The one-line summary: «3 канцеляризма, 2 цепочки существительных, предложение из 41 слова».

>>> from gospablik.style.model import Issue
>>> def issue(rule, category, message="m"):
...     return Issue(rule, category, 0, 1, message, None)
>>> summarize([issue("a", "bureaucratese")] * 3 + [issue("c", "noun_chain")] * 2
...           + [issue("long_sentence", "readability", "Предложение из 41 слова: …")])
'3 канцеляризма, 2 цепочки существительных, предложение из 41 слова'
>>> summarize([])
'Замечаний нет'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from gospablik.style.model import CATEGORIES, Issue
from gospablik.style.rules.base import plural

FORMS: dict[str, tuple[str, str, str]] = {
    "bureaucratese": ("канцеляризм", "канцеляризма", "канцеляризмов"),
    "noun_chain": ("цепочка существительных", "цепочки существительных", "цепочек существительных"),
    "passive": ("пассивная конструкция", "пассивные конструкции", "пассивных конструкций"),
    "participle": ("причастный оборот", "причастных оборота", "причастных оборотов"),
    "press_release": ("примета пресс-релиза", "приметы пресс-релиза", "примет пресс-релиза"),
    "cliche": ("штамп", "штампа", "штампов"),
    "intensifier": ("усилитель", "усилителя", "усилителей"),
    "vague": ("необъективная оценка", "необъективные оценки", "необъективных оценок"),
    "time_parasite": ("паразит времени", "паразита времени", "паразитов времени"),
    "syntax": ("запутанное предложение", "запутанных предложения", "запутанных предложений"),
    "network": ("замечание по формату соцсети", "замечания по формату соцсети",
                "замечаний по формату соцсети"),
}  # fmt: skip
LENGTH_RE = re.compile(r"из (\d+)")


def counted(n: int, forms: tuple[str, str, str]) -> str:
    return f"{n} {plural(n, *forms)}"


def _readability(issues: Sequence[Issue]) -> list[str]:
    parts = []
    sentences = [i for i in issues if i.rule == "long_sentence"]
    lengths = [int(m.group(1)) for i in sentences if (m := LENGTH_RE.search(i.message))]
    if len(lengths) == 1:
        parts.append(f"предложение из {lengths[0]} {plural(lengths[0], 'слова', 'слов', 'слов')}")
    elif lengths:
        longest = max(lengths)
        longest_words = plural(longest, "слово", "слова", "слов")
        forms = ("длинное предложение", "длинных предложения", "длинных предложений")
        parts.append(f"{counted(len(lengths), forms)} (самое — {longest} {longest_words})")
    paragraphs = sum(i.rule == "long_paragraph" for i in issues)
    if paragraphs:
        forms = ("длинный абзац", "длинных абзаца", "длинных абзацев")
        parts.append(counted(paragraphs, forms) if paragraphs > 1 else forms[0])
    if any(i.rule == "hard_to_read" for i in issues):
        parts.append("трудный для чтения текст")
    return parts


def summarize(issues: Sequence[Issue]) -> str:
    counts = Counter(issue.category for issue in issues)
    parts: list[str] = []
    for category in CATEGORIES:
        if category == "readability":
            parts.extend(_readability([i for i in issues if i.category == category]))
        elif counts[category]:
            parts.append(counted(counts[category], FORMS[category]))
    return ", ".join(parts) if parts else "Замечаний нет"
