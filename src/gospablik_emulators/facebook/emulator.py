"""A Facebook Pages Graph API emulator (WSGI) speaking the real wire format.

The token comes in ``access_token`` (query or form) or an ``Authorization: Bearer``
header; dispatch, faults and signed Page webhooks (``app.push``, when
``app.state.callback_url`` is set) are :class:`~.graph_app.GraphEmulator`'s.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ..emulation import Request, Sender, refuse_seed
from .graph import GraphApiError, appsecret_proof, graph_time, no_object, select
from .graph_app import GraphEmulator, Handler
from .insights import page_insights, post_insights, seed_insights
from .world import PAGE_ID, FacebookWorld

SCHEDULE_MIN, SCHEDULE_MAX = 10 * 60, 30 * 86400  # VERIFY: docs say 10 minutes to 30 days


def _flag(value: Any, default: bool = True) -> bool:
    if value in (None, ""):
        return default
    return str(value).lower() not in ("false", "0")


def _json_param(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


class FacebookEmulator(GraphEmulator):
    state: FacebookWorld

    def __init__(self, *, clock: Callable[[], float] | None = None,
                 sender: Sender | None = None) -> None:  # fmt: skip
        super().__init__(FacebookWorld(clock) if clock else FacebookWorld(), sender)
        self._scopes: set[str] = set()

    def _auth(self, req: Request, params: dict[str, Any]) -> None:
        header = req.headers.get("Authorization", "")
        token = params.get("access_token") or header.partition(" ")[2]
        if not token:
            raise GraphApiError(2500, "An active access token must be used to query "
                                "information about the current user.")  # fmt: skip
        entry = self.state.tokens.get(token)
        if entry is None:
            raise GraphApiError(190, "Invalid OAuth access token - Cannot parse access token")
        if entry.expires_at is not None and entry.expires_at < self.state.now():
            raise GraphApiError(190, "Error validating access token: Session has expired on "
                                f"{graph_time(entry.expires_at)}.", 463)  # fmt: skip
        proof = params.get("appsecret_proof")
        if proof and not hmac.compare_digest(proof, appsecret_proof(self.state.app_secret, token)):
            raise GraphApiError(100, "Invalid appsecret_proof provided in the API argument")
        self._scopes = entry.scopes

    def _need(self, scope: str) -> None:
        if scope not in self._scopes:
            raise GraphApiError(200, f"(#200) Requires {scope} permission to manage the object")

    def _kind(self, node: str) -> str:
        if node in (PAGE_ID, self.state.page["username"], "me"):
            return "page"
        for kind, store in (("post", self.state.posts), ("comment", self.state.comments),
                            ("photo", self.state.photos)):  # fmt: skip
            if node in store:
                return kind
        raise no_object(node)

    # --- the Page ------------------------------------------------------------------------------

    def get_page(self, node: str, params: dict[str, Any], req: Request) -> Any:
        return select(self.state.page, params.get("fields"), ("name",))

    def create_post(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_posts")
        message, link = str(params.get("message") or ""), params.get("link")
        media = [m["media_fbid"] for m in self._attached(params)]
        if not (message or link or media):
            raise GraphApiError(100, "(#100) The parameter message or link is required")
        published, scheduled = self._schedule(params)
        if (
            published
            and not media
            and any(
                p["message"] == message and p["is_published"] for p in self.state.posts.values()
            )
        ):
            raise GraphApiError(506, "(#506) Duplicate status message")
        post = self.state.add_post(message, published=published, scheduled=scheduled,
                                   link=link, media=media)  # fmt: skip
        return {"id": post["id"]}

    def _attached(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if "attached_media" in params:
            items = list(_json_param(params["attached_media"]))
        else:
            keys = sorted(k for k in params if k.startswith("attached_media["))
            items = [_json_param(params[k]) for k in keys]
        for item in items:
            if item.get("media_fbid") not in self.state.photos:
                raise GraphApiError(100, "(#100) Invalid media_fbid")
        return items

    def _schedule(self, params: dict[str, Any]) -> tuple[bool, int | None]:
        published = _flag(params.get("published"))
        if params.get("scheduled_publish_time") in (None, ""):
            return published, None
        when = int(params["scheduled_publish_time"])
        ahead = when - self.state.now()
        if published or not SCHEDULE_MIN <= ahead <= SCHEDULE_MAX:
            raise GraphApiError(100, "(#100) The specified scheduled publish time is invalid.")
        return False, when

    def create_photo(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_posts")
        if "source" not in req.files and not params.get("url"):
            raise GraphApiError(324, "(#324) Requires upload file")
        caption = str(params.get("caption") or params.get("message") or "")
        photo = self.state.add_photo(caption, _flag(params.get("published")))
        return {k: photo[k] for k in ("id", "post_id") if k in photo}

    def list_feed(self, node: str, params: dict[str, Any], req: Request) -> Any:
        posts = [p for p in self.state.posts.values() if p["is_published"]]
        return self._page(posts, params, ("message", "created_time"))

    def list_scheduled(self, node: str, params: dict[str, Any], req: Request) -> Any:
        posts = [p for p in self.state.posts.values() if not p["is_published"]]
        return self._page(posts, params, ("message", "created_time", "scheduled_publish_time"))

    def _page(self, items: list[dict], params: dict[str, Any], default: tuple[str, ...]) -> Any:
        since, until = params.get("since"), params.get("until")
        stamps = {p["id"]: datetime.strptime(p["created_time"], "%Y-%m-%dT%H:%M:%S%z")
                  for p in items}  # fmt: skip
        if since:
            items = [p for p in items if stamps[p["id"]].timestamp() >= int(since)]
        if until:
            items = [p for p in items if stamps[p["id"]].timestamp() <= int(until)]
        items = sorted(items, key=lambda p: int(p["id"].split("_")[1]), reverse=True)
        start, limit = int(params.get("after") or 0), int(params.get("limit") or 25)
        chunk = items[start : start + limit]
        paging: dict[str, Any] = {"cursors": {"before": str(start), "after": str(start + limit)}}
        if start + limit < len(items):
            paging["next"] = f"https://graph.facebook.com/{PAGE_ID}/feed?after={start + limit}"
        return {"data": [select(p, params.get("fields"), default) for p in chunk],
                "paging": paging}  # fmt: skip

    def list_blocked(self, node: str, params: dict[str, Any], req: Request) -> Any:
        return {"data": list(self.state.blocked.values())}

    def block(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_engagement")
        user = str(params.get("user") or params.get("uid") or params.get("psid") or "")
        if not user:
            raise GraphApiError(100, "(#100) The parameter user is required")
        name = next((c["from"]["name"] for c in self.state.comments.values()
                     if c["from"]["id"] == user), "")  # fmt: skip
        self.state.blocked[user] = {"id": user, "name": name}
        return {user: True}

    def unblock(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_engagement")
        self.state.blocked.pop(str(params.get("user") or params.get("uid") or ""), None)
        return {"success": True}

    def roles(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_metadata")
        return {"data": self.state.roles}

    def insights(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("read_insights")
        return page_insights(self.state, node, params)

    def post_insights(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("read_insights")
        return post_insights(self.state, node, params)

    def seed_insights(self, start: date, days: int, *, followers: int) -> None:
        """``days`` days of Page insights and posts with counters (seeded by the Page id)."""
        with self._lock:
            seed_insights(self.state, start, days, followers=followers)

    def send_message(self, node: str, params: dict[str, Any], req: Request) -> Any:
        """Send API. Refusals as Meta answers them: no such person (100/2018001), the
        24-hour window closed (10/2018278)."""
        self._need("pages_messaging")
        recipient = _json_param(params.get("recipient") or "{}")
        text = str((_json_param(params.get("message") or "{}")).get("text") or "")
        if params.get("messaging_type") not in ("RESPONSE", "UPDATE", "MESSAGE_TAG") or not text:
            raise GraphApiError(100, "(#100) Param messaging_type and message are required")
        psid = str(recipient.get("id") or "")
        message = self.state.inbox.owner_writes(psid, text, window_subcode=2018278)
        return {"recipient_id": psid, "message_id": message["mid"]}

    def subscribe_app(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_metadata")
        return {"success": True}

    # --- posts, photos and comments -------------------------------------------------------------

    def get_post(self, node: str, params: dict[str, Any], req: Request) -> Any:
        return select(self.state.posts[node], params.get("fields"), ("message", "created_time"))

    def delete_post(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_posts")
        del self.state.posts[node]
        return {"success": True}

    def delete_photo(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_posts")
        del self.state.photos[node]
        return {"success": True}

    def list_comments(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_read_engagement")
        stream = params.get("filter") == "stream"
        items = [c for c in self.state.comments.values() if c["post_id"] == node
                 and (stream or "parent" not in c)]  # fmt: skip
        if params.get("order") == "reverse_chronological":
            items.reverse()
        start, limit = int(params.get("after") or 0), int(params.get("limit") or 25)
        default = ("created_time", "from", "message")
        data = [select(c, params.get("fields"), default) for c in items[start : start + limit]]
        paging = {"cursors": {"before": str(start), "after": str(start + limit)}}
        return {"data": data, "paging": paging}

    def get_comment(self, node: str, params: dict[str, Any], req: Request) -> Any:
        default = ("created_time", "from", "message")
        return select(self.state.comments[node], params.get("fields"), default)

    def delete_comment(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_engagement")
        comment = self.state.comments.pop(node)
        self.state.notify("comment", "remove", post_id=comment["post_id"], comment_id=node)
        return {"success": True}

    def reply_comment(self, node: str, params: dict[str, Any], req: Request) -> Any:
        """``POST /{comment-id}/comments`` as the Page; a reply to a reply joins the
        top-level comment's thread (Facebook keeps one level of replies)."""
        self._need("pages_manage_engagement")
        comment = self.state.comments[node]
        message = str(params.get("message") or "")
        if not message.strip():
            raise GraphApiError(100, "(#100) The parameter message is required")
        top = comment.get("parent", {}).get("id") or node
        page = {"name": self.state.page["name"], "id": PAGE_ID}
        reply = self.state.add_comment(comment["post_id"], message, author=page, parent=top)
        return {"id": reply["id"]}

    def update_comment(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("pages_manage_engagement")
        comment = self.state.comments[node]
        if "is_hidden" in params:
            comment["is_hidden"] = _flag(params["is_hidden"])
        if "message" in params:
            comment["message"] = str(params["message"])
        return {"success": True}


ROUTES: dict[tuple[str, str, str], Handler] = {
    ("GET", "page", ""): FacebookEmulator.get_page,
    ("POST", "page", "feed"): FacebookEmulator.create_post,
    ("GET", "page", "feed"): FacebookEmulator.list_feed,
    ("GET", "page", "posts"): FacebookEmulator.list_feed,
    ("GET", "page", "published_posts"): FacebookEmulator.list_feed,
    ("GET", "page", "scheduled_posts"): FacebookEmulator.list_scheduled,
    ("POST", "page", "photos"): FacebookEmulator.create_photo,
    ("GET", "page", "blocked"): FacebookEmulator.list_blocked,
    ("POST", "page", "blocked"): FacebookEmulator.block,
    ("DELETE", "page", "blocked"): FacebookEmulator.unblock,
    ("GET", "page", "roles"): FacebookEmulator.roles,
    ("GET", "page", "insights"): FacebookEmulator.insights,
    ("POST", "page", "subscribed_apps"): FacebookEmulator.subscribe_app,
    ("POST", "page", "messages"): FacebookEmulator.send_message,
    ("GET", "post", ""): FacebookEmulator.get_post,
    ("DELETE", "post", ""): FacebookEmulator.delete_post,
    ("GET", "post", "comments"): FacebookEmulator.list_comments,
    ("GET", "post", "insights"): FacebookEmulator.post_insights,
    ("DELETE", "photo", ""): FacebookEmulator.delete_photo,
    ("GET", "comment", ""): FacebookEmulator.get_comment,
    ("DELETE", "comment", ""): FacebookEmulator.delete_comment,
    ("POST", "comment", ""): FacebookEmulator.update_comment,
    ("POST", "comment", "comments"): FacebookEmulator.reply_comment,
}
FacebookEmulator.routes = ROUTES


def make_app(seed: dict[str, Any] | None = None) -> FacebookEmulator:
    """A fresh emulator with the demo Page, ``DEMO_TOKEN`` and ``DEMO_APP_SECRET``."""
    refuse_seed(seed)
    return FacebookEmulator()


create_app = make_app
