"""Russian names of classifier categories and actions for the moderation pages."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from gospablik.moderation.decide import ACTION_RU, CATEGORY_RU

register = template.Library()


@register.filter
def action_ru(action: str) -> str:
    """
    >>> action_ru("review"), action_ru("")
    ('на проверку', '—')
    """
    return ACTION_RU.get(action, action or "—")


@register.filter
def categories_ru(labels: Iterable[str]) -> str:
    """
    >>> categories_ru(["spam", "insult"])
    'спам, оскорбление'
    """
    return ", ".join(CATEGORY_RU.get(c, c) for c in labels) or "—"
