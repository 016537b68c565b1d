"""State of the Instagram (Graph API, Facebook Login) emulator and the "human in the UI"
methods: a professional account, media containers, published media, comments."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ..facebook.graph import graph_time
from ..facebook.inbox import MetaInbox

IG_USER_ID = "17841400000000001"
DEMO_TOKEN = "EAAGospablikDemoInstagramToken"  # noqa: S105 (public demo token of the emulator)
DEMO_APP_SECRET = "gospablik-demo-app-secret"  # noqa: S105 (public demo secret of the emulator)
QUOTA_TOTAL, QUOTA_WINDOW = 50, 86400


class InstagramWorld:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.token = DEMO_TOKEN
        self.token_expires_at: float | None = None
        self.scopes = {"instagram_basic", "instagram_content_publish",
                       "instagram_manage_comments", "instagram_manage_messages",
                       "pages_read_engagement", "instagram_manage_insights"}  # fmt: skip
        self.app_secret = DEMO_APP_SECRET
        self.user: dict[str, Any] = {
            "id": IG_USER_ID, "username": "minzdrav_demo", "name": "Минздрав Кузбасса (демо)",
            "biography": "Официальный аккаунт (эмулятор)", "website": "https://example.ru",
            "profile_picture_url": "https://scontent.cdninstagram.example/profile.jpg",
            "followers_count": 3200, "follows_count": 12, "media_count": 0,
        }  # fmt: skip
        self.containers: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, dict[str, Any]] = {}
        self.insights: dict[str, dict[str, int]] = {}  # metric -> day (YYYY-MM-DD) -> value
        self.published_at: list[float] = []
        self.processing_polls = 1  # status reads answered IN_PROGRESS before FINISHED
        self.unreachable: set[str] = set()  # media URLs Meta "cannot download"
        self.callback_url = ""
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        self._next = 17900000000000000
        self._people: dict[str, str] = {}
        self.inbox = MetaInbox(IG_USER_ID, "instagram", now=self.now, publish=self.deliver,
                               new_mid=lambda: f"aWdfZAG1{self.next_id()}")  # fmt: skip

    def now(self) -> float:
        return self.clock()

    def next_id(self) -> str:
        self._next += 1
        return str(self._next)

    def person(self, username: str) -> str:
        """A stable Instagram-scoped id for a commenter."""
        return self._people.setdefault(username, str(17800000000000001 + len(self._people)))

    def author_id(self, username: str) -> str:
        """The account's own comments (its replies) carry its own id, as on Instagram."""
        return IG_USER_ID if username == self.user["username"] else self.person(username)

    def quota_usage(self) -> int:
        return sum(1 for t in self.published_at if t > self.now() - QUOTA_WINDOW)

    # --- publishing ------------------------------------------------------------------------------

    def add_container(self, media_type: str, url: str, caption: str, **extra: Any) -> dict:
        container = {"id": self.next_id(), "media_type": media_type, "url": url,
                     "caption": caption, "status_code": "IN_PROGRESS", "polls": 0,
                     "created": self.now(), **extra}  # fmt: skip
        if url in self.unreachable:
            container["status_code"] = "ERROR"
        self.containers[container["id"]] = container
        return container

    def publish(self, container: dict[str, Any]) -> dict[str, Any]:
        media_id = self.next_id()
        kind = {"CAROUSEL": "CAROUSEL_ALBUM", "REELS": "VIDEO"}.get(
            container["media_type"], container["media_type"]
        )
        self.media[media_id] = {
            "id": media_id, "caption": container["caption"], "media_type": kind,
            "media_product_type": "REELS" if container["media_type"] == "REELS" else "FEED",
            "media_url": container["url"], "permalink": f"https://www.instagram.com/p/Demo{media_id[-6:]}/",
            "timestamp": graph_time(self.now()), "username": self.user["username"],
            "comments_count": 0, "like_count": 0,
        }  # fmt: skip
        container["status_code"] = "PUBLISHED"
        self.published_at.append(self.now())
        self.user["media_count"] += 1
        return self.media[media_id]

    # --- a human in the Instagram app ----------------------------------------------------------

    def add_comment(self, media_id: str, text: str, username: str = "ivan_petrov",
                    parent: str | None = None) -> dict[str, Any]:  # fmt: skip
        comment: dict[str, Any] = {
            "id": self.next_id(), "text": text, "timestamp": graph_time(self.now()),
            "username": username, "from": {"id": self.author_id(username), "username": username},
            "hidden": False, "like_count": 0, "media_id": media_id,
        }  # fmt: skip
        if parent:
            comment["parent_id"] = parent
        self.comments[comment["id"]] = comment
        self.media[media_id]["comments_count"] += 1
        value = {"from": comment["from"], "media": {"id": media_id, "media_product_type":
                 self.media[media_id]["media_product_type"]}, "id": comment["id"],
                 "text": text}  # fmt: skip
        if parent:
            value["parent_id"] = parent
        self.notify("comments", value)
        return comment

    def write_to_account(self, text: str, username: str = "ivan_petrov") -> dict[str, Any]:
        """A person sends the account a direct message."""
        igsid = self.person(username)
        return {**self.inbox.person_writes(igsid, text), "sender": igsid}

    def notify(self, field: str, value: dict[str, Any]) -> None:
        self.deliver({"object": "instagram", "entry": [{"id": IG_USER_ID, "time": int(self.now()),
                      "changes": [{"field": field, "value": value}]}]})  # fmt: skip

    def deliver(self, payload: dict[str, Any]) -> None:
        """A webhook payload to every listener."""
        for listener in self.listeners:
            listener(payload)

    def rename(self, name: str) -> None:
        self.user["name"] = name

    def expire_token(self) -> None:
        self.token_expires_at = self.now() - 1

    def dump(self) -> dict[str, Any]:
        return {"user": self.user, "containers": list(self.containers.values()),
                "media": list(self.media.values()), "comments": list(self.comments.values()),
                "quota_usage": self.quota_usage()}  # fmt: skip
