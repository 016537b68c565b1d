"""State of the Odnoklassniki emulator (apps, tokens, users, groups, topics, comments)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

MOSCOW = ZoneInfo("Europe/Moscow")
PERMISSIONS = ("VALUABLE_ACCESS", "LONG_ACCESS_TOKEN", "GROUP_CONTENT", "PHOTO_CONTENT")
ERROR_NAMES = {
    1: "UNKNOWN",
    2: "SERVICE",
    3: "METHOD",
    4: "REQUEST",
    7: "ACTION_BLOCKED",
    8: "FLOOD_BLOCKED",
    9: "IP_BLOCKED",
    10: "PERMISSION_DENIED",
    11: "LIMIT_REACHED",
    50: "NOT_ADMIN",
    100: "PARAM",
    101: "PARAM_API_KEY",
    102: "PARAM_SESSION_EXPIRED",
    103: "PARAM_SESSION_KEY",
    104: "PARAM_SIGNATURE",
    105: "PARAM_RESIGNATURE",
    106: "PARAM_ENTITY_ID",
    110: "PARAM_USER_ID",
    141: "PARAM_COMMENT_ID",
    160: "PARAM_GROUP_ID",
    200: "PARAM_PERMISSION",
    210: "PARAM_APPLICATION_DISABLED",
    300: "NOT_FOUND",
    453: "SESSION_REQUIRED",
    454: "CENSOR_MATCH",
    456: "GROUP_RESTRICTION",
    457: "UNAUTHORIZED_RESTRICTION",
    458: "PRIVACY_RESTRICTION",
    511: "IDS_BLOCKED",
    514: "IDS_SESSION_VERIFICATION_REQUIRED",
    600: "MEDIA_TOPIC_BLOCK_LIMIT",
    601: "MEDIA_TOPIC_TEXT_LIMIT",
    607: "MEDIA_TOPIC_LINK_BAD_FORMAT",
    704: "TIMEOUT_EXCEEDED",
    900: "NO_SUCH_APP",
    5000: "INVALID_RESPONSE",
    9999: "SYSTEM",
}


class OKError(Exception):
    def __init__(self, code: int, detail: str = "") -> None:
        self.code = code
        self.message = f"{ERROR_NAMES.get(code, 'UNKNOWN')} : {detail}".rstrip(" :")
        super().__init__(self.message)

    def body(self) -> dict[str, Any]:
        return {"error_code": self.code, "error_msg": self.message, "error_data": None}


@dataclass
class Group:
    gid: str
    name: str
    shortname: str
    description: str = ""
    members_count: int = 0
    pic_avatar: str = ""
    members: dict[str, str] = field(default_factory=dict)  # uid -> ADMIN|MODERATOR|ACTIVE|BLOCKED
    stats: dict[int, dict[str, int]] = field(default_factory=dict)  # day start ms -> counters

    def as_ok(self) -> dict[str, Any]:
        return {
            "uid": self.gid,
            "name": self.name,
            "description": self.description,
            "shortname": self.shortname,
            "members_count": self.members_count,
            "picAvatar": self.pic_avatar,
        }


class OKState:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.apps: dict[str, str] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.groups: dict[str, Group] = {}
        self.topics: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, dict[str, Any]] = {}
        self.photo_tokens: dict[str, str] = {}
        self.censored: set[str] = {"запрещёнка"}
        self._counter = 155_000_000_000_000

    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def now_text(self) -> str:
        return datetime.fromtimestamp(self.clock(), tz=MOSCOW).strftime("%Y-%m-%d %H:%M:%S")

    def next_id(self) -> str:
        with self.lock:
            self._counter += 1
            return str(self._counter)

    def add_user(self, uid: str, first_name: str, last_name: str) -> None:
        self.users[uid] = {
            "uid": uid,
            "first_name": first_name,
            "last_name": last_name,
            "name": f"{first_name} {last_name}",
        }

    def add_token(self, token: str, uid: str, permissions: tuple[str, ...] = PERMISSIONS) -> None:
        self.tokens[token] = {"uid": uid, "valid": True, "permissions": set(permissions)}

    def group(self, gid: str) -> Group:
        if gid not in self.groups:
            raise OKError(160, f"Invalid group id {gid}")
        return self.groups[gid]

    def topic(self, topic_id: str) -> dict[str, Any]:
        topic = self.topics.get(topic_id)
        if topic is None or topic["deleted"]:
            raise OKError(300, f"Topic {topic_id} not found")
        return topic

    def is_manager(self, gid: str, uid: str) -> bool:
        return self.group(gid).members.get(uid) in ("ADMIN", "MODERATOR")

    def new_topic(
        self, gid: str, media: list[dict[str, Any]], author_ref: str, at_ms: int | None = None
    ) -> dict[str, Any]:
        topic_id = self.next_id()
        topic = {
            "id": topic_id,
            "gid": gid,
            "created_ms": at_ms or self.now_ms(),
            "media": media,
            "author_ref": author_ref,
            "owner_ref": f"group:{gid}",
            "deleted": False,
        }
        self.topics[topic_id] = topic
        return topic

    def new_comment(
        self, topic_id: str, author_id: str, text: str, reply_to: str | None = None
    ) -> dict[str, Any]:
        self.topic(topic_id)
        comment_id = self.next_id()
        comment: dict[str, Any] = {
            "id": comment_id,
            "topic_id": topic_id,
            "author_id": author_id,
            "text": text,
            "date": self.now_text(),
            "deleted": False,
            "reply_to_comment_id": reply_to,
        }
        self.comments[comment_id] = comment
        return comment

    def summary(self) -> dict[str, Any]:
        return {
            "groups": [g.as_ok() | {"members": g.members} for g in self.groups.values()],
            "topics": [t for t in self.topics.values() if not t["deleted"]],
            "comments": list(self.comments.values()),
        }


DEMO_SEED: dict[str, Any] = {
    "apps": [{"application_key": "CBAOKDEMOAPPKEY", "application_secret_key": "ok-demo-secret"}],
    "users": [
        {"uid": "575000000001", "first_name": "Анна", "last_name": "Смирнова"},
        {"uid": "575000000002", "first_name": "Пётр", "last_name": "Иванов"},
        {"uid": "575000000100", "first_name": "Иван", "last_name": "Петров"},
        {"uid": "575000000101", "first_name": "Мария", "last_name": "Кузнецова"},
    ],
    "tokens": [
        {"access_token": "ok-demo-access-token", "uid": "575000000001"},
        {"access_token": "ok-demo-moderator-token", "uid": "575000000002"},
        {"access_token": "ok-demo-member-token", "uid": "575000000100"},
    ],
    "bot_keys": [  # the groups' own keys for the Bot API (group messages)
        {"access_token": "ok-demo-group-bot-key", "gid": "70000000000001"},
        {"access_token": "ok-demo-group-bot-key-2", "gid": "70000000000002"},
    ],
    "groups": [
        {
            "gid": "70000000000001",
            "name": "Министерство здравоохранения Кузбасса",
            "shortname": "minzdrav.kuzbass",
            "members_count": 5320,
            "description": "Официальная группа Министерства здравоохранения Кузбасса",
            "members": {
                "575000000001": "ADMIN",
                "575000000002": "MODERATOR",
                "575000000100": "ACTIVE",
            },
        },
        {
            "gid": "70000000000002",
            "name": "Министерство социальной защиты населения Кузбасса",
            "shortname": "szn.kuzbass",
            "members_count": 2710,
            "description": "",
            "members": {"575000000001": "ADMIN"},
        },
    ],
    "topics": [
        {
            "gid": "70000000000001",
            "text": "Открыта запись на вакцинацию в поликлиниках Кузбасса.",
            "comments": [
                {"author_id": "575000000100", "text": "Где можно записаться?"},
                {"author_id": "575000000101", "text": "Спасибо!"},
            ],
        },
    ],
}


def load_seed(state: OKState, seed: dict[str, Any]) -> None:
    for app in seed.get("apps", []):
        state.apps[app["application_key"]] = app["application_secret_key"]
    for user in seed.get("users", []):
        state.add_user(str(user["uid"]), user.get("first_name", ""), user.get("last_name", ""))
    for token in seed.get("tokens", []):
        state.add_token(
            token["access_token"], str(token["uid"]), tuple(token.get("permissions", PERMISSIONS))
        )
    for raw in seed.get("groups", []):
        group = Group(**{k: v for k, v in raw.items() if k != "members"})
        group.members.update(raw.get("members", {}))
        state.groups[group.gid] = group
    for topic in seed.get("topics", []):
        created = state.new_topic(
            topic["gid"], [{"type": "text", "text": topic["text"]}], f"group:{topic['gid']}"
        )
        for comment in topic.get("comments", []):
            state.new_comment(created["id"], comment["author_id"], comment["text"])
