"""Odnoklassniki JSON objects -> our dataclasses (pure functions)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..base import Profile, RemoteComment, RemotePost

OK_WEB = "https://ok.ru"
MOSCOW = ZoneInfo("Europe/Moscow")  # OK's text dates are Moscow time (VERIFY for comments)


def from_ms(ms: int | str | None) -> datetime:
    """An aware UTC datetime from OK's milliseconds.

    >>> from_ms(1700000000000).isoformat()
    '2023-11-14T22:13:20+00:00'
    """
    return datetime.fromtimestamp(int(ms or 0) / 1000, tz=UTC)


def from_text(value: str) -> datetime:
    """OK's ``yyyy-MM-dd HH:mm:ss`` (Moscow time) as an aware UTC datetime.

    >>> from_text("2025-05-01 15:00:00").isoformat()
    '2025-05-01T12:00:00+00:00'
    """
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=MOSCOW).astimezone(UTC)


def topic_url(gid: str, topic_id: str, web: str = OK_WEB) -> str:
    """The public address of a group topic.

    >>> topic_url("70000001", "155")
    'https://ok.ru/group/70000001/topic/155'
    """
    return f"{web}/group/{gid}/topic/{topic_id}"


def topic_text(topic: dict[str, Any]) -> str:
    return "\n".join(
        str(m.get("text", "")) for m in topic.get("media") or [] if m.get("type") == "text"
    )


def to_remote_post(topic: dict[str, Any], gid: str, web: str = OK_WEB) -> RemotePost:
    reshare = next((m for m in topic.get("media") or [] if m.get("type") == "reshare"), None)
    scheduled = bool(topic.get("is_unpublished"))
    return RemotePost(
        post_id=str(topic["id"]),
        text=topic_text(topic),
        date=from_ms(topic.get("created_ms")),
        is_repost=reshare is not None,
        source=str(reshare.get("reshared_topic_id")) if reshare else None,
        author_id=str(topic.get("author_ref", "")).split(":")[-1] or None,
        url=topic_url(gid, str(topic["id"]), web),
        kind="scheduled" if scheduled else ("repost" if reshare else "post"),
    )


def to_remote_comment(item: dict[str, Any], topic_id: str, names: dict[str, str]) -> RemoteComment:
    author = str(item.get("author_id", ""))
    return RemoteComment(
        comment_id=str(item["id"]),
        post_id=topic_id,
        author_id=author,
        author_name=names.get(author, ""),
        text=str(item.get("text", "")),
        date=from_text(str(item["date"])),
        attachments=list(item.get("attachments") or []),
        parent_id=str(item["reply_to_comment_id"]) if item.get("reply_to_comment_id") else None,
    )


def user_names(entities: dict[str, Any] | None) -> dict[str, str]:
    users = (entities or {}).get("users") or []
    return {str(u.get("uid")): str(u.get("name", "")) for u in users}


def to_profile(group: dict[str, Any]) -> Profile:
    return Profile(
        community_id=str(group["uid"]),
        title=str(group.get("name", "")),
        screen_name=str(group.get("shortname", "")),
        description=str(group.get("description", "")),
        avatar_url=str(group.get("picAvatar", "")),
        cover_url=_cover(group),
        members_count=group.get("members_count"),
        verified=None,
        contacts="\n".join(
            str(group.get(k, "")) for k in ("phone", "address", "homepage_url") if group.get(k)
        ),
    )


def _cover(group: dict[str, Any]) -> str | None:
    photos = (group.get("cover") or {}).get("cover_photos") or []
    return str(photos[0].get("pic_max") or photos[0].get("id") or "") or None if photos else None
