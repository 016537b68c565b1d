"""State of the Facebook Page emulator and the "human in the UI" methods."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .graph import graph_time
from .inbox import MetaInbox

PAGE_ID = "100000000000001"
DEMO_TOKEN = "EAAGospablikDemoPageAccessToken"  # noqa: S105 (public demo token of the emulator)
DEMO_APP_SECRET = "gospablik-demo-app-secret"  # noqa: S105 (public demo secret of the emulator)
ALL_SCOPES = frozenset({"pages_manage_posts", "pages_read_engagement", "pages_manage_engagement",
                        "pages_read_user_content", "pages_manage_metadata", "read_insights",
                        "pages_show_list", "pages_messaging"})  # fmt: skip


@dataclass
class Token:
    page_id: str
    scopes: set[str] = field(default_factory=lambda: set(ALL_SCOPES))
    expires_at: float | None = None  # None = long-lived Page token


class FacebookWorld:
    """A Page, its posts, photos, comments, blocked people, roles and daily insights."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.app_secret = DEMO_APP_SECRET
        self.tokens: dict[str, Token] = {DEMO_TOKEN: Token(PAGE_ID)}
        self.page: dict[str, Any] = {
            "id": PAGE_ID, "name": "Минздрав Кузбасса (демо)", "username": "minzdrav.demo",
            "about": "Официальная страница (эмулятор)", "link": "https://www.facebook.com/minzdrav.demo",
            "fan_count": 2100, "followers_count": 2450, "verification_status": "not_verified",
            "picture": {"data": {"height": 50, "width": 50, "is_silhouette": False,
                                 "url": "https://scontent.example/picture.jpg"}},
            "cover": {"cover_id": "100000000000900", "offset_x": 0, "offset_y": 50,
                      "source": "https://scontent.example/cover.jpg", "id": "100000000000900"},
        }  # fmt: skip
        self.posts: dict[str, dict[str, Any]] = {}
        self.photos: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, dict[str, Any]] = {}
        self.blocked: dict[str, dict[str, str]] = {}
        self.roles: list[dict[str, Any]] = [
            {"id": "200000000000001", "name": "Мария Иванова",
             "tasks": ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"]},
        ]  # fmt: skip
        self.insights: dict[str, dict[str, int]] = {}  # metric -> day (YYYY-MM-DD) -> value
        self.callback_url = ""
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        self._next = 1000
        self.inbox = MetaInbox(PAGE_ID, "page", now=self.now, publish=self.deliver,
                               new_mid=lambda: f"m_{self.next_id()}",
                               echo_extra={"app_id": 1})  # fmt: skip

    def now(self) -> float:
        return self.clock()

    def next_id(self) -> int:
        self._next += 1
        return self._next

    # --- objects ----------------------------------------------------------------------------

    def add_post(self, message: str, *, published: bool = True, scheduled: int | None = None,
                 link: str | None = None, media: list[str] | None = None) -> dict:  # fmt: skip
        post_id = f"{PAGE_ID}_{self.next_id()}"
        post: dict[str, Any] = {
            "id": post_id, "message": message, "created_time": graph_time(self.now()),
            "from": {"name": self.page["name"], "id": PAGE_ID},
            "permalink_url": f"https://www.facebook.com/{PAGE_ID}/posts/{post_id.split('_')[1]}",
            "is_published": published, "attached_media": media or [],
        }  # fmt: skip
        if link:
            post["link"] = link
        if scheduled is not None:
            post["scheduled_publish_time"] = scheduled
        self.posts[post_id] = post
        if published:
            self.notify("status", "add", post_id=post_id, message=message)
        return post

    def add_photo(self, caption: str, published: bool) -> dict[str, Any]:
        photo: dict[str, Any] = {"id": str(self.next_id()), "name": caption,
                                 "published": published}  # fmt: skip
        self.photos[photo["id"]] = photo
        if published:
            photo["post_id"] = self.add_post(caption, media=[photo["id"]])["id"]
        return photo

    def notify(self, item: str, verb: str, **value: Any) -> None:
        change = {"field": "feed",
                  "value": {"item": item, "verb": verb, "created_time": int(self.now()),
                            **value}}  # fmt: skip
        self.deliver({
            "object": "page",
            "entry": [{"id": PAGE_ID, "time": int(self.now()), "changes": [change]}],
        })  # fmt: skip

    def deliver(self, payload: dict[str, Any]) -> None:
        """A webhook payload to every listener."""
        for listener in self.listeners:
            listener(payload)

    # --- a human in the Facebook UI -------------------------------------------------------------

    def write_to_page(self, text: str, psid: str = "7000000000000001") -> dict[str, Any]:
        """A person writes to the Page in Messenger (``psid``: their page-scoped id)."""
        return self.inbox.person_writes(psid, text)

    def add_comment(self, post_id: str, text: str, author: dict[str, str] | None = None,
                    parent: str | None = None) -> dict[str, Any]:  # fmt: skip
        person = author or {"name": "Иван Петров", "id": "300000000000001"}
        if person["id"] in self.blocked:
            raise PermissionError(f"{person['id']} is blocked from the Page")
        comment_id = f"{post_id.split('_')[1]}_{self.next_id()}"
        comment: dict[str, Any] = {
            "id": comment_id, "message": text, "from": dict(person),
            "created_time": graph_time(self.now()), "is_hidden": False, "can_hide": True,
            "post_id": post_id,
        }  # fmt: skip
        if parent:
            comment["parent"] = {"id": parent}
        self.comments[comment_id] = comment
        self.notify("comment", "add", post_id=post_id, comment_id=comment_id, message=text,
                    parent_id=parent or post_id, **{"from": dict(person)})  # fmt: skip
        return comment

    def post_by_hand(self, text: str) -> dict[str, Any]:
        return self.add_post(text)

    def add_role(self, user_id: str, name: str, tasks: list[str]) -> None:
        self.roles.append({"id": user_id, "name": name, "tasks": list(tasks)})

    def remove_role(self, user_id: str) -> None:
        self.roles = [r for r in self.roles if r["id"] != user_id]

    def rename(self, name: str) -> None:
        self.page["name"] = name

    def set_about(self, text: str) -> None:
        self.page["about"] = text

    def add_insight(self, metric: str, day: str, value: int) -> None:
        self.insights.setdefault(metric, {})[day] = value

    def expire_token(self, token: str = DEMO_TOKEN) -> None:
        self.tokens[token].expires_at = self.now() - 1

    def revoke_scope(self, scope: str, token: str = DEMO_TOKEN) -> None:
        self.tokens[token].scopes.discard(scope)

    def dump(self) -> dict[str, Any]:
        return {"page": self.page, "posts": list(self.posts.values()),
                "photos": list(self.photos.values()), "comments": list(self.comments.values()),
                "blocked": list(self.blocked.values()), "roles": self.roles,
                "insights": self.insights, "callback_url": self.callback_url}  # fmt: skip
