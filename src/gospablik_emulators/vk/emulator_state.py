"""State of the VK emulator: communities, users, tokens, posts, comments, bans, media.

Objects are stored in VK's own JSON shapes, so the emulator answers with them as they are.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLE_LEVELS = {"advertiser": 0, "moderator": 1, "editor": 2, "administrator": 3, "creator": 4}
USER_SCOPES = ("wall", "groups", "photos", "video", "stats", "offline")


class VKError(Exception):
    """An API error the emulator answers with ``{"error": {...}}``."""

    def __init__(self, code: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra


@dataclass
class Token:
    value: str
    kind: str  # "user" | "group"
    owner_id: int  # user id, or group id for a community token
    scopes: frozenset[str] = frozenset(USER_SCOPES)
    valid: bool = True


@dataclass
class CallbackServer:
    url: str
    secret: str
    status: str = "unconfigured"  # "ok" after a successful confirmation


@dataclass
class Community:
    id: int
    name: str
    screen_name: str
    description: str = ""
    photo_200: str = ""
    cover_images: list[dict[str, Any]] = field(default_factory=list)
    members_count: int = 0
    verified: int = 0
    confirmation_code: str = ""
    managers: dict[int, str] = field(default_factory=dict)  # user id -> role
    members: set[int] = field(default_factory=set)  # known members besides managers
    bans: dict[int, dict[str, Any]] = field(default_factory=dict)  # owner id -> ban_info
    callback_servers: list[CallbackServer] = field(default_factory=list)
    stats: dict[int, dict[str, int]] = field(default_factory=dict)  # day start ts -> counters
    events: list[dict[str, Any]] = field(default_factory=list)  # long poll history
    lp_key: str = ""

    def as_vk(self) -> dict[str, Any]:
        cover = {"enabled": int(bool(self.cover_images)), "images": self.cover_images}
        return {
            "id": self.id,
            "name": self.name,
            "screen_name": self.screen_name,
            "is_closed": 0,
            "type": "page",
            "photo_50": self.photo_200,
            "photo_100": self.photo_200,
            "photo_200": self.photo_200,
            "description": self.description,
            "members_count": self.members_count,
            "verified": self.verified,
            "cover": cover,
        }


class VKState:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.communities: dict[int, Community] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.tokens: dict[str, Token] = {}
        self.posts: dict[tuple[int, int], dict[str, Any]] = {}
        self.comments: dict[tuple[int, int], dict[str, Any]] = {}
        self.guids: dict[tuple[int, str], tuple[int, float]] = {}
        self.photos: dict[tuple[int, int], dict[str, Any]] = {}
        self.polls: dict[tuple[int, int], dict[str, Any]] = {}
        self.videos: dict[tuple[int, int], dict[str, Any]] = {}
        self.uploads: dict[str, dict[str, Any]] = {}
        self.writers: set[tuple[int, int]] = set()  # (group, user) that wrote to the group
        self.sent: dict[tuple[int, int], dict[str, Any]] = {}  # (group, random_id) -> message
        self._counter = 0

    def now(self) -> int:
        return int(self.clock())

    def next_id(self) -> int:
        with self.lock:
            self._counter += 1
            return self._counter

    def secret_hex(self, *parts: object) -> str:
        raw = ":".join(str(p) for p in parts) + f":{self.next_id()}"
        return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()

    # --- setup -------------------------------------------------------------------------

    def add_user(self, user_id: int, first_name: str, last_name: str) -> dict[str, Any]:
        user = {
            "id": user_id,
            "first_name": first_name,
            "last_name": last_name,
            "can_access_closed": True,
            "is_closed": False,
        }
        self.users[user_id] = user
        return user

    def add_community(self, group_id: int, name: str, screen_name: str, **kw: Any) -> Community:
        community = Community(group_id, name, screen_name, **kw)
        community.confirmation_code = community.confirmation_code or self.secret_hex(group_id)[:8]
        community.lp_key = self.secret_hex("lp", group_id)
        self.communities[group_id] = community
        return community

    def add_token(
        self, value: str, kind: str, owner_id: int, scopes: tuple[str, ...] = USER_SCOPES
    ) -> Token:
        token = Token(value, kind, owner_id, frozenset(scopes))
        self.tokens[value] = token
        return token

    # --- lookups -----------------------------------------------------------------------

    def community(self, group_id: int | str) -> Community:
        try:
            return self.communities[abs(int(group_id))]
        except (KeyError, ValueError):
            raise VKError(125, "Invalid group id") from None

    def post(self, owner_id: int, post_id: int) -> dict[str, Any]:
        post = self.posts.get((owner_id, post_id))
        if post is None or post.get("is_deleted"):
            raise VKError(104, "Not found")
        return post

    def comment(self, owner_id: int, comment_id: int) -> dict[str, Any]:
        found = self.comments.get((owner_id, comment_id))
        if found is None:
            raise VKError(104, "Not found")
        return found

    def role_level(self, group_id: int, user_id: int) -> int:
        role = self.community(group_id).managers.get(user_id)
        return -1 if role is None else ROLE_LEVELS[role]

    def name_of(self, owner_id: int) -> str:
        if owner_id < 0 and -owner_id in self.communities:
            return self.communities[-owner_id].name
        user = self.users.get(owner_id, {})
        return f"{user.get('first_name', '')} {user.get('last_name', '')}".strip()

    # --- events ------------------------------------------------------------------------

    def make_event(self, group_id: int, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
        event = {
            "group_id": group_id,
            "type": event_type,
            "event_id": self.secret_hex("event", group_id, event_type),
            "v": "5.199",
            "object": obj,
        }
        with self.lock:
            self.community(group_id).events.append(event)
        return event

    def summary(self) -> dict[str, Any]:
        """A JSON view for tests and the demo (``/__emulator__/state``)."""
        return {
            "communities": [
                c.as_vk() | {"managers": c.managers, "bans": c.bans}
                for c in self.communities.values()
            ],
            "posts": [p for p in self.posts.values() if not p.get("is_deleted")],
            "comments": list(self.comments.values()),
            "callback_servers": {
                g: [vars(s) for s in c.callback_servers] for g, c in self.communities.items()
            },
        }
