"""VK emulator: wall.* and polls.create (shapes per VKCOM/vk-api-schema wall/objects.json)."""

from __future__ import annotations

import json
import re
from typing import Any

from .emulator_calls import Call, method
from .emulator_groups import profile
from .emulator_state import VKError, VKState

GUID_WINDOW = 3600.0  # VERIFY: VK's dedup window for wall.post guid is not documented
_ATTACH_RE = re.compile(r"^(photo|video|poll)(-?\d+)_(\d+)$")


def new_post(
    state: VKState, owner_id: int, from_id: int, text: str, **extra: Any
) -> dict[str, Any]:
    post_id = state.next_id()
    post: dict[str, Any] = {
        "id": post_id,
        "owner_id": owner_id,
        "from_id": from_id,
        "created_by": extra.pop("created_by", from_id),
        "date": extra.pop("date", state.now()),
        "marked_as_ads": 0,
        "post_type": "post",
        "text": text,
        "can_edit": 1,
        "can_delete": 1,
        "can_pin": 1,
        "attachments": [],
        "post_source": {"type": "api"},
        "comments": {"count": 0, "can_post": 1, "groups_can_post": True},
        "likes": {"count": 0, "user_likes": 0, "can_like": 1, "can_publish": 1},
        "reposts": {"count": 0, "user_reposted": 0},
        "views": {"count": 0},
        "is_favorite": False,
        "hash": state.secret_hex("post", owner_id)[:14],
    }
    post.update(extra)
    state.posts[(owner_id, post_id)] = post
    return post


def _attachment(state: VKState, spec: str) -> dict[str, Any]:
    if spec.startswith(("http://", "https://")):
        return {
            "type": "link",
            "link": {"url": spec, "title": spec, "caption": "", "description": ""},
        }
    match = _ATTACH_RE.match(spec)
    store = {"photo": state.photos, "video": state.videos, "poll": state.polls}
    if not match or (int(match[2]), int(match[3])) not in store[match[1]]:
        raise VKError(
            100, f"One of the parameters specified was missing or invalid: attachments {spec}"
        )
    return {"type": match[1], match[1]: store[match[1]][(int(match[2]), int(match[3]))]}


def _attachments(state: VKState, raw: str) -> list[dict[str, Any]]:
    items = [_attachment(state, s.strip()) for s in raw.split(",") if s.strip()]
    if sum(1 for a in items if a["type"] == "link") > 1:
        raise VKError(100, "One of the parameters specified was missing or invalid: only one link")
    if sum(1 for a in items if a["type"] == "poll") > 1:
        raise VKError(100, "One of the parameters specified was missing or invalid: only one poll")
    return items


def _guid_hit(call: Call, owner_id: int, guid: str) -> int | None:
    hit = call.state.guids.get((owner_id, guid))
    if hit and call.state.clock() - hit[1] < GUID_WINDOW:
        return hit[0]
    return None


@method("wall.post", scope="wall")
def wall_post(call: Call) -> dict[str, Any]:
    owner_id = call.number("owner_id", call.user_id())
    if owner_id < 0:
        call.require_role(owner_id, 2, code=214)
    guid = call.params.get("guid", "")
    with call.state.lock:
        if guid and (existing := _guid_hit(call, owner_id, guid)) is not None:
            return {"post_id": existing}
        attachments = _attachments(call.state, call.params.get("attachments", ""))
        text = call.params.get("message", "")
        if not text and not attachments:
            raise VKError(
                100, "One of the parameters specified was missing or invalid: message is empty"
            )
        publish_date = call.number("publish_date", 0)
        scheduled = publish_date > call.state.now()
        from_id = owner_id if call.flag("from_group") else call.user_id()
        post = new_post(
            call.state,
            owner_id,
            from_id,
            text,
            attachments=attachments,
            created_by=call.user_id(),
            post_type="postpone" if scheduled else "post",
            date=publish_date if scheduled else call.state.now(),
        )
        if guid:
            call.state.guids[(owner_id, guid)] = (post["id"], call.state.clock())
    if not scheduled and owner_id < 0:
        call.emit(-owner_id, "wall_post_new", post)
    return {"post_id": post["id"]}


def publish_due(state: VKState, emit: Any) -> None:
    """Deferred posts whose time has come become ordinary posts (as VK does)."""
    now = state.now()
    for (owner_id, _), post in list(state.posts.items()):
        if post["post_type"] == "postpone" and post["date"] <= now and not post.get("is_deleted"):
            post["post_type"] = "post"
            if owner_id < 0:
                emit(-owner_id, "wall_post_new", post)


@method("wall.delete", scope="wall")
def wall_delete(call: Call) -> int:
    owner_id, post_id = call.number("owner_id"), call.number("post_id")
    if owner_id < 0:
        call.require_role(owner_id, 2)
    call.state.post(owner_id, post_id)["is_deleted"] = True
    return 1


@method("wall.repost", scope="wall")
def wall_repost(call: Call) -> dict[str, Any]:
    match = re.fullmatch(r"wall(-?\d+)_(\d+)", call.text("object"))
    if not match:
        raise VKError(100, "One of the parameters specified was missing or invalid: object")
    original = call.state.post(int(match[1]), int(match[2]))
    group_id = call.number("group_id", 0)
    owner_id = -group_id if group_id else call.user_id()
    if group_id:
        call.require_role(group_id, 2)
    copy = {
        k: original[k]
        for k in (
            "id",
            "owner_id",
            "from_id",
            "date",
            "post_type",
            "text",
            "attachments",
            "post_source",
        )
    }
    post = new_post(
        call.state,
        owner_id,
        owner_id,
        call.params.get("message", ""),
        copy_history=[copy],
        created_by=call.user_id(),
    )
    original["reposts"]["count"] += 1
    if group_id:
        call.emit(group_id, "wall_repost", post)
    return {
        "success": 1,
        "post_id": post["id"],
        "reposts_count": original["reposts"]["count"],
        "wall_repost_count": original["reposts"]["count"],
        "mail_repost_count": 0,
        "likes_count": original["likes"]["count"],
    }


@method("wall.get", tokens=("user", "service"))
def wall_get(call: Call) -> dict[str, Any]:
    owner_id = call.number("owner_id", call.user_id())
    wall_filter = call.params.get("filter", "all")
    if wall_filter == "postponed" and owner_id < 0:
        call.require_role(owner_id, 2)
    posts = [
        p for (o, _), p in call.state.posts.items() if o == owner_id and not p.get("is_deleted")
    ]
    wanted = _by_filter(posts, owner_id, wall_filter)
    wanted.sort(key=lambda p: (p["date"], p["id"]), reverse=True)
    offset, count = call.number("offset", 0), min(call.number("count", 20), 100)
    answer: dict[str, Any] = {"count": len(wanted), "items": wanted[offset : offset + count]}
    if call.flag("extended"):
        answer |= authors(call, answer["items"])
    return answer


def authors(call: Call, items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """``extended=1``: the users and communities the items mention, with ``fields``."""
    ids = {i for item in items for i in (item.get("from_id"), item.get("owner_id"),
                                          item.get("signer_id")) if i}  # fmt: skip
    fields = call.params.get("fields", "")
    return {
        "profiles": [profile(call.state.users[i], fields, call.base_url)
                     for i in sorted(ids) if i > 0 and i in call.state.users],
        "groups": [call.state.communities[-i].as_vk()
                   for i in sorted(ids) if i < 0 and -i in call.state.communities],
    }  # fmt: skip


def _by_filter(
    posts: list[dict[str, Any]], owner_id: int, wall_filter: str
) -> list[dict[str, Any]]:
    if wall_filter == "postponed":
        return [p for p in posts if p["post_type"] == "postpone"]
    visible = [p for p in posts if p["post_type"] != "postpone"]
    if wall_filter == "owner":
        return [p for p in visible if p["from_id"] == owner_id]
    if wall_filter == "others":
        return [p for p in visible if p["from_id"] != owner_id]
    return visible


def comment_view(state: VKState, c: dict[str, Any]) -> dict[str, Any]:
    if c.get("deleted"):
        return {
            "id": c["id"],
            "from_id": c["from_id"],
            "date": c["date"],
            "text": "",
            "post_id": c["post_id"],
            "owner_id": c["owner_id"],
            "parents_stack": c["parents_stack"],
            "deleted": True,
        }
    return {k: v for k, v in c.items() if k != "deleted"}


@method("wall.getComments", tokens=("user", "service"))
def wall_get_comments(call: Call) -> dict[str, Any]:
    owner_id, post_id = call.number("owner_id"), call.number("post_id")
    call.state.post(owner_id, post_id)
    mine = [
        c
        for (o, _), c in sorted(call.state.comments.items())
        if o == owner_id and c["post_id"] == post_id
    ]
    top = [c for c in mine if not c["parents_stack"] and _visible(c, mine)]
    if call.params.get("sort") == "desc":
        top.reverse()
    offset, count = call.number("offset", 0), min(call.number("count", 10), 100)
    per_thread = min(call.number("thread_items_count", 0), 10)
    items = [_with_thread(call.state, c, mine, per_thread) for c in top[offset : offset + count]]
    live = [c for c in mine if not c.get("deleted")]
    response: dict[str, Any] = {
        "count": len(live),
        "current_level_count": len(top),
        "items": items,
        "can_post": True,
        "show_reply_button": True,
        "groups_can_post": True,
    }
    if call.flag("extended"):
        authors = {c["from_id"] for c in mine}
        response["profiles"] = [
            call.state.users[a] for a in sorted(authors) if a in call.state.users
        ]
        response["groups"] = [
            call.state.communities[-a].as_vk()
            for a in sorted(authors)
            if a < 0 and -a in call.state.communities
        ]
    return response


def _visible(c: dict[str, Any], mine: list[dict[str, Any]]) -> bool:
    """Deleted comments stay in the list only while they have live replies (as on VK)."""
    if not c.get("deleted"):
        return True
    return any(c["id"] in r["parents_stack"] and not r.get("deleted") for r in mine)


def _with_thread(
    state: VKState, c: dict[str, Any], mine: list[dict[str, Any]], n: int
) -> dict[str, Any]:
    replies = [r for r in mine if c["id"] in r["parents_stack"] and not r.get("deleted")]
    view = comment_view(state, c)
    view["thread"] = {
        "count": len(replies),
        "items": [comment_view(state, r) for r in replies[:n]],
        "can_post": True,
        "show_reply_button": True,
        "groups_can_post": True,
    }
    return view


def new_comment(
    state: VKState,
    owner_id: int,
    post_id: int,
    from_id: int,
    text: str,
    reply_to: int | None = None,
) -> dict[str, Any]:
    post = state.post(owner_id, post_id)
    comment_id = state.next_id()
    comment = {
        "id": comment_id,
        "from_id": from_id,
        "post_id": post_id,
        "owner_id": owner_id,
        "parents_stack": [reply_to] if reply_to else [],
        "date": state.now(),
        "text": text,
        "attachments": [],
        "likes": {"count": 0, "user_likes": 0, "can_like": 1},
        "deleted": False,
    }
    if reply_to:
        comment["reply_to_comment"] = reply_to
        comment["reply_to_user"] = state.comment(owner_id, reply_to)["from_id"]
    state.comments[(owner_id, comment_id)] = comment
    post["comments"]["count"] += 1
    return comment


@method("wall.createComment", tokens=("user", "group"), scope="wall")
def wall_create_comment(call: Call) -> dict[str, Any]:
    owner_id = call.number("owner_id")
    from_id = -call.number("from_group") if call.params.get("from_group") else call.user_id()
    comment = new_comment(
        call.state,
        owner_id,
        call.number("post_id"),
        from_id,
        call.text("message"),
        call.number("reply_to_comment", 0) or None,
    )
    if owner_id < 0:
        call.emit(-owner_id, "wall_reply_new", comment_view(call.state, comment))
    return {"comment_id": comment["id"], "parents_stack": comment["parents_stack"]}


@method("wall.deleteComment", scope="wall")
def wall_delete_comment(call: Call) -> int:
    owner_id = call.number("owner_id")
    call.require_role(owner_id, 1, code=211)
    comment = call.state.comment(owner_id, call.number("comment_id"))
    if comment.get("deleted"):
        raise VKError(211, "Access to wall's comment denied")
    comment["deleted"] = True
    call.emit(
        -owner_id,
        "wall_reply_delete",
        {
            "owner_id": owner_id,
            "id": comment["id"],
            "user_id": call.user_id(),
            "deleter_id": call.user_id(),
            "post_id": comment["post_id"],
        },
    )
    return 1


@method("wall.restoreComment", scope="wall")
def wall_restore_comment(call: Call) -> int:
    owner_id = call.number("owner_id")
    call.require_role(owner_id, 1, code=211)
    comment = call.state.comment(owner_id, call.number("comment_id"))
    if not comment.get("deleted"):
        raise VKError(243, "Comment has not been deleted")
    comment["deleted"] = False
    call.emit(-owner_id, "wall_reply_restore", comment_view(call.state, comment))
    return 1


@method("polls.create", scope="wall")
def polls_create(call: Call) -> dict[str, Any]:
    owner_id = call.number("owner_id", call.user_id())
    try:
        answers = json.loads(call.text("add_answers"))
    except ValueError:
        raise VKError(
            100, "One of the parameters specified was missing or invalid: add_answers"
        ) from None
    poll_id = call.state.next_id()
    poll = {
        "id": poll_id,
        "owner_id": owner_id,
        "created": call.state.now(),
        "question": call.text("question"),
        "votes": 0,
        "answers": [
            {"id": call.state.next_id(), "rate": 0.0, "text": str(a), "votes": 0} for a in answers
        ],
        "anonymous": call.flag("is_anonymous"),
        "multiple": call.flag("is_multiple"),
        "answer_ids": [],
        "end_date": call.number("end_date", 0),
        "closed": False,
        "is_board": False,
        "can_edit": True,
        "can_vote": True,
        "can_report": False,
        "can_share": True,
        "author_id": call.user_id(),
    }
    call.state.polls[(owner_id, poll_id)] = poll
    return poll
