"""An Instagram professional account through the Instagram Graph API (Facebook Login).

Publishing is two-step: ``POST /{ig-user-id}/media`` makes a container from media that
Meta downloads from a public URL, then ``POST /{ig-user-id}/media_publish`` publishes it.
Meta cannot take our bytes: the app must serve each ``MediaFile`` at
``{media_base_url}/{filename}`` before publishing (see docs/connectors.md). Containers are
remembered per idempotency key in ``self.memory`` (:mod:`..memory`; this process unless a
store is passed) so ``media_publish`` runs once per container; a container whose
``status_code`` is ``PUBLISHED`` proves the publish happened.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import quote

from ..base import (
    BaseConnector,
    Capability,
    ConfigField,
    ConnectorError,
    InboundEvent,
    MediaFile,
    PostDraft,
    Profile,
    PublishedPost,
    RemoteComment,
    RemotePost,
    check_draft,
    comment_gone,
)
from ..facebook.graph import (
    GRAPH_FIELDS,
    graph_auth,
    graph_result,
    graph_url,
    is_missing_object,
    parse_time,
)
from .webhook import parse_webhook

MAX_CAPTION = 2200
_COMMENT = "id,text,timestamp,username,from,hidden"
COMMENT_FIELDS = f"{_COMMENT},replies{{{_COMMENT}}}"
MEDIA_FIELDS = "id,caption,timestamp,permalink,media_type,username"


class InstagramConnector(BaseConnector):
    network = "instagram"
    capabilities = frozenset({
        Capability.PUBLISH_PHOTO, Capability.PUBLISH_VIDEO, Capability.DELETE_POST,
        Capability.READ_WALL, Capability.READ_COMMENTS, Capability.DELETE_COMMENT,
        Capability.HIDE_COMMENT, Capability.READ_PROFILE, Capability.PUSH_EVENTS,
        Capability.SEND_MESSAGE, Capability.REPLY_COMMENT,
    })  # fmt: skip
    config_schema = (
        ConfigField("ig_user_id", "Id профессионального аккаунта Instagram"),
        ConfigField("media_base_url", "Публичный адрес, где приложение раздаёт медиафайлы",
                    help="Meta скачивает фото и видео по этому адресу: https://…/media"),
        *GRAPH_FIELDS,
        ConfigField("access_token", "Маркер доступа (страница/пользователь)", secret=True),
        ConfigField("app_secret", "Секрет приложения", secret=True, required=False),
        ConfigField("verify_token", "Маркер подтверждения подписки вебхука", secret=True,
                    required=False),
    )  # fmt: skip
    poll_interval = 3.0  # seconds between container status reads
    poll_attempts = 10

    def _setup(self) -> None:
        self.sleep: Callable[[float], None] = time.sleep

    @property
    def ig_user(self) -> str:
        return str(self.config["ig_user_id"])

    def call(self, verb: str, path: str, params: dict[str, Any] | None = None) -> Any:
        token = self.credentials["access_token"]
        self.throttle(token, 5.0)
        query = {k: str(v) for k, v in (params or {}).items()}
        query |= graph_auth(token, self.credentials.get("app_secret"))
        response = self.http.request(verb, graph_url(self.config, path), params=query)
        return graph_result(self.network, response)

    # --- publishing -------------------------------------------------------------------------

    def publish(self, draft: PostDraft) -> PublishedPost:
        check_draft(self, draft)
        if not draft.photos and not draft.video:
            self.unsupported(Capability.PUBLISH_TEXT)  # Instagram has no text-only posts
        if len(draft.text) > MAX_CAPTION:
            raise self.error(f"Подпись длиннее {MAX_CAPTION} символов", permanent=True,
                             code="too_long")  # fmt: skip
        container = self.memory.get(self._key(draft.idempotency_key))
        status = self._known_status(container)
        if status == "PUBLISHED":
            return self._already_published(draft.text)
        if container is None or status in ("ERROR", "EXPIRED"):
            self._check_quota()
            container = self._container(draft)
            self.memory.set(self._key(draft.idempotency_key), container)
        self._wait_finished(container)
        media_id = str(self.call("POST", f"{self.ig_user}/media_publish",
                                 {"creation_id": container})["id"])  # fmt: skip
        return self._published(media_id)

    def _already_published(self, caption: str) -> PublishedPost:
        """The container of this key was published by an earlier attempt (lost answer)."""
        found = self._by_caption(caption, None)
        if found is None:
            raise self.error("Пост уже опубликован в Instagram, но не найден среди последних "
                             "публикаций: проверьте аккаунт вручную", needs_person=True,
                             code="published_not_found")  # fmt: skip
        return found

    def _url(self, media: MediaFile) -> str:
        return f"{str(self.config['media_base_url']).rstrip('/')}/{quote(media.filename)}"

    def _container(self, draft: PostDraft) -> str:
        items = [("IMAGE", p) for p in draft.photos]
        if draft.video:
            items.append(("VIDEO" if draft.photos else "REELS", draft.video))
        if len(items) == 1:
            return self._make(items[0][0], items[0][1], caption=draft.text)
        children = [self._make(kind, media, is_carousel_item="true") for kind, media in items[:10]]
        params = {"media_type": "CAROUSEL", "children": ",".join(children), "caption": draft.text}
        return str(self.call("POST", f"{self.ig_user}/media", params)["id"])

    def _make(self, kind: str, media: MediaFile, **params: str) -> str:
        field = "image_url" if kind == "IMAGE" else "video_url"
        if kind != "IMAGE":
            params["media_type"] = kind
        params[field] = self._url(media)
        return str(self.call("POST", f"{self.ig_user}/media", params)["id"])

    def _key(self, idempotency_key: str) -> str:
        """Where ``self.memory`` keeps the container made for ``idempotency_key``."""
        return f"instagram:container:{self.ig_user}:{idempotency_key}"

    def _known_status(self, container: str | None) -> str | None:
        """The status of a container we made earlier; None when there is none (any more)."""
        if container is None:
            return None
        try:
            return self._status(container)
        except ConnectorError as error:
            if error.code == 100:  # unknown to Meta (containers expire after 24 h)
                return None
            raise

    def _status(self, container: str) -> str:
        return str(self.call("GET", container, {"fields": "status_code,status"})["status_code"])

    def _wait_finished(self, container: str) -> None:
        for attempt in range(self.poll_attempts):
            status = self._status(container)
            if status == "FINISHED":
                return
            if status in ("ERROR", "EXPIRED"):
                raise self.error(f"Instagram не смог обработать медиафайл ({status}): проверьте, "
                                 "что файл доступен по media_base_url", permanent=True,
                                 code=status)  # fmt: skip
            if attempt + 1 < self.poll_attempts:
                self.sleep(self.poll_interval)
        raise self.error("Instagram ещё обрабатывает медиафайл — повторим позже",
                         retry_after=60.0, code="IN_PROGRESS")  # fmt: skip

    def _check_quota(self) -> None:
        answer = self.call("GET", f"{self.ig_user}/content_publishing_limit",
                           {"fields": "quota_usage,config"})  # fmt: skip
        for item in answer.get("data") or []:
            total = (item.get("config") or {}).get("quota_total")
            if total is not None and int(item.get("quota_usage") or 0) >= int(total):
                raise self.error(f"Исчерпан лимит Instagram: {total} публикаций за 24 часа",
                                 retry_after=3600.0, code="quota")  # fmt: skip

    def _published(self, media_id: str) -> PublishedPost:
        media = self.call("GET", media_id, {"fields": "permalink,timestamp"})
        return PublishedPost(media_id, str(media.get("permalink") or ""),
                             parse_time(media["timestamp"]))  # fmt: skip

    def find_published(
        self, idempotency_key: str, since: datetime, *, text: str | None = None
    ) -> PublishedPost | None:
        """A container this process made for the key tells for sure (``PUBLISHED`` or not);
        otherwise match ``text`` against the captions of recent media."""
        status = self._known_status(self.memory.get(self._key(idempotency_key)))
        if status is not None and status != "PUBLISHED":
            return None
        if not text:
            raise self.error("Не удалось проверить, вышел ли пост в Instagram (нет подписи "
                             "для сравнения): проверьте аккаунт вручную",
                             needs_person=True, code="unverifiable")  # fmt: skip
        return self._by_caption(text, since)

    def _by_caption(self, text: str, since: datetime | None) -> PublishedPost | None:
        wanted = " ".join(text.split())
        for item in self._media(25):
            posted = parse_time(item["timestamp"])
            if since is not None and posted < since:
                break
            if " ".join(str(item.get("caption") or "").split()) == wanted:
                return PublishedPost(str(item["id"]), str(item.get("permalink") or ""), posted)
        return None

    def delete_post(self, post_id: str) -> None:
        """VERIFY: ``DELETE /{ig-media-id}`` — see docs/connectors.md."""
        self.call("DELETE", post_id)

    # --- reading --------------------------------------------------------------------------------

    def _media(self, limit: int) -> list[dict[str, Any]]:
        answer = self.call("GET", f"{self.ig_user}/media", {"fields": MEDIA_FIELDS,
                                                             "limit": min(limit, 100)})  # fmt: skip
        return list(answer.get("data") or [])[:limit]

    def read_wall(self, since: datetime | None = None, limit: int = 100) -> list[RemotePost]:
        posts = [
            RemotePost(str(m["id"]), str(m.get("caption") or ""), parse_time(m["timestamp"]),
                       False, None, self.ig_user, str(m.get("permalink") or ""), "post")
            for m in self._media(limit)
        ]  # fmt: skip
        return [p for p in posts if since is None or p.date >= since]

    def read_comments(self, post_id: str, since_id: str | None = None) -> list[RemoteComment]:
        answer = self.call("GET", f"{post_id}/comments", {"fields": COMMENT_FIELDS})
        comments: list[RemoteComment] = []
        for item in answer.get("data") or []:
            comments.append(_comment(item, post_id, None))
            replies = (item.get("replies") or {}).get("data") or []
            comments.extend(_comment(r, post_id, str(item["id"])) for r in replies)
        ids = [c.comment_id for c in comments]
        return comments[ids.index(since_id) + 1 :] if since_id in ids else comments

    def delete_comment(self, comment: RemoteComment, *, block_author: bool = False) -> None:
        if block_author:
            self.unsupported(Capability.BAN_USER)  # no way to block people through the API
        self.call("DELETE", comment.comment_id)

    def hide_comment(self, comment: RemoteComment) -> None:
        self.call("POST", comment.comment_id, {"hide": "true"})

    def reply_comment(self, post_id: str, comment_id: str, text: str, idempotency_key: str) -> str:
        """``POST /{ig-comment-id}/replies`` (top-level, not hidden comments only; the
        caller passes the top-level comment of a reply); the queue reads back before a repeat."""

        def send() -> str:
            try:
                answer = self.call("POST", f"{comment_id}/replies", {"message": text})
            except ConnectorError as error:
                if is_missing_object(error):
                    raise comment_gone(self.network) from error
                raise
            return str(answer["id"])

        return send()

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> list[InboundEvent]:
        return parse_webhook(body, headers, self.credentials.get("app_secret", ""))

    def send_message(self, peer_id: str, text: str, idempotency_key: str) -> str:
        """Instagram Messaging: ``POST /me/messages`` to the person's Instagram-scoped id
        (``me`` is the Page linked to the account with a Page token, or the account itself
        with an Instagram token; needs ``instagram_manage_messages``; within 24 hours of
        the person's message). No idempotency key: the outbound queue sends once per key."""
        params = {"recipient": json.dumps({"id": peer_id}),
                  "message": json.dumps({"text": text}, ensure_ascii=False)}  # fmt: skip
        return str(self.call("POST", "me/messages", params)["message_id"])

    def read_profile(self) -> Profile:
        fields = "id,username,name,biography,profile_picture_url,followers_count,media_count"
        user = self.call("GET", self.ig_user, {"fields": fields})
        return Profile(
            community_id=str(user["id"]),
            title=str(user.get("name") or user.get("username") or ""),
            screen_name=str(user.get("username") or ""),
            description=str(user.get("biography") or ""),
            avatar_url=str(user.get("profile_picture_url") or ""),
            cover_url=None,
            members_count=user.get("followers_count"),
            verified=None,
        )


def _comment(item: dict[str, Any], post_id: str, parent: str | None) -> RemoteComment:
    author = item.get("from") or {}
    return RemoteComment(
        comment_id=str(item["id"]),
        post_id=post_id,
        author_id=str(author.get("id") or ""),
        author_name=str(item.get("username") or author.get("username") or ""),
        text=str(item.get("text") or ""),
        date=parse_time(item["timestamp"]),
        attachments=[],
        parent_id=parent,
    )
