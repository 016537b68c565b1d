"""Template helpers of the security pages (and the posture badge of the registry page)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import template

from gospablik.orgs.access import Perm, has_perm
from gospablik.registry.models import Account

register = template.Library()
GRADE_CLASSES = {"A": "green", "B": "", "C": "amber", "D": "red"}


@register.filter
def http_url(value: str) -> str:
    """Only http(s) addresses become links; anything else a network sends stays text.

    >>> http_url("https://vk.com/wall-1_2"), http_url("javascript:alert(1)")
    ('https://vk.com/wall-1_2', '')
    """
    return value if urlsplit(str(value)).scheme in ("http", "https") else ""


@register.filter
def grade_class(grade: str) -> str:
    return GRADE_CLASSES.get(grade, "")


@register.inclusion_tag("security/_posture_badge.html", takes_context=True)
def posture_badge(context: Any, account: Account) -> dict[str, Any]:
    """The account's grade for people who may see security (nothing for others)."""
    from gospablik.security.assess import posture_of

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_perm(user, account.ministry, Perm.SECURITY_VIEW):
        return {"posture": None}
    return {"posture": posture_of(account), "ministry": account.ministry}


@register.filter
def role_name(role: str) -> str:
    from gospablik.security.changes import role_ru

    return role_ru(role)
