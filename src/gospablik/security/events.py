"""Network events that may mean a takeover, read as :class:`Change` at once (plain Python).

VK pushes ``group_officers_edit``, ``group_change_settings`` and ``group_change_photo``
through the Callback API; the snapshot job confirms them later, and de-duplicates by key.
Other networks' events carry less, so they become a generic change of the same kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gospablik.security.changes import PROFILE_FIELDS, AdminSeen, Change, admin_added

VK_LEVELS = {1: "moderator", 2: "editor", 3: "administrator"}
VK_SETTINGS = {"title": "title", "screen_name": "screen_name", "description": "description"}
GENERIC = {
    "admins_changed": ("admins", "high", "Изменился состав администраторов сообщества"),
    "settings_changed": ("settings", "high", "Изменены настройки сообщества"),
    "photo_changed": ("avatar", "high", "Изменён аватар сообщества"),
}


def vk_officers(obj: Mapping[str, Any], allowed: Mapping[str, str]) -> list[Change]:
    """``group_officers_edit``: a new or promoted manager.

    >>> [c.severity for c in vk_officers({"user_id": 666, "level_old": 0, "level_new": 3}, {})]
    ['critical']
    >>> vk_officers({"user_id": 101, "level_old": 1, "level_new": 0}, {})
    []
    """
    new_level = int(obj.get("level_new") or 0)
    if new_level <= int(obj.get("level_old") or 0):
        return []
    user_id = str(obj.get("user_id", ""))
    admin = AdminSeen(user_id, f"пользователь {user_id}", VK_LEVELS.get(new_level, "administrator"))
    change = admin_added(admin, allowed)
    return [] if change is None else [change]


def vk_settings(obj: Mapping[str, Any]) -> list[Change]:
    """``group_change_settings``: title, short name or description changed.

    >>> c = vk_settings({"changes": {"title": {"old_value": "А", "new_value": "Б"}}})[0]
    >>> (c.kind, c.severity, c.key)
    ('title', 'high', 'title:Б')
    """
    changes = []
    for vk_key, field in VK_SETTINGS.items():
        value = (obj.get("changes") or {}).get(vk_key)
        if not isinstance(value, Mapping):
            continue
        severity, label = PROFILE_FIELDS[field]
        old, new = str(value.get("old_value", "")), str(value.get("new_value", ""))
        shown = "" if field == "description" else f": «{old}» → «{new}»"
        changes.append(
            Change(
                field,
                severity,
                f"{field}:{new}"[:300],
                f"{label}{shown}",
                {"before": old, "after": new, "by": obj.get("user_id")},
            )
        )
    return changes


def vk_photo(obj: Mapping[str, Any]) -> list[Change]:
    sizes = (obj.get("photo") or {}).get("sizes") or [{}]
    url = str(sizes[-1].get("url", ""))
    return [
        Change(
            "avatar",
            "high",
            "avatar_url",  # URLs of one image differ between the event and the profile
            PROFILE_FIELDS["avatar_url"][1],
            {"after": url, "by": obj.get("user_id")},
        )
    ]


def generic(kind: str, event_id: str) -> list[Change]:
    if kind not in GENERIC:
        return []
    name, severity, summary = GENERIC[kind]
    return [Change(name, severity, f"event:{kind}:{event_id}"[:300], summary, {})]


def changes_from_event(
    network: str, kind: str, event_id: str, payload: Mapping[str, Any], allowed: Mapping[str, str]
) -> list[Change]:
    """The changes an inbound event reports.

    >>> ev = {"type": "group_change_photo", "object": {"user_id": 5, "photo": {"sizes": []}}}
    >>> [c.kind for c in changes_from_event("vk", "photo_changed", "e1", ev, {})]
    ['avatar']
    >>> [c.summary for c in changes_from_event("max", "settings_changed", "e2", {}, {})]
    ['Изменены настройки сообщества']
    """
    if network != "vk":
        return generic(kind, event_id)
    obj = payload.get("object") or {}
    if kind == "admins_changed":
        return vk_officers(obj, allowed)
    if kind == "settings_changed":
        return vk_settings(obj)
    if kind == "photo_changed":
        return vk_photo(obj)
    return []
