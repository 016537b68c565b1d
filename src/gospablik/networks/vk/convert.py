"""VK JSON objects -> our dataclasses (pure functions, no HTTP)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from ..base import Admin, ConnectorError, Profile, RemoteComment, RemotePost
from ..hostile import integer_id, timestamp

VK_WEB = "https://vk.com"


def from_unix(ts: int | float | str | None) -> datetime:
    """An aware UTC datetime from VK's unix time.

    >>> from_unix(0).isoformat()
    '1970-01-01T00:00:00+00:00'
    """
    return datetime.fromtimestamp(float(ts or 0), tz=UTC)


def post_url(owner_id: int, post_id: int | str, web: str = VK_WEB) -> str:
    """The public address of a wall post.

    >>> post_url(-1, 5)
    'https://vk.com/wall-1_5'
    """
    return f"{web}/wall{owner_id}_{post_id}"


def to_remote_post(item: dict[str, Any], web: str = VK_WEB) -> RemotePost:
    copies = item.get("copy_history") or []
    source = None
    if copies:
        source = f"wall{copies[0].get('owner_id')}_{copies[0].get('id')}"
    postponed = item.get("post_type") == "postpone"
    return RemotePost(
        post_id=str(item["id"]),
        text=str(item.get("text", "")),
        date=from_unix(item.get("date")),
        is_repost=bool(copies),
        source=source,
        author_id=str(item.get("signer_id") or item.get("from_id") or "") or None,
        url=post_url(int(item.get("owner_id", 0)), item["id"], web),
        kind="scheduled" if postponed else ("repost" if copies else "post"),
    )


def names_index(response: dict[str, Any]) -> dict[int, str]:
    """Display names from ``profiles`` and ``groups`` of an extended response."""
    names: dict[int, str] = {}
    for p in response.get("profiles") or []:
        names[int(p["id"])] = f"{p.get('first_name', '')} {p.get('last_name', '')}".strip()
    for g in response.get("groups") or []:
        names[-int(g["id"])] = str(g.get("name", ""))
    return names


def to_remote_comment(
    item: dict[str, Any], names: dict[int, str] | None = None, post_id: int | str | None = None
) -> RemoteComment:
    """A comment of a wall (API answer, Callback or Long Poll ``wall_reply_*`` object); its
    ids and date through the shared checks, so a hostile value is a ValueError.

    >>> c = to_remote_comment({"id": 9, "from_id": -7, "post_id": 3, "owner_id": -7, "date": 1})
    >>> (c.comment_id, c.post_id, c.author_id, c.parent_id)
    ('9', '3', '-7', None)
    """
    author = integer_id(item.get("from_id", 0), signed=True)
    if "owner_id" in item:
        integer_id(item["owner_id"], signed=True)
    parents = item.get("parents_stack") or []
    if not isinstance(parents, list):
        raise ValueError("VK parents_stack is not a list")
    parent = item.get("reply_to_comment") or (parents[-1] if parents else None)
    own_post = item.get("post_id")
    return RemoteComment(
        comment_id=str(integer_id(item["id"])),
        post_id=str(integer_id(own_post)) if own_post is not None else str(post_id or ""),
        author_id=str(author),
        author_name=(names or {}).get(author, ""),
        text=str(item.get("text", "")),
        date=from_unix(timestamp(item.get("date"))),
        attachments=_attachments(item.get("attachments")),
        parent_id=str(integer_id(parent)) if parent else None,
    )


def _attachments(value: Any) -> list[Any]:
    if value is not None and not isinstance(value, list):
        raise ValueError("VK attachments are not a list")
    return list(value or [])


def cover_url(group: dict[str, Any]) -> str | None:
    cover = group.get("cover") or {}
    images = cover.get("images") or []
    if not cover.get("enabled") or not images:
        return None
    return str(max(images, key=lambda i: int(i.get("width", 0)))["url"])


def to_profile(group: dict[str, Any]) -> Profile:
    return Profile(
        community_id=str(group["id"]),
        title=str(group.get("name", "")),
        screen_name=str(group.get("screen_name", "")),
        description=str(group.get("description", "")),
        avatar_url=str(group.get("photo_200") or group.get("photo_100") or ""),
        cover_url=cover_url(group),
        members_count=group.get("members_count"),
        verified=bool(group["verified"]) if "verified" in group else None,
        contacts=contacts_text(group),
        live_cover=bool((group.get("live_covers") or {}).get("is_enabled")),
        widgets=bool((group.get("action_button") or {}).get("is_enabled")),
        gov_mark=_flag(group, "is_government_organization"),
        comments_open=group["wall"] in (1, 2) if "wall" in group else None,  # 1 open, 2 limited
    )


def _flag(group: dict[str, Any], name: str) -> bool | None:
    return bool(group[name]) if name in group else None


def contacts_text(group: dict[str, Any]) -> str:
    """The community's contact fields as one text: contacts' phones, the main address with
    its timetable, the site."""
    parts = [str(c.get("phone", "")) for c in group.get("contacts") or []]
    address = (group.get("addresses") or {}).get("main_address") or {}
    parts += [str(address.get("address", "")), str(address.get("phone", ""))]
    parts += [timetable_text(address), str(group.get("site", ""))]
    return "\n".join(p for p in parts if p.strip())


DAYS = {"mon": "пн", "tue": "вт", "wed": "ср", "thu": "чт", "fri": "пт", "sat": "сб", "sun": "вс"}


def timetable_text(address: dict[str, Any]) -> str:
    """``groups_address.timetable`` (minutes from midnight per day) as «пн 9:00–18:00».

    >>> timetable_text({"timetable": {"mon": {"open_time": 540, "close_time": 1080}}})
    'пн 9:00–18:00'
    >>> timetable_text({"work_info_status": "always_opened"})
    'круглосуточно'
    """
    if address.get("work_info_status") == "always_opened":
        return "круглосуточно"
    days = []
    for day, hours in (address.get("timetable") or {}).items():
        opens, closes = int(hours["open_time"]), int(hours["close_time"])
        days.append(
            f"{DAYS.get(day, day)} {opens // 60}:{opens % 60:02d}–{closes // 60}:{closes % 60:02d}"
        )
    return ", ".join(days)


def to_admin(item: dict[str, Any]) -> Admin:
    name = f"{item.get('first_name', '')} {item.get('last_name', '')}".strip()
    return Admin(user_id=str(item["id"]), name=name, role=str(item.get("role", "moderator")))


def wall_object(source: str) -> str:
    """The ``wall<owner>_<id>`` object of a post URL or id.

    >>> wall_object("https://vk.com/gov?w=wall-12_34")
    'wall-12_34'
    >>> wall_object("wall-12_34")
    'wall-12_34'
    """
    match = re.search(r"wall-?\d+_\d+", source)
    if not match:
        raise ConnectorError(
            f"Не удалось распознать запись ВКонтакте: {source}", permanent=True, network="vk"
        )
    return match.group(0)
