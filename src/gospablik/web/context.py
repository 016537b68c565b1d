from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gospablik.dialogue.counts import dialogue_counts
from gospablik.orgs.access import ministries_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = request.resolver_match
    key = match.kwargs.get("ministry") if match else None
    ministries = list(ministries_for(user))
    current = next((m for m in ministries if m.key == key), None)
    unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "nav_ministries": ministries,
        "nav_ministry": current,
        "nav_unread": unread,
        "nav_dialogue": dialogue_counts(user, current) if current else None,
        "ministry_tz": _tz(current),
    }


def _tz(ministry: Any) -> Any:
    """The ministry's time zone (its policy's): pages show its local times."""
    from gospablik.policy.store import NoPolicy, policy_for

    if ministry is None:
        return None
    try:
        return policy_for(ministry).tz()
    except NoPolicy:
        return None
