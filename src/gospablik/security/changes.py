"""What changed between two looks at a community, and how alarming it is (plain Python).

A new administrator nobody allowed is critical: that is how accounts are taken over.
A renamed community, a new short name or a new avatar is high; a new description or a
post on the wall by an unknown author is medium.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

ROLE_LEVELS = {"advertiser": 0, "moderator": 1, "editor": 2, "administrator": 3, "creator": 4}
ROLE_LABELS_RU = {
    "creator": "владелец",
    "administrator": "администратор",
    "editor": "редактор",
    "moderator": "модератор",
    "advertiser": "рекламодатель",
}
PROFILE_FIELDS = {  # field -> (severity, what a person reads)
    "title": ("high", "Изменено название"),
    "screen_name": ("high", "Изменён короткий адрес"),
    "avatar_url": ("high", "Изменён аватар"),
    "description": ("medium", "Изменено описание"),
}


@dataclass(frozen=True)
class AdminSeen:
    user_id: str
    name: str
    role: str


@dataclass(frozen=True)
class PostSeen:
    post_id: str
    author_id: str
    text: str
    url: str


@dataclass(frozen=True)
class Look:
    """One look at a community. ``admins`` is None when the network does not tell."""

    title: str
    screen_name: str
    avatar_url: str
    description: str
    admins: tuple[AdminSeen, ...] | None
    unknown_posts: tuple[PostSeen, ...] = ()


@dataclass(frozen=True)
class Change:
    kind: str  # admin_added | admin_role | admin_removed | title | … | unknown_post
    severity: str  # critical | high | medium | low
    key: str  # identifies the change (for de-duplication between events and snapshots)
    summary: str  # Russian, for people
    details: dict[str, Any] = field(default_factory=dict)


def level(role: str) -> int:
    return ROLE_LEVELS.get(role, ROLE_LEVELS["administrator"])  # unknown roles: assume power


def role_ru(role: str) -> str:
    return ROLE_LABELS_RU.get(role, role)


def same_image(a: str, b: str) -> bool:
    """Avatar URLs compared by path: CDNs change hosts and signed query strings.

    >>> same_image("https://sun9-1.userapi.com/a.jpg?sign=1", "https://sun9-7.userapi.com/a.jpg?sign=2")
    True
    >>> same_image("https://x/a.jpg", "https://x/b.jpg")
    False
    """
    return urlsplit(a).path == urlsplit(b).path


def admin_added(admin: AdminSeen, allowed: Mapping[str, str]) -> Change | None:
    """A new administrator: critical unless allowed with at least that role.

    >>> admin_added(AdminSeen("7", "Злоумышленник", "administrator"), {}).severity
    'critical'
    >>> admin_added(AdminSeen("7", "Анна", "editor"), {"7": "editor"}) is None
    True
    """
    permitted = allowed.get(admin.user_id)
    if permitted is not None and level(admin.role) <= level(permitted):
        return None
    why = "его нет в списке разрешённых" if permitted is None else "роль выше разрешённой"
    return Change(
        "admin_added",
        "critical",
        f"admin:{admin.user_id}",
        f"Новый {role_ru(admin.role)} «{admin.name}» (ID {admin.user_id}): {why}",
        {"user_id": admin.user_id, "name": admin.name, "role": admin.role},
    )


def admin_raised(before: AdminSeen, after: AdminSeen, allowed: Mapping[str, str]) -> Change | None:
    """More rights for an existing administrator than the allowed list gives: critical."""
    if level(after.role) <= level(before.role):
        return None
    permitted = allowed.get(after.user_id)
    if permitted is not None and level(after.role) <= level(permitted):
        return None
    return Change(
        "admin_role",
        "critical",
        f"admin:{after.user_id}:{after.role}",
        f"Повышены права «{after.name}» (ID {after.user_id}): "
        f"{role_ru(before.role)} → {role_ru(after.role)}",
        {"user_id": after.user_id, "name": after.name, "role": after.role, "before": before.role},
    )


def admin_removed(admin: AdminSeen, allowed: Mapping[str, str]) -> Change | None:
    """An allowed administrator lost access (an intruder locks the owners out): high."""
    if admin.user_id not in allowed:
        return None
    return Change(
        "admin_removed",
        "high",
        f"admin-removed:{admin.user_id}",
        f"Удалён разрешённый {role_ru(admin.role)} «{admin.name}» (ID {admin.user_id})",
        {"user_id": admin.user_id, "name": admin.name, "role": admin.role},
    )


def admin_changes(
    before: Iterable[AdminSeen], after: Iterable[AdminSeen], allowed: Mapping[str, str]
) -> list[Change]:
    old = {a.user_id: a for a in before}
    new = {a.user_id: a for a in after}
    found: list[Change | None] = []
    for user_id, admin in new.items():
        previous = old.get(user_id)
        found.append(
            admin_added(admin, allowed)
            if previous is None
            else admin_raised(previous, admin, allowed)
        )
    found += [admin_removed(a, allowed) for uid, a in old.items() if uid not in new]
    return [c for c in found if c is not None]


def profile_changes(before: Look, after: Look) -> list[Change]:
    """Changed title, short name, avatar or description.

    >>> a = Look("Минздрав", "minzdrav", "https://x/a.jpg", "", ())
    >>> b = Look("Казино «Удача»", "minzdrav", "https://x/a.jpg", "", ())
    >>> [(c.kind, c.severity, c.summary) for c in profile_changes(a, b)]
    [('title', 'high', 'Изменено название: «Минздрав» → «Казино «Удача»»')]
    """
    changes = []
    for name, (severity, label) in PROFILE_FIELDS.items():
        old, new = getattr(before, name), getattr(after, name)
        unchanged = same_image(old, new) if name == "avatar_url" else old == new
        if unchanged:
            continue
        shown = "" if name in ("avatar_url", "description") else f": «{old}» → «{new}»"
        changes.append(
            Change(
                name.removesuffix("_url"),
                severity,
                name if name == "avatar_url" else f"{name}:{new}"[:300],
                f"{label}{shown}",
                {"before": old, "after": new},
            )
        )
    return changes


def post_changes(before: Look, after: Look) -> list[Change]:
    seen = {p.post_id for p in before.unknown_posts}
    return [
        Change(
            "unknown_post",
            "medium",
            f"post:{p.post_id}",
            f"Запись на стене от неизвестного автора (ID {p.author_id})",
            {"post_id": p.post_id, "author_id": p.author_id, "text": p.text, "url": p.url},
        )
        for p in after.unknown_posts
        if p.post_id not in seen
    ]


def compare(before: Look, after: Look, allowed: Mapping[str, str]) -> list[Change]:
    """Every alarming difference, the most severe first.

    >>> anna = AdminSeen("100", "Анна Смирнова", "creator")
    >>> before = Look("Минздрав", "minzdrav", "", "", (anna,))
    >>> stranger = AdminSeen("666", "Некто", "administrator")
    >>> after = Look("Минздрав", "minzdrav", "", "", (anna, stranger))
    >>> [(c.kind, c.severity) for c in compare(before, after, {"100": "creator"})]
    [('admin_added', 'critical')]
    """
    changes = profile_changes(before, after) + post_changes(before, after)
    if before.admins is not None and after.admins is not None:
        changes = admin_changes(before.admins, after.admins, allowed) + changes
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    return sorted(changes, key=lambda c: order[c.severity])
