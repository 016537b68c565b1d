"""Small template helpers of the content pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from gospablik.content.formats import FORMAT_LABELS_RU
from gospablik.networks.base import NETWORK_LABELS_RU

register = template.Library()

BADGES = {
    "published": "green",
    "failed": "red",
    "scheduled": "amber",
    "publishing": "amber",
    "pending": "amber",
    "attempting": "amber",
}


@register.filter
def badge(status: str) -> str:
    """The badge colour class of a post or publication status.

    >>> badge("failed"), badge("draft")
    ('red', '')
    """
    return BADGES.get(status, "")


@register.filter
def network_label(network: str) -> str:
    return gettext(NETWORK_LABELS_RU[network]) if network in NETWORK_LABELS_RU else network


@register.filter
def format_label(fmt: str) -> str:
    return gettext(FORMAT_LABELS_RU[fmt]) if fmt in FORMAT_LABELS_RU else fmt


@register.filter
def percent(share: float) -> str:
    return f"{round(share * 100)} %"
