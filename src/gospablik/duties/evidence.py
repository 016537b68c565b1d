"""Duties that are closed only with evidence: a URL or a registration number.

>>> evidence_problem("order_publication", "https://kuzdrav.ru/docs/335")
>>> evidence_problem("order_publication_step", "№ 12-345/2024")
>>> evidence_problem("order_publication_step", "готово")
'Укажите доказательство исполнения: ссылку (https://…) или регистрационный номер'
>>> evidence_problem("account_created_notice", "")
"""

from __future__ import annotations

import re

EVIDENCE_KINDS = frozenset({"order_publication", "order_publication_step"})
URL = re.compile(r"^https?://\S+\.\S+$")
NUMBER = re.compile(r"\d")


def evidence_problem(kind: str, reference: str) -> str | None:
    """Why ``reference`` is not evidence enough to close a duty of ``kind`` (or None)."""
    if kind not in EVIDENCE_KINDS:
        return None
    reference = reference.strip()
    if URL.match(reference) or (NUMBER.search(reference) and " " not in reference.strip("№ ")):
        return None
    return "Укажите доказательство исполнения: ссылку (https://…) или регистрационный номер"
