"""An Instagram Graph API (Facebook Login) emulator: two-step container publishing.

``POST /{ig-user-id}/media`` makes a container; ``GET /{container}?fields=status_code``
answers ``IN_PROGRESS`` (``state.processing_polls`` times) then ``FINISHED``;
``POST /{ig-user-id}/media_publish?creation_id=`` publishes it once (then the container is
``PUBLISHED``). Meta downloads the media from the given public URL: URLs put in
``state.unreachable`` make the container ``ERROR``. 50 published posts per 24 h.
Error codes 9004/2207052, 9007/2207027 and 9/2207042 are Meta's; answering a second
``media_publish`` of one container with code 100 is the emulator's choice (VERIFY).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ..emulation import Request, Sender, refuse_seed
from ..facebook.graph import GraphApiError, graph_time, no_object, select
from ..facebook.graph_app import GraphEmulator, Handler
from .insights import media_insights, seed_insights, user_insights
from .world import IG_USER_ID, QUOTA_TOTAL, QUOTA_WINDOW, InstagramWorld

COMMENT_DEFAULT = ("timestamp", "text")


def _within(timestamp: str, params: dict[str, Any]) -> bool:
    """``since`` / ``until`` (Unix time) of the media edge."""
    moment = datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%S%z").timestamp()
    since, until = params.get("since"), params.get("until")
    return (not since or moment >= int(since)) and (not until or moment <= int(until))


def _json(value: Any) -> dict[str, Any]:
    return dict(json.loads(value)) if isinstance(value, str) and value else dict(value or {})


class InstagramEmulator(GraphEmulator):
    state: InstagramWorld

    def __init__(self, *, clock: Callable[[], float] | None = None,
                 sender: Sender | None = None) -> None:  # fmt: skip
        super().__init__(InstagramWorld(clock) if clock else InstagramWorld(), sender)

    def _auth(self, req: Request, params: dict[str, Any]) -> None:
        token = params.get("access_token") or req.headers.get("Authorization", "").partition(" ")[2]
        if not token or not hmac.compare_digest(str(token), self.state.token):
            raise GraphApiError(190, "Invalid OAuth access token - Cannot parse access token")
        expires = self.state.token_expires_at
        if expires is not None and expires < self.state.now():
            raise GraphApiError(190, "Error validating access token: Session has expired on "
                                f"{graph_time(expires)}.", 463)  # fmt: skip

    def _need(self, scope: str) -> None:
        if scope not in self.state.scopes:
            raise GraphApiError(10, f"(#10) Application does not have permission for this "
                                f"action ({scope})")  # fmt: skip

    def _kind(self, node: str) -> str:
        if node in (IG_USER_ID, "me"):
            return "user"
        for kind, store in (("container", self.state.containers), ("media", self.state.media),
                            ("comment", self.state.comments)):  # fmt: skip
            if node in store:
                return kind
        raise no_object(node)

    # --- the account ----------------------------------------------------------------------------

    def get_user(self, node: str, params: dict[str, Any], req: Request) -> Any:
        return select(self.state.user, params.get("fields"), ("id",))

    def create_container(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("instagram_content_publish")
        media_type = str(params.get("media_type") or "IMAGE").upper()
        caption = str(params.get("caption") or "")
        if media_type == "CAROUSEL":
            return {"id": self._carousel(params, caption)["id"]}
        field = "image_url" if media_type == "IMAGE" else "video_url"
        url = str(params.get(field) or "")
        if not url:
            raise GraphApiError(100, f"(#100) The parameter {field} is required.")
        if not url.startswith(("http://", "https://")):
            raise GraphApiError(9004, "Media download has failed. The media URI doesn't meet "
                                "our requirements.", 2207052)  # fmt: skip
        carousel_item = str(params.get("is_carousel_item", "")).lower() == "true"
        container = self.state.add_container(media_type, url, caption,
                                             is_carousel_item=carousel_item)  # fmt: skip
        return {"id": container["id"]}

    def _carousel(self, params: dict[str, Any], caption: str) -> dict[str, Any]:
        children = [c for c in str(params.get("children") or "").split(",") if c]
        items = [self.state.containers.get(c) for c in children]
        if not 2 <= len(children) <= 10 or not all(i and i["is_carousel_item"] for i in items):
            raise GraphApiError(100, "(#100) children must be 2-10 carousel item containers")
        return self.state.add_container("CAROUSEL", "", caption, children=children,
                                        is_carousel_item=False)  # fmt: skip

    def publish(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("instagram_content_publish")
        container = self.state.containers.get(str(params.get("creation_id") or ""))
        if container is None:
            raise GraphApiError(100, "(#100) Param creation_id is not a valid container id")
        if self.state.quota_usage() >= QUOTA_TOTAL:
            raise GraphApiError(9, "Application request limit reached", 2207042)
        if container["status_code"] == "PUBLISHED":
            raise GraphApiError(100, "(#100) The media container has already been published")
        if self._status(container) != "FINISHED":
            raise GraphApiError(9007, "Media ID is not available", 2207027)
        return {"id": self.state.publish(container)["id"]}

    def _status(self, container: dict[str, Any]) -> str:
        """Processing ends after ``processing_polls`` status reads of the container; a
        carousel fails when one of its items failed."""
        if container["status_code"] == "IN_PROGRESS":
            if container["polls"] >= self.state.processing_polls:
                children = [self.state.containers[c] for c in container.get("children", [])]
                failed = any(c["status_code"] == "ERROR" for c in children)
                container["status_code"] = "ERROR" if failed else "FINISHED"
        return str(container["status_code"])

    def list_media(self, node: str, params: dict[str, Any], req: Request) -> Any:
        items = sorted(self.state.media.values(), key=lambda m: m["id"], reverse=True)
        items = [m for m in items if _within(m["timestamp"], params)]
        start, limit = int(params.get("after") or 0), int(params.get("limit") or 25)
        data = [select(m, params.get("fields"), ("id",)) for m in items[start : start + limit]]
        return {"data": data, "paging": {"cursors": {"before": str(start),
                                                     "after": str(start + limit)}}}  # fmt: skip

    def insights(self, node: str, params: dict[str, Any], req: Request) -> Any:
        return user_insights(self.state, node, params)

    def media_insights(self, node: str, params: dict[str, Any], req: Request) -> Any:
        return media_insights(self.state, node, params)

    def seed_insights(self, start: date, days: int, *, followers: int) -> None:
        """``days`` days of account insights and media with counters (seeded by the id)."""
        with self._lock:
            seed_insights(self.state, start, days, followers=followers)

    def publishing_limit(self, node: str, params: dict[str, Any], req: Request) -> Any:
        config = {"quota_total": QUOTA_TOTAL, "quota_duration": QUOTA_WINDOW}
        return {"data": [{"quota_usage": self.state.quota_usage(), "config": config}]}

    def send_message(self, node: str, params: dict[str, Any], req: Request) -> Any:
        """Messenger-platform send for Instagram: no such person 100/2018001, the 24-hour
        window closed 10/2534022."""
        self._need("instagram_manage_messages")
        recipient = _json(params.get("recipient"))
        text = str(_json(params.get("message")).get("text") or "")
        if not text:
            raise GraphApiError(100, "(#100) Param message must be non-empty")
        igsid = str(recipient.get("id") or "")
        message = self.state.inbox.owner_writes(igsid, text, window_subcode=2534022)
        return {"recipient_id": igsid, "message_id": message["mid"]}

    # --- containers, media, comments -------------------------------------------------------

    def get_container(self, node: str, params: dict[str, Any], req: Request) -> Any:
        container = self.state.containers[node]
        status = self._status(container)
        container["polls"] += 1
        answer = {"status_code": status, "id": node}
        if status == "ERROR":
            answer["status"] = "Error: Media download has failed. (2207052)"
        return answer

    def get_media(self, node: str, params: dict[str, Any], req: Request) -> Any:
        return select(self.state.media[node], params.get("fields"), ("id",))

    def delete_media(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("instagram_content_publish")
        del self.state.media[node]
        self.state.user["media_count"] -= 1
        return {"success": True}

    def list_comments(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("instagram_manage_comments")
        top = [c for c in self.state.comments.values()
               if c["media_id"] == node and "parent_id" not in c]  # fmt: skip
        return {"data": [self._comment(c, params.get("fields")) for c in top]}

    def _comment(self, comment: dict[str, Any], fields: str | None) -> dict[str, Any]:
        out = select(comment, fields, COMMENT_DEFAULT)
        if fields and "replies" in fields:
            replies = [select(r, "id,text,timestamp,username,from,hidden,parent_id", ())
                       for r in self.state.comments.values()
                       if r.get("parent_id") == comment["id"]]  # fmt: skip
            out["replies"] = {"data": replies}
        return out

    def delete_comment(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("instagram_manage_comments")
        del self.state.comments[node]
        return {"success": True}

    def reply_comment(self, node: str, params: dict[str, Any], req: Request) -> Any:
        """``POST /{ig-comment-id}/replies``: only on top-level, visible comments."""
        self._need("instagram_manage_comments")
        comment = self.state.comments[node]
        if "parent_id" in comment:
            raise GraphApiError(100, "(#100) Replies can only be made to top-level comments")
        if comment["hidden"]:
            raise GraphApiError(100, "(#100) Cannot reply to a hidden comment")
        message = str(params.get("message") or "")
        if not message.strip():
            raise GraphApiError(100, "(#100) The parameter message is required")
        own = self.state.user["username"]
        reply = self.state.add_comment(comment["media_id"], message, username=own, parent=node)
        return {"id": reply["id"]}

    def hide_comment(self, node: str, params: dict[str, Any], req: Request) -> Any:
        self._need("instagram_manage_comments")
        self.state.comments[node]["hidden"] = str(params.get("hide")).lower() == "true"
        return {"success": True}


ROUTES: dict[tuple[str, str, str], Handler] = {
    ("GET", "user", ""): InstagramEmulator.get_user,
    ("POST", "user", "media"): InstagramEmulator.create_container,
    ("POST", "user", "media_publish"): InstagramEmulator.publish,
    ("GET", "user", "media"): InstagramEmulator.list_media,
    ("GET", "user", "content_publishing_limit"): InstagramEmulator.publishing_limit,
    ("POST", "user", "messages"): InstagramEmulator.send_message,
    ("GET", "container", ""): InstagramEmulator.get_container,
    ("GET", "media", ""): InstagramEmulator.get_media,
    ("DELETE", "media", ""): InstagramEmulator.delete_media,
    ("GET", "media", "comments"): InstagramEmulator.list_comments,
    ("GET", "user", "insights"): InstagramEmulator.insights,
    ("GET", "media", "insights"): InstagramEmulator.media_insights,
    ("DELETE", "comment", ""): InstagramEmulator.delete_comment,
    ("POST", "comment", ""): InstagramEmulator.hide_comment,
    ("POST", "comment", "replies"): InstagramEmulator.reply_comment,
}
InstagramEmulator.routes = ROUTES


def make_app(seed: dict[str, Any] | None = None) -> InstagramEmulator:
    """A fresh emulator with the demo professional account and ``DEMO_TOKEN``."""
    refuse_seed(seed)
    return InstagramEmulator()


create_app = make_app
