"""Topic of a thread (the policy's keyword list) and the formal-appeal hint (59-ФЗ).

Plain Python. A text is a formal appeal in substance when it demands or complains to the
body *and* the person can be identified (a full name, an address or a phone number);
the flag only suggests — a person registers the appeal.

>>> looks_like_appeal("Прошу принять меры. Иванов Иван Петрович, ул. Ленина, 5", "request")
True
>>> looks_like_appeal("Прошу принять меры", "request")
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gospablik.policy.schema import TopicSpec

DEMANDING = frozenset({"complaint", "request"})
IDENTIFIABLE = re.compile(
    r"(\b[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(ович|евич|ична|овна|евна|ич)\b)"
    r"|(\b(ул\.|улица|пр\.|проспект|пер\.|переулок|д\.|дом|кв\.|квартира)\s*[А-ЯЁа-яё0-9])"
    r"|(\+?[78][\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2})"
)


def topic_of(text: str, topics: Sequence[TopicSpec]) -> TopicSpec | None:
    """The topic with the most keyword stems found in the text (first listed on a tie)."""
    plain = text.lower().replace("ё", "е")
    best, hits = None, 0
    for topic in topics:
        found = sum(1 for stem in topic.keywords if stem.lower() in plain)
        if found > hits:
            best, hits = topic, found
    return best


def looks_like_appeal(text: str, category: str) -> bool:
    return category in DEMANDING and IDENTIFIABLE.search(text) is not None
