"""Citations as a ministry writes them, rendered from the policy's clause codes.

The policy marks each value with a short code: «000 п.2 абз.4» (item 2 of the order, 4th
paragraph), «000 Порядок п.2.2» (item 2.2 of the Порядок approved by the order). Letters,
documents and pages never show the code: they say «абз. 4 п. 2 приказа Министерства
здравоохранения Кузбасса от 21.05.2024 № 335».

>>> from gospablik.policy.loader import load_preset
>>> policy = load_preset("kuzbass-health-335")
>>> cite("000 п.2", policy)
'п. 2 приказа Министерства здравоохранения Кузбасса от 21.05.2024 № 335'
>>> cite("000 п.2 абз.4", policy)
'абз. 4 п. 2 приказа Министерства здравоохранения Кузбасса от 21.05.2024 № 335'
>>> cite("000 Порядок п.2.2 абз.2", policy)[:60]
'абз. 2 п. 2.2 Порядка обеспечения создания и ведения аккаунт'
>>> cite("000 п.2 абз.2; Порядок п.1.2.2", policy).split("; ")[1][:30]
'п. 1.2.2 Порядка обеспечения с'
>>> cite("практика (срок не установлен)", policy)
'практика (срок не установлен)'
"""

from __future__ import annotations

import re

from gospablik.policy.inflect import inflect
from gospablik.policy.schema import Policy

PART = re.compile(
    r"^(?:(?P<seed>\d{3})\s+)?(?P<annex>Порядок\s+)?п\.\s*(?P<item>[\d.]+?)\.?"
    r"(?:\s+абз\.\s*(?P<para>[\d–\-]+))?$"
)


def _document_gent(policy: Policy) -> str:
    """«приказа Министерства … от 21.05.2024 № 335» from the policy's ``document``."""
    text = inflect(policy.document, "gent")
    return text[:1].lower() + text[1:]


def _annex_gent(policy: Policy) -> str:
    return inflect(" ".join(policy.title.split()), "gent")


def _part(code: str, policy: Policy) -> str | None:
    match = PART.match(code.strip())
    if match is None:
        return None
    where = _annex_gent(policy) if match["annex"] else _document_gent(policy)
    para = f"абз. {match['para']} " if match["para"] else ""
    return f"{para}п. {match['item']} {where}"


def _part_en(code: str, policy: Policy) -> str | None:
    """The same in English around the document's own (Russian) name, for English pages."""
    match = PART.match(code.strip())
    if match is None:
        return None
    name = " ".join((policy.title if match["annex"] else policy.document).split())
    para = f", para. {match['para']}" if match["para"] else ""
    return f"cl. {match['item']}{para} of «{name}»"


def cite(clause: str, policy: Policy, *, english: bool = False) -> str:
    """The human citation of ``clause``; text that is not a clause code is kept as is.

    >>> from gospablik.policy.loader import load_preset
    >>> cite("000 п.2 абз.4", load_preset("kuzbass-health-335"), english=True)[:26]
    'cl. 2, para. 4 of «Приказ '
    """
    parts = [p.strip() for p in clause.split(";") if p.strip()]
    rendered = [(_part_en if english else _part)(p, policy) for p in parts]
    if not parts or any(r is None for r in rendered):
        return clause
    return "; ".join(r for r in rendered if r)
