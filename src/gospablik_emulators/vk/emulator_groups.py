"""VK emulator: groups.*, photos.*, video.save, stats.get, messages.send."""

from __future__ import annotations

import json
from typing import Any

from .emulator_calls import Call, method
from .emulator_state import CallbackServer, VKError, VKState


def make_upload(call: Call, kind: str, group_id: int) -> str:
    upload_id = call.state.secret_hex("upload", kind, group_id)[:16]
    call.state.uploads[upload_id] = {"kind": kind, "group_id": group_id, "user_id": call.user_id()}
    return f"{call.base_url}/upload/{kind}/{upload_id}"


def receive_upload(state: VKState, upload_id: str, filename: str, content: bytes) -> dict[str, Any]:
    """What the upload server answers to the multipart POST (per kind, as VK does)."""
    upload = state.uploads.get(upload_id)
    if upload is None:
        return {"error": "ERR_UPLOAD_BAD_URL: upload url expired"}
    if not content:
        return {"error": "ERR_UPLOAD_FILE_NOT_UPLOADED: file is empty"}
    upload.update(
        filename=filename, size=len(content), hash=state.secret_hex("hash", upload_id)[:32]
    )
    upload["photo"] = json.dumps([{"photo": upload["hash"][:10], "sizes": [], "kid": upload_id}])
    if upload["kind"] == "video":
        return {
            "size": len(content),
            "video_id": upload["video_id"],
            "owner_id": upload["owner_id"],
            "video_hash": upload["hash"],
        }
    if upload["kind"] == "cover":
        return {"hash": upload["hash"], "photo": upload["photo"]}
    return {"server": 123456, "photo": upload["photo"], "hash": upload["hash"]}


def _take_upload(call: Call, kind: str) -> dict[str, Any]:
    for upload_id, upload in list(call.state.uploads.items()):
        if upload["kind"] == kind and upload.get("hash") == call.params.get("hash"):
            if upload.get("photo") != call.params.get("photo"):
                break
            del call.state.uploads[upload_id]
            return upload
    raise VKError(121, "Invalid hash")


def _sizes(url: str) -> list[dict[str, Any]]:
    return [
        {"type": t, "url": f"{url}?size={t}", "width": w, "height": h}
        for t, w, h in (("s", 75, 56), ("m", 130, 97), ("x", 604, 453))
    ]


@method("photos.getWallUploadServer", scope="photos")
def photos_get_wall_upload_server(call: Call) -> dict[str, Any]:
    group_id = call.number("group_id")
    call.require_role(group_id, 2)
    return {
        "album_id": -14,
        "upload_url": make_upload(call, "photo", group_id),
        "user_id": call.user_id(),
    }


@method("photos.saveWallPhoto", scope="photos")
def photos_save_wall_photo(call: Call) -> list[dict[str, Any]]:
    upload = _take_upload(call, "photo")
    owner_id, photo_id = -upload["group_id"], call.state.next_id()
    photo = {
        "id": photo_id,
        "album_id": -14,
        "owner_id": owner_id,
        "user_id": 100,
        "date": call.state.now(),
        "sizes": _sizes(f"{call.base_url}/media/photo{owner_id}_{photo_id}.jpg"),
        "text": call.params.get("caption", ""),
        "has_tags": False,
        "access_key": upload["hash"][:18],
    }
    call.state.photos[(owner_id, photo_id)] = photo
    return [photo]


@method("photos.getOwnerCoverPhotoUploadServer", tokens=("user", "group"), scope="photos")
def photos_get_cover_upload_server(call: Call) -> dict[str, Any]:
    group_id = call.number("group_id")
    call.require_role(group_id, 3)
    return {"upload_url": make_upload(call, "cover", group_id)}


@method("photos.saveOwnerCoverPhoto", tokens=("user", "group"), scope="photos")
def photos_save_cover(call: Call) -> dict[str, Any]:
    upload = _take_upload(call, "cover")
    community = call.state.community(upload["group_id"])
    base = f"{call.base_url}/media/cover{community.id}_{call.state.next_id()}.jpg"
    community.cover_images = [
        {"url": f"{base}?w={w}", "width": w, "height": h}
        for w, h in ((200, 50), (400, 101), (795, 200), (1590, 400))
    ]
    return {"images": community.cover_images}


@method("video.save", scope="video")
def video_save(call: Call) -> dict[str, Any]:
    group_id = call.number("group_id", 0)
    if group_id:
        call.require_role(group_id, 2)
    owner_id = -group_id if group_id else call.user_id()
    video_id = call.state.next_id()
    title = call.params.get("name", "")
    url = make_upload(call, "video", group_id)
    call.state.uploads[url.rsplit("/", 1)[1]].update(video_id=video_id, owner_id=owner_id)
    call.state.videos[(owner_id, video_id)] = {
        "id": video_id,
        "owner_id": owner_id,
        "title": title,
        "description": call.params.get("description", ""),
        "duration": 0,
        "date": call.state.now(),
    }
    return {
        "access_key": call.state.secret_hex("video")[:18],
        "description": call.params.get("description", ""),
        "owner_id": owner_id,
        "title": title,
        "upload_url": url,
        "video_id": video_id,
    }


@method("groups.ban", scope="groups")
def groups_ban(call: Call) -> int:
    group_id, owner_id = call.number("group_id"), call.number("owner_id")
    call.require_role(group_id, 1)
    community = call.state.community(group_id)
    if owner_id in community.managers:
        raise VKError(15, "Access denied: can not ban a community manager")
    info = {
        "admin_id": call.user_id(),
        "date": call.state.now(),
        "end_date": call.number("end_date", 0),
        "reason": call.number("reason", 0),
        "comment": call.params.get("comment", ""),
        "comment_visible": call.flag("comment_visible"),
    }
    community.bans[owner_id] = info
    call.emit(
        group_id,
        "user_block",
        {
            "admin_id": call.user_id(),
            "user_id": owner_id,
            "unblock_date": info["end_date"],
            "reason": info["reason"],
            "comment": info["comment"],
        },
    )
    return 1


@method("groups.unban", scope="groups")
def groups_unban(call: Call) -> int:
    group_id = call.number("group_id")
    call.require_role(group_id, 1)
    call.state.community(group_id).bans.pop(call.number("owner_id"), None)
    return 1


@method("groups.getBanned", tokens=("user", "group"), scope="groups")
def groups_get_banned(call: Call) -> dict[str, Any]:
    group_id = call.number("group_id")
    call.require_role(group_id, 1)
    bans = call.state.community(group_id).bans
    items = [
        {"type": "profile", "profile": call.state.users.get(uid, {"id": uid}), "ban_info": info}
        for uid, info in bans.items()
    ]
    return {"count": len(items), "items": items}


@method("groups.getById", tokens=("user", "group", "service"))
def groups_get_by_id(call: Call) -> dict[str, Any]:
    ids = call.params.get("group_ids") or call.params.get("group_id")
    if not ids and call.token.kind == "group":
        ids = str(call.token.owner_id)
    if not ids:
        raise VKError(100, "One of the parameters specified was missing or invalid: group_ids")
    communities = [call.state.community(g) for g in ids.split(",")]
    groups = [c.as_vk() | c.passport_fields() for c in communities]
    return {"groups": groups, "profiles": []}


@method("groups.getMembers", tokens=("user", "group", "service"), scope="groups")
def groups_get_members(call: Call) -> dict[str, Any]:
    group_id = call.number("group_id")
    community = call.state.community(group_id)
    fields = call.params.get("fields", "")
    if call.params.get("filter") != "managers":
        # ids only, or user objects when ``fields`` is given (VK's two answer shapes)
        people = sorted(community.members | set(community.managers))
        known = [call.state.users[u] for u in people if u in call.state.users]
        offset, count = call.number("offset", 0), min(call.number("count", 1000), 1000)
        page = known[offset : offset + count]
        if fields:
            return {"count": community.members_count,
                    "items": [profile(u, fields, call.base_url) for u in page]}  # fmt: skip
        return {"count": community.members_count, "items": [u["id"] for u in page]}
    call.require_role(group_id, 1)
    items = []
    for uid, role in community.managers.items():
        user = call.state.users.get(uid, {"id": uid})
        person = profile(user, fields, call.base_url) if fields else {"id": uid}
        items.append(person | {"role": role, "permissions": []})
    return {"count": len(items), "items": items}


@method("groups.getLongPollServer", tokens=("user", "group"), scope="groups")
def groups_get_long_poll_server(call: Call) -> dict[str, Any]:
    group_id = call.number("group_id")
    call.require_role(group_id, 3)
    community = call.state.community(group_id)
    return {
        "key": community.lp_key,
        "server": f"{call.base_url}/longpoll/{group_id}",
        "ts": str(len(community.events)),
    }


@method("groups.getCallbackConfirmationCode", tokens=("user", "group"), scope="groups")
def groups_get_confirmation_code(call: Call) -> dict[str, Any]:
    group_id = call.number("group_id")
    call.require_role(group_id, 3)
    return {"code": call.state.community(group_id).confirmation_code}


@method("groups.addCallbackServer", tokens=("user", "group"), scope="groups")
def groups_add_callback_server(call: Call) -> dict[str, Any]:
    group_id = call.number("group_id")
    call.require_role(group_id, 3)
    community = call.state.community(group_id)
    if len(community.callback_servers) >= 10:
        raise VKError(2000, "Servers number limit is reached")
    community.callback_servers.append(
        CallbackServer(call.text("url"), call.params.get("secret_key", ""))
    )
    return {"server_id": len(community.callback_servers)}


@method("stats.get", scope="stats")
def stats_get(call: Call) -> list[dict[str, Any]]:
    group_id = call.number("group_id")
    call.require_role(group_id, 2)
    start, end = call.number("timestamp_from", 0), call.number("timestamp_to", call.state.now())
    days = sorted(d for d in call.state.community(group_id).stats if start <= d < end)
    stats = call.state.community(group_id).stats
    return [_period(day, stats[day]) for day in reversed(days)]


def _period(day: int, s: dict[str, int]) -> dict[str, Any]:
    return {
        "period_from": day,
        "period_to": day + 86400,
        "activity": {
            "subscribed": s.get("subscribed", 0),
            "unsubscribed": s.get("unsubscribed", 0),
            "comments": s.get("comments", 0),
            "likes": s.get("likes", 0),
            "copies": s.get("copies", 0),
            "hidden": 0,
        },
        "reach": {
            "reach": s.get("reach", 0),
            "reach_subscribers": s.get("reach_subscribers", 0),
            "mobile_reach": 0,
        },
        "visitors": {
            "views": s.get("views", 0),
            "visitors": s.get("visitors", 0),
            "mobile_views": 0,
        },
    }


@method("messages.send", tokens=("group",), scope="messages")
def messages_send(call: Call) -> Any:
    """As the community, to ``peer_id`` / ``user_id`` (an id), or ``peer_ids`` (up to 100;
    the answer is then a list). A repeated non-zero ``random_id`` returns the first
    message's id; ``random_id=0`` turns that check off."""
    group_id, random_id = call.token.owner_id, call.number("random_id")
    if not call.params.get("message") and not call.params.get("attachment"):
        raise VKError(100, "One of the parameters specified was missing or invalid: message")
    if call.params.get("peer_ids"):
        peers = [int(p) for p in call.params["peer_ids"].split(",") if p.strip()][:100]
        return [_send_to_peer(call, group_id, peer, random_id) for peer in peers]
    peer = call.number("peer_id", call.number("user_id", 0))
    if not peer:
        raise VKError(100, "One of the parameters specified was missing or invalid: peer_id")
    answer = _send_to_peer(call, group_id, peer, random_id)
    if "error" in answer:
        raise VKError(901, "Can't send messages for users without permission")
    return answer["message_id"]


def _send_to_peer(call: Call, group_id: int, peer_id: int, random_id: int) -> dict[str, Any]:
    key = (group_id, random_id) if random_id else (group_id, -call.state.next_id())
    with call.state.lock:
        if random_id and key in call.state.sent:
            first = call.state.sent[key]
            return {"peer_id": peer_id, "message_id": first["id"],
                    "conversation_message_id": first["conversation_message_id"]}  # fmt: skip
        if (group_id, peer_id) not in call.state.writers:
            error = {"code": 901, "description": "Can't send messages for users without permission"}
            return {"peer_id": peer_id, "error": error}
        message_id = call.state.next_id()
        message: dict[str, Any] = {
            "id": message_id,
            "peer_id": peer_id,
            "text": call.params.get("message", ""),
            "date": call.state.now(),
            "random_id": random_id,
            "conversation_message_id": message_id,
        }
        call.state.sent[key] = message
    return {"peer_id": peer_id, "message_id": message_id, "conversation_message_id": message_id}


@method("users.get", tokens=("user", "group", "service"))
def users_get(call: Call) -> list[dict[str, Any]]:
    """Known users by id (a user token without ids: its owner) with the ``fields`` asked
    for; VK leaves unknown ids out of the answer."""
    raw = call.params.get("user_ids") or call.params.get("user_id") or ""
    ids = [i.strip() for i in raw.split(",") if i.strip()]
    if not ids and call.token.kind == "user":
        ids = [str(call.token.owner_id)]
    if not ids or len(ids) > 1000:
        raise VKError(100, "One of the parameters specified was missing or invalid: user_ids")
    users = [call.state.users.get(int(i)) for i in ids if i.isdigit()]
    fields = call.params.get("fields", "")
    return [profile(u, fields, call.base_url) for u in users if u is not None]


def profile(user: dict[str, Any], fields: str, base_url: str) -> dict[str, Any]:
    """A user object with the optional ``fields`` VK was asked for (those it knows)."""
    wanted = [f.strip() for f in fields.split(",") if f.strip()]
    uid = int(user["id"])
    known: dict[str, Any] = {
        "screen_name": f"id{uid}", "domain": f"id{uid}", "sex": 0, "online": 0,
        "verified": 0, "photo_50": f"{base_url}/media/u{uid}_50.gif",
        "photo_100": f"{base_url}/media/u{uid}_100.gif",
        "photo_200": f"{base_url}/media/u{uid}_200.gif",
        "photo_max": f"{base_url}/media/u{uid}_200.gif",
    }  # fmt: skip
    extra = {f: user[f] if f in user else known[f] for f in wanted if f in known or f in user}
    return {**user, **extra}


REACH_MEMBERS = 5000  # VK gives post reach to communities of 5000+ members or official ones
REACH_LATEST = 300  # … and only for the community's latest 300 posts


@method("stats.getPostReach", scope="stats")
def stats_get_post_reach(call: Call) -> list[dict[str, Any]]:
    """Reach of the community's posts ``post_ids`` (seeded from each post's views); the
    refusal of a small, unofficial community is the emulator's wording (VERIFY code)."""
    owner_id = call.number("owner_id")
    call.require_role(-owner_id, 2)
    community = call.state.community(-owner_id)
    if community.members_count < REACH_MEMBERS and not community.verified:
        raise VKError(15, "Access denied: post statistics are available to communities with "
                      "5000 members or more and to official communities")  # fmt: skip
    wall = [
        p for (o, _), p in call.state.posts.items() if o == owner_id and not p.get("is_deleted")
    ]
    wall.sort(key=lambda p: (p["date"], p["id"]), reverse=True)
    latest = {p["id"]: p for p in wall[:REACH_LATEST]}
    wanted = [int(i) for i in call.text("post_ids").split(",") if i.strip()]
    return [_reach(i, latest[i]) for i in wanted if i in latest]


def _reach(post_id: int, post: dict[str, Any]) -> dict[str, Any]:
    views = int((post.get("views") or {}).get("count", 0))
    total = round(views * 0.82)
    return {"post_id": post_id, "reach_subscribers": round(total * 0.7), "reach_total": total,
            "reach_ads": 0, "reach_viral": total - round(total * 0.7), "links": 0,
            "to_group": round(total * 0.01), "join_group": round(total * 0.002), "report": 0,
            "hide": 0, "unsubscribe": 0}  # fmt: skip
