"""Odnoklassniki emulator: the REST methods the connector uses."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .emulator_state import OKError, OKState

MAX_BLOCKS = 40  # VERIFY: OK's limit on media blocks per topic is not documented
MAX_TEXT = 65_536  # VERIFY: OK's text limit per topic is not documented


@dataclass
class Call:
    state: OKState
    uid: str
    permissions: set[str]
    params: dict[str, str]
    base_url: str

    def need(self, name: str) -> str:
        value = self.params.get(name)
        if not value:
            raise OKError(100, f"Missing required parameter {name}")
        return value

    def number(self, name: str, default: int) -> int:
        try:
            return int(self.params.get(name) or default)
        except ValueError:
            raise OKError(100, f"Invalid parameter {name}") from None

    def manager_of(self, gid: str) -> None:
        if "GROUP_CONTENT" not in self.permissions:
            raise OKError(10, "GROUP_CONTENT permission is required")
        if not self.state.is_manager(gid, self.uid):
            raise OKError(10, f"User {self.uid} is not a manager of group {gid}")


Handler = Callable[[Call], Any]
METHODS: dict[str, Handler] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        METHODS[name] = handler
        return handler

    return register


def _check_block(state: OKState, block: dict[str, Any]) -> dict[str, Any]:
    kind = block.get("type")
    if kind == "text":
        text = str(block.get("text", ""))
        if len(text) > MAX_TEXT:
            raise OKError(601, "Text is too long")
        if any(word in text.lower() for word in state.censored):
            raise OKError(454, "Text contains forbidden words")
        return {"type": "text", "text": text}
    if kind == "link":
        if not str(block.get("url", "")).startswith(("http://", "https://")):
            raise OKError(607, f"Bad link {block.get('url')}")
        return {"type": "link", "url": block["url"]}
    if kind == "photo":
        tokens = [str(p.get("id")) for p in block.get("list") or []]
        if not tokens or any(t not in state.photo_tokens for t in tokens):
            raise OKError(100, "Invalid photo token")
        return {
            "type": "photo",
            "photo_refs": [f"photo:{state.photo_tokens.pop(t)}" for t in tokens],
        }
    if kind == "poll":
        if not block.get("question") or len(block.get("answers") or []) < 2:
            raise OKError(100, "A poll needs a question and at least two answers")
        return {
            "type": "poll",
            "poll_ref": f"poll:{state.next_id()}",
            "question": block["question"],
            "answers": [{"text": a.get("text", "")} for a in block["answers"]],
            "options": block.get("options", "SingleChoice"),
        }
    raise OKError(100, f"Unknown media type {kind}")


@method("mediatopic.post")
def mediatopic_post(call: Call) -> str:
    gid = call.need("gid")
    if call.params.get("type") not in ("GROUP_THEME", "GROUP_THEME_PROMO"):
        raise OKError(100, "type must be GROUP_THEME with gid")
    call.manager_of(gid)
    try:
        attachment = json.loads(call.need("attachment"))
    except ValueError:
        raise OKError(100, "attachment is not valid JSON") from None
    blocks = attachment.get("media") or []
    if not blocks or len(blocks) > MAX_BLOCKS:
        raise OKError(600, f"{len(blocks)} media blocks")
    media = [_check_block(call.state, b) for b in blocks]
    at_ms = int(attachment.get("publishAtMs") or 0)
    topic = call.state.new_topic(
        gid, media, f"group:{gid}", at_ms if at_ms > call.state.now_ms() else None
    )
    topic["is_unpublished"] = at_ms > call.state.now_ms()
    return str(topic["id"])


def topic_view(state: OKState, topic: dict[str, Any]) -> dict[str, Any]:
    comments = [
        c for c in state.comments.values() if c["topic_id"] == topic["id"] and not c["deleted"]
    ]
    view = {k: topic[k] for k in ("id", "created_ms", "media", "author_ref", "owner_ref")}
    view |= {
        "discussion_summary": {"comments_count": len(comments) + topic.get("old_comments", 0)},
        "like_summary": {"count": topic.get("likes", 0)},
        "reshare_summary": {"count": topic.get("reshares", 0)},
    }
    if topic.get("is_unpublished"):
        view["is_unpublished"] = True
    return view


def _page(items: list[Any], call: Call, default: int) -> tuple[list[Any], str, bool]:
    start, count = call.number("anchor", 0), call.number("count", default)
    chunk = items[start : start + count]
    return chunk, str(start + len(chunk)), start + len(chunk) < len(items)


@method("mediatopic.getTopics")
def mediatopic_get_topics(call: Call) -> dict[str, Any]:
    gid = call.need("gid")
    call.state.group(gid)
    manager = call.state.is_manager(gid, call.uid)
    topics = [
        t
        for t in call.state.topics.values()
        if t["gid"] == gid and not t["deleted"] and (manager or not t.get("is_unpublished"))
    ]
    topics.sort(key=lambda t: (t["created_ms"], t["id"]), reverse=True)
    chunk, anchor, more = _page(topics, call, 20)
    return {
        "media_topics": [topic_view(call.state, t) for t in chunk],
        "anchor": anchor,
        "has_more": more,
    }


@method("mediatopic.deleteTopic")
def mediatopic_delete_topic(call: Call) -> dict[str, Any]:
    topic = call.state.topic(call.params.get("topic_id") or call.need("delete_id"))
    call.manager_of(topic["gid"])
    topic["deleted"] = True
    return {"success": True}


@method("photosV2.getUploadUrl")
def photos_get_upload_url(call: Call) -> dict[str, Any]:
    gid = call.need("gid")
    call.manager_of(gid)
    ids = [call.state.next_id() for _ in range(call.number("count", 1))]
    upload_id = call.state.next_id()
    call.state.uploads[upload_id] = {"gid": gid, "photo_ids": ids}
    return {
        "upload_url": f"{call.base_url}/upload/photos/{upload_id}",
        "photo_ids": ids,
        "expires_ms": call.state.now_ms() + 3_600_000,
    }


def receive_photos(state: OKState, upload_id: str, files: list[bytes]) -> dict[str, Any]:
    upload = state.uploads.pop(upload_id, None)
    if upload is None or not files or len(files) > len(upload["photo_ids"]):
        return OKError(100, "Invalid upload").body()
    photos = {}
    for photo_id, _content in zip(upload["photo_ids"], files, strict=False):
        token = state.next_id() + "tkn"
        state.photo_tokens[token] = photo_id
        photos[photo_id] = {"token": token}
    return {"photos": photos}


def comment_view(c: dict[str, Any]) -> dict[str, Any]:
    view = {
        "id": c["id"],
        "text": c["text"],
        "author_id": c["author_id"],
        "author_type": "USER",
        "date": c["date"],
        "like_count": 0,
        "liked_it": False,
    }
    if c.get("reply_to_comment_id"):
        view["reply_to_comment_id"] = c["reply_to_comment_id"]
    return view


@method("discussions.getComments")
def discussions_get_comments(call: Call) -> dict[str, Any]:
    if call.params.get("discussionType") != "GROUP_TOPIC":
        raise OKError(100, "discussionType")
    topic_id = call.need("discussionId")
    call.state.topic(topic_id)
    live = [
        c for c in call.state.comments.values() if c["topic_id"] == topic_id and not c["deleted"]
    ]
    chunk, anchor, more = _page(live, call, 20)
    authors = sorted({c["author_id"] for c in chunk})
    users = [
        {"uid": u, "name": call.state.users[u]["name"]} for u in authors if u in call.state.users
    ]
    return {
        "comments": [comment_view(c) for c in chunk],
        "anchor": anchor,
        "has_more": more,
        "entities": {"users": users},
    }


@method("discussions.deleteDiscussionComment")
def discussions_delete_comment(call: Call) -> bool:
    topic = call.state.topic(call.need("discussionId"))
    call.manager_of(topic["gid"])
    comment = call.state.comments.get(call.need("comment_id"))
    if comment is None or comment["deleted"] or comment["topic_id"] != topic["id"]:
        raise OKError(141, "Comment not found")
    comment["deleted"] = True
    if call.params.get("block_author") == "true":
        call.state.group(topic["gid"]).members[comment["author_id"]] = "BLOCKED"
    return True


@method("group.getInfo")
def group_get_info(call: Call) -> dict[str, Any]:
    """``uids`` and ``fields`` are both required; only the named fields come back."""
    gids = [g for g in call.need("uids").split(",") if g in call.state.groups]
    wanted = {f.strip().lower() for f in call.need("fields").split(",") if f.strip()}
    keys = {_GROUP_FIELDS.get(f, f) for f in wanted} | {"uid"}
    groups = [call.state.groups[g].as_ok() for g in gids]
    return {"groups": [{k: v for k, v in g.items() if k in keys} for g in groups]}


# group.getInfo ``fields`` names whose answer key is spelled differently
_GROUP_FIELDS = {"pic_avatar": "picAvatar"}


@method("group.getMembers")
def group_get_members(call: Call) -> dict[str, Any]:
    group = call.state.group(call.need("uid"))
    wanted = set((call.params.get("statuses") or "ADMIN,MODERATOR,ACTIVE").split(","))
    members = [{"userId": uid} for uid, status in group.members.items() if status in wanted]
    chunk, anchor, more = _page(members, call, 100)
    return {"members": chunk, "anchor": anchor, "has_more": more}


@method("users.getInfo")
def users_get_info(call: Call) -> list[dict[str, Any]]:
    uids = call.need("uids").split(",")
    if len(uids) > 100:
        raise OKError(100, "Invalid parameter uids: at most 100 ids")
    return [call.state.users[u] for u in uids if u in call.state.users]


@method("group.getStatTrends")
def group_get_stat_trends(call: Call) -> dict[str, Any]:
    gid = call.need("gid")
    call.manager_of(gid)
    start, end = call.number("start_time", 0), call.number("end_time", call.state.now_ms())
    days = sorted(d for d in call.state.group(gid).stats if start <= d < end)
    fields = [f.strip().lower() for f in call.need("fields").split(",") if f.strip()]
    stats = call.state.group(gid).stats
    return {f: [{"time": d, "value": stats[d][f]} for d in days if f in stats[d]] for f in fields}
