"""Small template helpers of the content pages."""

from __future__ import annotations

from django import template

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
    return NETWORK_LABELS_RU.get(network, network)


@register.filter
def format_label(fmt: str) -> str:
    return FORMAT_LABELS_RU.get(fmt, fmt)


@register.filter
def percent(share: float) -> str:
    return f"{round(share * 100)} %"
