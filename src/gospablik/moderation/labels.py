"""Names of categories, actions and automatic deciders as a person reads them on a page.

Records keep Russian (:data:`..decide.CATEGORY_RU`, :data:`.models.comments.AUTO`); pages
show them in the UI language.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext, gettext_noop

from gospablik.audit.log import SYSTEM
from gospablik.moderation.decide import ACTION_RU, CATEGORY_RU
from gospablik.moderation.models.comments import AUTO

gettext_noop("система")  # audit.log.SYSTEM, marked here for makemessages


def category_label(category: str) -> str:
    """
    >>> from django.utils.translation import override
    >>> with override("ru"):
    ...     category_label("spam"), category_label("other")
    ('спам', 'other')
    >>> with override("en"):
    ...     category_label("spam")
    'spam'
    """
    return gettext(CATEGORY_RU[category]) if category in CATEGORY_RU else category


def categories_label(labels: Iterable[str]) -> str:
    """
    >>> from django.utils.translation import override
    >>> with override("ru"):
    ...     categories_label(["spam", "insult"]), categories_label([])
    ('спам, оскорбление', '—')
    """
    return ", ".join(category_label(c) for c in labels) or "—"


def action_label(action: str) -> str:
    """
    >>> from django.utils.translation import override
    >>> with override("ru"):
    ...     action_label("review"), action_label("")
    ('на проверку', '—')
    """
    return gettext(ACTION_RU[action]) if action in ACTION_RU else (action or "—")


def decider_label(name: str) -> str:
    """Who decided: a person's name as it is; the automation and the system translated.

    >>> from django.utils.translation import override
    >>> with override("en"):
    ...     decider_label("автомодерация"), decider_label("Иванова И. И.")
    ('automatic moderation', 'Иванова И. И.')
    """
    return gettext(name) if name in (AUTO, SYSTEM) else name
