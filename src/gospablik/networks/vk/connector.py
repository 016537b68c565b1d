"""VKontakte community connector (API 5.199)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar

from ..base import (
    Admin,
    BaseConnector,
    Capability,
    ConfigField,
    ConnectorError,
    MediaFile,
    Poll,
    PostDraft,
    Profile,
    PublishedPost,
    RemoteComment,
    RemotePost,
    Stats,
    check_draft,
    comment_gone,
)
from . import convert
from .api import DEFAULT_API_BASE, VKApi

C = Capability
# wall.createComment on a deleted comment (VK: 211 access to comment denied, 104 not found)
REPLY_TARGET_GONE = frozenset({"211", "104"})
BAN_REASON_CODES = {"other": 0, "spam": 1, "insult": 2, "obscenity": 3, "flood": 4}


PROFILE_FIELDS = (
    "description,members_count,cover,verified,screen_name,photo_200,has_photo,addresses,"
    "contacts,site,wall,live_covers,action_button,is_government_organization"
)


class VKConnector(BaseConnector):
    network: ClassVar[str] = "vk"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            C.PUBLISH_TEXT,
            C.PUBLISH_PHOTO,
            C.PUBLISH_VIDEO,
            C.PUBLISH_POLL,
            C.PUBLISH_LINK,
            C.SCHEDULE_NATIVE,
            C.DELETE_POST,
            C.REPOST,
            C.READ_WALL,
            C.READ_COMMENTS,
            C.DELETE_COMMENT,
            C.RESTORE_COMMENT,
            C.BAN_USER,
            C.UNBAN_USER,
            C.SEND_MESSAGE,
            C.READ_NAMES,
            C.REPLY_COMMENT,
            C.BAN_REASON,
            C.BAN_END_DATE,
            C.READ_PROFILE,
            C.READ_ADMINS,
            C.UPLOAD_COVER,
            C.READ_STATS,
            C.PUSH_EVENTS,
            C.IDEMPOTENT_PUBLISH,
            C.BLOCK_AUTHOR_ON_DELETE,
        }
    )
    config_schema: ClassVar[tuple[ConfigField, ...]] = (
        ConfigField("group_id", "ID сообщества (число без минуса)"),
        ConfigField(
            "user_token",
            "Ключ администратора сообщества (user token)",
            secret=True,
            help="Права: wall, groups, photos, video, stats, offline",
        ),
        ConfigField(
            "community_token",
            "Ключ доступа сообщества",
            secret=True,
            required=False,
            help="Управление сообществом → Работа с API → Ключи доступа",
        ),
        ConfigField("callback_secret", "Секретный ключ Callback API", secret=True, required=False),
        ConfigField("callback_confirmation", "Строка подтверждения Callback API", required=False),
        ConfigField("api_base", "Адрес API", required=False, help=DEFAULT_API_BASE),
    )

    def _setup(self) -> None:
        self.group_id = int(str(self.config["group_id"]).lstrip("-"))
        self.owner_id = -self.group_id
        self.web = str(self.config.get("web_base") or convert.VK_WEB)
        self.api = VKApi(
            self.http,
            self.limiter,
            user_token=self.credentials.get("user_token", ""),
            community_token=self.credentials.get("community_token", ""),
            api_base=str(self.config.get("api_base") or DEFAULT_API_BASE),
        )

    # --- publishing ------------------------------------------------------------------

    def publish(self, draft: PostDraft) -> PublishedPost:
        check_draft(self, draft)
        attachments = [self._upload_wall_photo(p) for p in draft.photos]
        if draft.video:
            attachments.append(self._upload_video(draft.video))
        if draft.poll:
            attachments.append(self._create_poll(draft.poll))
        if draft.link:
            attachments.append(draft.link)
        publish_date = int(draft.publish_at.timestamp()) if draft.publish_at else None
        response = self.api.call(
            "wall.post",
            owner_id=self.owner_id,
            from_group=True,
            message=draft.text,
            attachments=attachments or None,
            guid=draft.idempotency_key,
            publish_date=publish_date,
        )
        return self._published(response["post_id"], draft.publish_at)

    def _published(self, post_id: int | str, when: datetime | None) -> PublishedPost:
        return PublishedPost(
            post_id=str(post_id),
            url=convert.post_url(self.owner_id, post_id, self.web),
            published_at=when or datetime.now(UTC),
        )

    def _upload_wall_photo(self, photo: MediaFile) -> str:
        server = self.api.call("photos.getWallUploadServer", group_id=self.group_id)
        uploaded = self.api.upload(
            server["upload_url"], "photo", photo.filename, photo.content, photo.mime
        )
        saved = self.api.call(
            "photos.saveWallPhoto",
            group_id=self.group_id,
            photo=uploaded["photo"],
            server=uploaded["server"],
            hash=uploaded["hash"],
            caption=photo.alt or None,
        )
        return f"photo{saved[0]['owner_id']}_{saved[0]['id']}"

    def _upload_video(self, video: MediaFile) -> str:
        saved = self.api.call(
            "video.save", group_id=self.group_id, name=video.alt or video.filename, wallpost=False
        )
        self.api.upload(
            saved["upload_url"], "video_file", video.filename, video.content, video.mime
        )
        return f"video{saved['owner_id']}_{saved['video_id']}"

    def _create_poll(self, poll: Poll) -> str:
        created = self.api.call(
            "polls.create",
            owner_id=self.owner_id,
            question=poll.question,
            is_anonymous=poll.anonymous,
            is_multiple=poll.multiple,
            add_answers=json.dumps(poll.answers, ensure_ascii=False),
        )
        return f"poll{created['owner_id']}_{created['id']}"

    def find_published(
        self, idempotency_key: str, since: datetime, *, text: str | None = None
    ) -> PublishedPost | None:
        """VK keeps ``guid`` private, so match our own posts by text (published or
        scheduled). Re-sending ``wall.post`` with the same guid is also safe on VK."""
        if text is None:
            return None
        wanted = text.strip()
        for wall_filter in ("owner", "postponed"):
            for item in self._wall_items(wall_filter, since, 100):
                if (
                    item.get("from_id") == self.owner_id
                    and str(item.get("text", "")).strip() == wanted
                ):
                    return self._published(item["id"], convert.from_unix(item.get("date")))
        return None

    def delete_post(self, post_id: str) -> None:
        self.api.call("wall.delete", owner_id=self.owner_id, post_id=post_id)

    def repost(self, source: str, message: str = "", idempotency_key: str = "") -> PublishedPost:
        obj = convert.wall_object(source)
        response = self.api.call(
            "wall.repost", object=obj, message=message or None, group_id=self.group_id
        )
        return self._published(response["post_id"], None)

    # --- reading -----------------------------------------------------------------------

    def read_wall(self, since: datetime | None = None, limit: int = 100) -> list[RemotePost]:
        return [
            convert.to_remote_post(item, self.web) for item in self._wall_items("all", since, limit)
        ]

    def _wall_items(
        self, wall_filter: str, since: datetime | None, limit: int
    ) -> Iterator[dict[str, Any]]:
        offset, seen = 0, 0
        floor = since.timestamp() if since else 0
        while seen < limit:
            page = self.api.call(
                "wall.get",
                owner_id=self.owner_id,
                filter=wall_filter,
                count=min(100, limit - seen),
                offset=offset,
            )
            items = page.get("items") or []
            for item in items:
                if item.get("date", 0) < floor and wall_filter != "postponed":
                    if not item.get("is_pinned"):
                        return
                    continue
                seen += 1
                yield item
            offset += len(items)
            if not items or offset >= int(page.get("count", 0)):
                return

    def read_comments(self, post_id: str, since_id: str | None = None) -> list[RemoteComment]:
        """Live comments (replies right after their parent); with ``since_id``, only newer
        ones (VK comment ids grow)."""
        found: list[RemoteComment] = []
        offset = 0
        while True:
            page = self.api.call(
                "wall.getComments",
                owner_id=self.owner_id,
                post_id=post_id,
                count=100,
                offset=offset,
                sort="asc",
                extended=True,
                preview_length=0,
                thread_items_count=10,
                fields="first_name,last_name",
            )
            names = convert.names_index(page)
            for item in _flatten(page.get("items") or []):
                if not item.get("deleted"):
                    found.append(convert.to_remote_comment(item, names, post_id))
            offset += len(page.get("items") or [])
            if not page.get("items") or offset >= int(
                page.get("current_level_count", page.get("count", 0))
            ):
                break
        floor = int(since_id) if since_id else 0
        return [c for c in found if int(c.comment_id) > floor]

    # --- moderation --------------------------------------------------------------------

    def delete_comment(self, comment: RemoteComment, *, block_author: bool = False) -> None:
        self.api.call("wall.deleteComment", owner_id=self.owner_id, comment_id=comment.comment_id)
        if block_author:
            self.ban(comment.author_id, reason="other", until=None, comment="")

    def reply_comment(self, post_id: str, comment_id: str, text: str, idempotency_key: str) -> str:
        """``wall.createComment`` from the community (``from_group``) in the comment's
        thread (``reply_to_comment``); ``guid`` makes a repeated call return the same reply."""
        try:
            response = self.api.call(
                "wall.createComment", owner_id=self.owner_id, post_id=post_id,
                from_group=self.group_id, reply_to_comment=comment_id, message=text,
                guid=idempotency_key[:64],
            )  # fmt: skip
        except ConnectorError as error:
            if str(error.code) in REPLY_TARGET_GONE:
                raise comment_gone(self.network) from error
            raise
        return str(response["comment_id"])

    def restore_comment(self, comment: RemoteComment) -> None:
        self.api.call("wall.restoreComment", owner_id=self.owner_id, comment_id=comment.comment_id)

    def ban(self, user_id: str, *, reason: str, until: datetime | None, comment: str = "") -> None:
        self.api.call(
            "groups.ban",
            group_id=self.group_id,
            owner_id=user_id,
            end_date=int(until.timestamp()) if until else None,
            reason=BAN_REASON_CODES.get(reason, 0),
            comment=comment or None,
            comment_visible=bool(comment),
        )

    def unban(self, user_id: str) -> None:
        self.api.call("groups.unban", group_id=self.group_id, owner_id=user_id)

    def read_names(self, author_ids: Sequence[str]) -> dict[str, str]:
        """``users.get`` for people and ``groups.getById`` for communities (negative ids),
        up to 1,000 ids a call; Callback events carry only ``from_id``."""
        ids = sorted({int(a) for a in author_ids if a.lstrip("-").isdigit() and a != "0"})
        people, groups = [i for i in ids if i > 0], [-i for i in ids if i < 0]
        names: dict[int, str] = {}
        for chunk in _chunks(people, 1000):
            users = self.api.call("users.get", user_ids=chunk)
            names |= convert.names_index({"profiles": users})
        for chunk in _chunks(groups, 500):
            found = self.api.call("groups.getById", group_ids=chunk)
            names |= convert.names_index({"groups": found.get("groups") or []})
        return {str(i): name for i, name in names.items() if name}

    idempotent_messages = True  # random_id

    def send_message(self, peer_id: str, text: str, idempotency_key: str) -> str:
        """``messages.send`` as the community; ``random_id`` makes a retry a no-op."""
        random_id = zlib.crc32(idempotency_key.encode("utf-8")) & 0x7FFFFFFF
        response = self.api.call(
            "messages.send", peer_id=int(peer_id), message=text, random_id=random_id
        )
        return str(response)

    # --- community ---------------------------------------------------------------------

    def read_profile(self) -> Profile:
        """``groups.getById`` with the fields of the page passport."""
        response = self.api.call(
            "groups.getById",
            group_id=self.group_id,
            fields=PROFILE_FIELDS,
        )
        return convert.to_profile(response["groups"][0])

    def read_admins(self) -> list[Admin]:
        response = self.api.call(
            "groups.getMembers",
            group_id=self.group_id,
            filter="managers",
            fields="first_name,last_name",
            count=1000,
        )
        return [convert.to_admin(item) for item in response.get("items") or []]

    def upload_cover(self, image: MediaFile) -> None:
        server = self.api.call("photos.getOwnerCoverPhotoUploadServer", group_id=self.group_id)
        uploaded = self.api.upload(
            server["upload_url"], "photo", image.filename, image.content, image.mime
        )
        self.api.call("photos.saveOwnerCoverPhoto", hash=uploaded["hash"], photo=uploaded["photo"])

    def read_stats(self, since: date, until: date) -> Stats:
        start = datetime.combine(since, time.min, tzinfo=UTC)
        end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC)
        periods = self.api.call(
            "stats.get",
            group_id=self.group_id,
            timestamp_from=int(start.timestamp()),
            timestamp_to=int(end.timestamp()),
            interval="day",
        )
        return Stats(
            since=since,
            until=until,
            views=_sum(periods, "visitors", "views"),
            visitors=_sum(periods, "visitors", "visitors"),
            reach=_sum(periods, "reach", "reach"),
            members=self.read_profile().members_count,
        )

    # --- push events (Callback API / Bots Long Poll) --------------------------------------

    def callback_confirmation_code(self) -> str:
        """The string VK expects in reply to its ``confirmation`` request."""
        return str(
            self.api.call("groups.getCallbackConfirmationCode", group_id=self.group_id)["code"]
        )

    def long_poll_server(self) -> dict[str, Any]:
        server: dict[str, Any] = self.api.call("groups.getLongPollServer", group_id=self.group_id)
        return server


def _flatten(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from (item.get("thread") or {}).get("items") or []


def _sum(periods: list[dict[str, Any]], group: str, key: str) -> int | None:
    values = [p[group][key] for p in periods if key in (p.get(group) or {})]
    return sum(int(v) for v in values) if values else None


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    """
    >>> list(_chunks([1, 2, 3], 2))
    [[1, 2], [3]]
    """
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
