"""Template filters of the analytics pages."""

from __future__ import annotations

from typing import Any

from django import template

from gospablik.analytics.formatting import number
from gospablik.content.formats import FORMAT_LABELS_RU
from gospablik.networks.base import NETWORK_LABELS_RU

register = template.Library()


@register.filter
def num(value: Any, digits: int | None = None) -> str:
    """A figure with thousands separators and a decimal comma; ``—`` for no data."""
    return number(value, digits)


@register.filter
def export_base(sample_url: str) -> str:
    """``…/charts/KEY.svg`` → ``…/charts/`` (the template adds ``<key>.<fmt>``)."""
    return sample_url.rsplit("KEY.svg", 1)[0]


@register.filter
def network_label(network: str) -> str:
    return NETWORK_LABELS_RU.get(network, network)


@register.filter
def format_label(key: str | None) -> str:
    if not key:
        return "не из контент-плана"
    return FORMAT_LABELS_RU.get(key, key)


@register.filter
def post_cells(post: Any) -> list[tuple[Any, str]]:
    """(value, reason of the gap) for views, likes, reposts and comments of a post."""
    gaps = post.gaps or {}
    return [(getattr(post, m), gaps.get(m, "")) for m in ("views", "likes", "reposts", "comments")]


@register.filter
def growth(week: Any) -> int | None:
    if week.followers is None or week.followers_start is None:
        return None
    return int(week.followers - week.followers_start)


@register.filter
def tier_label(tier: str) -> str:
    from gospablik.registry.models import Account

    return str(dict(Account.Tier.choices).get(tier, tier))
