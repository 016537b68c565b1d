"""Odnoklassniki group connector (REST API ``fb.do`` with signed requests)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar

from ..base import (
    Admin,
    BaseConnector,
    Capability,
    ConfigField,
    ConnectorError,
    InboundEvent,
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
from .api import DEFAULT_API_URL, OKApi
from .graph import OKGraph, graph_base
from .webhook import hook_url, parse_webhook

C = Capability
DISCUSSION = "GROUP_TOPIC"
ROLES = {"ADMIN": "administrator", "MODERATOR": "moderator"}


def poll_block(poll: Poll) -> dict[str, Any]:
    options = ["MultipleChoice" if poll.multiple else "SingleChoice"]
    if poll.anonymous:
        options.append("AnonymousVoting")
    return {
        "type": "poll",
        "question": poll.question,
        "answers": [{"text": a} for a in poll.answers],
        "options": ",".join(options),
    }


class OKConnector(BaseConnector):
    """OK has no standalone ban/unban, no restore of a comment, no comment webhook, no
    idempotency key and no documented cover upload; banning works only as "delete the
    comment and blacklist its author" (``delete_comment(..., block_author=True)``).

    Private messages to the group go through the separate Bot API for groups (a group
    key, :mod:`.graph`, :mod:`.webhook`); without that key answers stay manual."""

    network: ClassVar[str] = "ok"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            C.PUBLISH_TEXT, C.PUBLISH_PHOTO, C.PUBLISH_LINK, C.PUBLISH_POLL, C.SCHEDULE_NATIVE,
            C.DELETE_POST, C.READ_WALL, C.READ_COMMENTS, C.DELETE_COMMENT,
            C.BLOCK_AUTHOR_ON_DELETE, C.READ_PROFILE, C.READ_ADMINS, C.READ_STATS,
            C.SEND_MESSAGE, C.READ_NAMES, C.REPLY_COMMENT,
        }
    )  # fmt: skip
    config_schema: ClassVar[tuple[ConfigField, ...]] = (
        ConfigField("group_id", "ID группы в Одноклассниках"),
        ConfigField("application_key", "Публичный ключ приложения", secret=True),
        ConfigField("application_secret_key", "Секретный ключ приложения", secret=True),
        ConfigField(
            "access_token",
            "Вечный access_token администратора группы",
            secret=True,
            help="Права: VALUABLE_ACCESS, LONG_ACCESS_TOKEN, GROUP_CONTENT, PHOTO_CONTENT",
        ),
        ConfigField("api_url", "Адрес API", required=False, help=DEFAULT_API_URL),
        ConfigField(
            "bot_access_token",
            "Ключ бота группы (сообщения группы)",
            secret=True,
            required=False,
            help="Настройки группы → «Сообщения» → «Работа с API» → «Получить ключ доступа»; "
            "без ключа ответы на сообщения отправляются вручную",
        ),
        ConfigField(
            "webhook_secret",
            "Секрет вебхука сообщений",
            secret=True,
            required=False,
            help="От 16 символов: латинские буквы, цифры, «_» и «-»; входит в адрес вебхука",
        ),
    )

    def _setup(self) -> None:
        self.gid = str(self.config["group_id"])
        self.web = str(self.config.get("web_base") or convert.OK_WEB)
        self.api = OKApi(
            self.http,
            self.limiter,
            application_key=self.credentials["application_key"],
            application_secret_key=self.credentials["application_secret_key"],
            access_token=self.credentials["access_token"],
            api_url=str(self.config.get("api_url") or DEFAULT_API_URL),
        )
        self.graph_url = graph_base(str(self.config.get("api_url") or DEFAULT_API_URL))

    # --- publishing ------------------------------------------------------------------

    def publish(self, draft: PostDraft) -> PublishedPost:
        check_draft(self, draft)
        media: list[dict[str, Any]] = [{"type": "text", "text": draft.text}] if draft.text else []
        if draft.photos:
            media.append(
                {"type": "photo", "list": [{"id": t} for t in self._upload_photos(draft.photos)]}
            )
        if draft.link:
            media.append({"type": "link", "url": draft.link})
        if draft.poll:
            media.append(poll_block(draft.poll))
        attachment: dict[str, Any] = {"media": media, "onBehalfOfGroup": "true"}
        if draft.publish_at:
            attachment["publishAtMs"] = str(int(draft.publish_at.timestamp() * 1000))
        topic_id = self.api.call(
            "mediatopic.post", gid=self.gid, type="GROUP_THEME", attachment=attachment
        )
        return self._published(str(topic_id), draft.publish_at or datetime.now(UTC))

    def _published(self, topic_id: str, when: datetime | None) -> PublishedPost:
        return PublishedPost(topic_id, convert.topic_url(self.gid, topic_id, self.web), when)

    def _upload_photos(self, photos: list[MediaFile]) -> list[str]:
        target = self.api.call("photosV2.getUploadUrl", gid=self.gid, count=len(photos))
        files = {f"pic{n}": (p.filename, p.content, p.mime) for n, p in enumerate(photos, 1)}
        uploaded = self.api.upload(target["upload_url"], files)["photos"]
        return [str(uploaded[str(pid)]["token"]) for pid in target["photo_ids"]]

    def find_published(
        self, idempotency_key: str, since: datetime, *, text: str | None = None
    ) -> PublishedPost | None:
        """OK has no idempotency key: look for our text among topics since ``since``."""
        if text is None:
            return None
        for topic in self._topics(since, 100):
            if convert.topic_text(topic).strip() == text.strip():
                return self._published(str(topic["id"]), convert.from_ms(topic.get("created_ms")))
        return None

    def delete_post(self, post_id: str) -> None:
        self.api.call("mediatopic.deleteTopic", gid=self.gid, topic_id=post_id)

    # --- reading -----------------------------------------------------------------------

    def read_wall(self, since: datetime | None = None, limit: int = 100) -> list[RemotePost]:
        return [convert.to_remote_post(t, self.gid, self.web) for t in self._topics(since, limit)]

    def _topics(self, since: datetime | None, limit: int) -> Iterator[dict[str, Any]]:
        floor = since.timestamp() * 1000 if since else 0
        anchor, seen = None, 0
        while seen < limit:
            page = self.api.call(
                "mediatopic.getTopics", gid=self.gid, count=min(50, limit - seen), anchor=anchor
            )
            for topic in page.get("media_topics") or []:
                if int(topic.get("created_ms", 0)) < floor:
                    return
                seen += 1
                yield topic
            anchor = page.get("anchor")
            if not page.get("has_more") or not anchor:
                return

    def read_comments(self, post_id: str, since_id: str | None = None) -> list[RemoteComment]:
        """All live comments in order; with ``since_id``, those after it (OK ids are opaque,
        so an unknown ``since_id`` — e.g. a deleted comment — returns everything)."""
        found: list[RemoteComment] = []
        anchor = None
        while True:
            page = self.api.call(
                "discussions.getComments", discussionId=post_id, discussionType=DISCUSSION,
                count=100, anchor=anchor, direction="FORWARD",
            )  # fmt: skip
            names = convert.user_names(page.get("entities"))
            found += [
                convert.to_remote_comment(c, post_id, names) for c in page.get("comments") or []
            ]
            anchor = page.get("anchor")
            if not page.get("has_more") or not anchor:
                break
        ids = [c.comment_id for c in found]
        return found[ids.index(since_id) + 1 :] if since_id in ids else found

    # --- moderation --------------------------------------------------------------------

    def delete_comment(self, comment: RemoteComment, *, block_author: bool = False) -> None:
        self.api.call(
            "discussions.deleteDiscussionComment", discussionId=comment.post_id,
            discussionType=DISCUSSION, comment_id=comment.comment_id, block_author=block_author,
        )  # fmt: skip

    def reply_comment(self, post_id: str, comment_id: str, text: str, idempotency_key: str) -> str:
        """``discussions.addDiscussionComment`` on the group topic, as the group, in reply
        to ``comment_id``. OK keeps no idempotency key: the queue reads back before a repeat.
        VERIFY on apiok.ru: the reply parameter name (``reply_to_comment_id``, as the
        comments of ``discussions.getComments`` carry it) and ``as_admin``. Searched
        2026-12-07: the method's page
        (https://apiok.ru/dev/methods/rest/discussions/discussions.addDiscussionComment) is
        in no stored copy of apiok.ru, and a third-party record says it answers 404; the
        sibling pages (e.g. discussions.getDiscussionLikes) confirm only ``discussionId``
        and ``discussionType``. The mark stays until the page or a live call confirms."""
        return self._reply(post_id, comment_id, text)

    def _reply(self, post_id: str, comment_id: str, text: str) -> str:
        try:
            response = self.api.call(
                "discussions.addDiscussionComment", discussionId=post_id,
                discussionType=DISCUSSION, comment=text, reply_to_comment_id=comment_id,
                as_admin="true",
            )  # fmt: skip
        except ConnectorError as error:
            if str(error.code) == "141":
                raise comment_gone(self.network) from error
            raise
        return str(response["comment_id"] if isinstance(response, dict) else response)

    # --- community ---------------------------------------------------------------------

    def read_profile(self) -> Profile:
        answer = self.api.call(
            "group.getInfo",
            uids=self.gid,
            fields="uid,name,description,shortname,members_count,pic_avatar,phone,address,"
            "homepage_url,cover",
        )
        groups = answer.get("groups") if isinstance(answer, dict) else answer
        if not groups:
            raise self.error("Одноклассники: группа не найдена", permanent=True, code=300)
        return convert.to_profile(groups[0])

    def read_admins(self) -> list[Admin]:
        roles: dict[str, str] = {}
        for status, role in ROLES.items():
            page = self.api.call("group.getMembers", uid=self.gid, statuses=status, count=1000)
            for member in page.get("members") or []:
                roles.setdefault(str(member["userId"]), role)
        names = self.read_names(list(roles))
        return [Admin(uid, names.get(uid, ""), role) for uid, role in roles.items()]

    def read_names(self, author_ids: Sequence[str]) -> dict[str, str]:
        """``users.getInfo``, at most 100 ids a call (a webhook sends only the user id)."""
        ids = sorted({a for a in author_ids if a.isdigit()})
        names: dict[str, str] = {}
        for start in range(0, len(ids), 100):
            uids = ",".join(ids[start : start + 100])
            for user in self.api.call("users.getInfo", uids=uids, fields="uid,name"):
                names[str(user["uid"])] = str(user.get("name", ""))
        return {uid: name for uid, name in names.items() if name}

    def read_stats(self, since: date, until: date) -> Stats:
        start = datetime.combine(since, time.min, tzinfo=UTC)
        end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC)
        trends = self.api.call(
            "group.getStatTrends",
            gid=self.gid,
            start_time=int(start.timestamp() * 1000),
            end_time=int(end.timestamp() * 1000),
            fields="renderings,page_visits,reach,members_count",
        )
        members = trends.get("members_count") or []
        return Stats(
            since=since,
            until=until,
            views=_sum(trends, "renderings"),
            visitors=_sum(trends, "page_visits"),
            reach=_sum(trends, "reach"),
            members=int(max(members, key=lambda p: p["time"])["value"]) if members else None,
        )

    # --- messages to the group (Bot API for groups) ----------------------------------

    def register_webhook(self, url: str) -> None:
        """Subscribe this connection's hook ``url`` (``…/hooks/ok/<id>/``) with the webhook
        secret appended: OK signs nothing, so the secret in the URL is what the view checks."""
        secret = str(self.credentials.get("webhook_secret") or "")
        answer = self._bot().post("me/subscribe", {"url": hook_url(url, secret)})
        if answer.get("success") is not True:
            raise self.error("Одноклассники не подтвердили подписку на сообщения группы",
                             code="not_subscribed")  # fmt: skip

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> list[InboundEvent]:
        """Events of one pushed body (the view has checked the URL secret); the chat of each
        person is remembered, as an answer goes into that chat."""
        events = parse_webhook(body, self.gid)
        for event in events:
            message = event.payload["message"]
            self.memory.set(self._chat_key(message["from_id"]), message["chat_id"])
        return events

    def send_message(self, peer_id: str, text: str, idempotency_key: str) -> str:
        """Answer in the person's chat with the group (``peer_id``: their user id, or a
        ``chat:…`` id). The Bot API keeps no idempotency key: the outbound queue sends once per
        key; a lost answer cannot be checked (a person looks)."""
        bot, chat = self._bot(), self._chat_of(peer_id)
        return self._send(bot, chat, text)

    def _send(self, bot: OKGraph, chat: str, text: str) -> str:
        body = {"recipient": {"chat_id": chat}, "message": {"text": text}}
        message_id = bot.post(f"me/messages/{chat}", body).get("message_id")
        if not message_id:
            raise self.error("Одноклассники не вернули id отправленного сообщения — проверьте "
                             "чат, прежде чем отправлять снова", permanent=True,
                             maybe_applied=True, code="no_message_id")  # fmt: skip
        return str(message_id)

    def _bot(self) -> OKGraph:
        key = str(self.credentials.get("bot_access_token") or "")
        if not key:
            raise self.error("Одноклассники: не указан ключ бота группы — ответьте в сообщениях "
                             "группы на ok.ru", permanent=True, code="no_bot_key")  # fmt: skip
        return OKGraph(self.http, self.limiter, key=key, base=self.graph_url)

    def _chat_key(self, user_id: str) -> str:
        return f"ok:chat:{self.gid}:{user_id}"

    def _chat_of(self, peer_id: str) -> str:
        chat = peer_id if peer_id.startswith("chat:") else self.memory.get(self._chat_key(peer_id))
        if not chat:
            raise self.error("Одноклассники: чат с этим человеком неизвестен (его сообщение не "
                             "пришло через вебхук) — ответьте в сообщениях группы на ok.ru",
                             permanent=True, code="unknown_chat")  # fmt: skip
        return str(chat)


def _sum(trends: dict[str, Any], key: str) -> int | None:
    points = trends.get(key)
    return sum(int(p["value"]) for p in points) if points else None


__all__ = ["OKConnector"]
