"""A Facebook Page through the Graph API with a Page access token.

Posts: ``POST /{page}/feed`` (text, link, native scheduling with ``published=false`` +
``scheduled_publish_time``); one photo ``POST /{page}/photos``; several photos are uploaded
unpublished and attached with ``attached_media``. Comments, hiding, deleting, the Page's
blocked list, roles and insights as in the Graph reference (see docs/connectors.md).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ..base import (
    Admin,
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
    Stats,
    check_draft,
    comment_gone,
)
from .graph import (
    GRAPH_FIELDS,
    graph_auth,
    graph_result,
    graph_url,
    is_missing_object,
    parse_time,
)
from .webhook import parse_webhook

ROLE_BY_TASK = (("MANAGE", "administrator"), ("CREATE_CONTENT", "editor"),
                ("MODERATE", "moderator"), ("ADVERTISE", "advertiser"))  # fmt: skip
COMMENT_FIELDS = "id,message,from,created_time,parent{id},is_hidden,attachment"
DEFAULT_METRICS = "page_impressions,page_impressions_unique"


class FacebookConnector(BaseConnector):
    network = "facebook"
    capabilities = frozenset({
        Capability.PUBLISH_TEXT, Capability.PUBLISH_PHOTO, Capability.PUBLISH_LINK,
        Capability.SCHEDULE_NATIVE, Capability.DELETE_POST, Capability.READ_WALL,
        Capability.READ_COMMENTS, Capability.DELETE_COMMENT, Capability.HIDE_COMMENT,
        Capability.BAN_USER, Capability.UNBAN_USER, Capability.READ_PROFILE,
        Capability.READ_ADMINS, Capability.READ_STATS, Capability.PUSH_EVENTS,
        Capability.SEND_MESSAGE, Capability.REPLY_COMMENT,
    })  # fmt: skip
    config_schema = (
        ConfigField("page_id", "Id страницы Facebook"),
        *GRAPH_FIELDS,
        ConfigField("insights_metrics", "Метрики статистики", required=False,
                    help=DEFAULT_METRICS),
        ConfigField("page_token", "Маркер доступа страницы", secret=True),
        ConfigField("app_secret", "Секрет приложения (подпись вебхуков, appsecret_proof)",
                    secret=True, required=False),
        ConfigField("verify_token", "Маркер подтверждения подписки вебхука (verify_token)",
                    secret=True, required=False),
    )  # fmt: skip

    @property
    def page_id(self) -> str:
        return str(self.config["page_id"])

    def call(self, verb: str, path: str, *, params: dict[str, Any] | None = None,
             files: dict[str, Any] | None = None) -> Any:  # fmt: skip
        token = self.credentials["page_token"]
        self.throttle(token, 10.0)
        url = graph_url(self.config, path)
        auth = graph_auth(token, self.credentials.get("app_secret"))
        data = {k: str(v) for k, v in (params or {}).items()}
        if verb == "GET" or verb == "DELETE":
            response = self.http.request(verb, url, params={**data, **auth})
        else:
            response = self.http.request(verb, url, params=auth, data=data, files=files)
        return graph_result(self.network, response)

    # --- publishing -----------------------------------------------------------------------------

    def publish(self, draft: PostDraft) -> PublishedPost:
        check_draft(self, draft)
        params = self._post_params(draft)
        if len(draft.photos) == 1 and not draft.publish_at:
            result = self._photo(draft.photos[0], {**params, "caption": params.pop("message")})
            post_id = str(result["post_id"] if "post_id" in result else result["id"])
        else:
            unpublished = {"published": "false", "temporary": str(bool(draft.publish_at)).lower()}
            for i, photo in enumerate(draft.photos):
                uploaded = self._photo(photo, unpublished)
                params[f"attached_media[{i}]"] = f'{{"media_fbid":"{uploaded["id"]}"}}'
            post_id = self._feed(params)
        when = draft.publish_at or datetime.now(UTC)
        return PublishedPost(post_id, f"https://www.facebook.com/{post_id}", when)

    def _post_params(self, draft: PostDraft) -> dict[str, Any]:
        message = draft.text
        params: dict[str, Any] = {"message": message}
        if draft.link and draft.photos and draft.link not in message:
            params["message"] = f"{message}\n\n{draft.link}".strip()
        elif draft.link:
            params["link"] = draft.link
        if draft.publish_at:
            params.update(published="false",
                          scheduled_publish_time=int(draft.publish_at.timestamp()))  # fmt: skip
        return params

    def _feed(self, params: dict[str, Any]) -> str:
        try:
            return str(self.call("POST", f"{self.page_id}/feed", params=params)["id"])
        except ConnectorError as error:
            if error.code == 506:
                raise self.error("Facebook отклонил пост как дубликат: такой текст уже "
                                 "опубликован — проверьте страницу", permanent=True,
                                 maybe_applied=True, code=506) from error  # fmt: skip
            raise

    def _photo(self, photo: MediaFile, params: dict[str, Any]) -> dict[str, Any]:
        files = {"source": (photo.filename, photo.content, photo.mime)}
        return dict(self.call("POST", f"{self.page_id}/photos", params=params, files=files))

    def find_published(
        self, idempotency_key: str, since: datetime, *, text: str | None = None
    ) -> PublishedPost | None:
        """Graph keeps no idempotency key: match ``text`` among published and scheduled
        posts created since ``since``."""
        if not text:
            raise self.error("Не удалось проверить, вышел ли пост в Facebook (нет текста для "
                             "сравнения): проверьте страницу вручную",
                             needs_person=True, code="unverifiable")  # fmt: skip
        wanted = " ".join(text.split())
        for edge in ("feed", "scheduled_posts"):
            for item in self._posts(edge, since, 100):
                message = " ".join(str(item.get("message") or "").split())
                if message == wanted or message.startswith(wanted + " http"):
                    return PublishedPost(item["id"], str(item.get("permalink_url") or ""),
                                         parse_time(item["created_time"]))  # fmt: skip
        return None

    def delete_post(self, post_id: str) -> None:
        try:
            self.call("DELETE", post_id)
        except ConnectorError as error:
            if error.code != 100:  # 100/33: no such object — already deleted
                raise

    # --- reading -------------------------------------------------------------------------------

    def _posts(self, edge: str, since: datetime | None, limit: int) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"fields": "id,message,created_time,permalink_url,from",
                                  "limit": min(limit, 100)}  # fmt: skip
        if since is not None:
            params["since"] = int(since.timestamp())
        found: list[dict[str, Any]] = []
        while len(found) < limit:
            answer = self.call("GET", f"{self.page_id}/{edge}", params=params)
            found.extend(answer.get("data") or [])
            paging = answer.get("paging") or {}
            if "next" not in paging:
                break
            params["after"] = paging["cursors"]["after"]
        return found[:limit]

    def read_wall(self, since: datetime | None = None, limit: int = 100) -> list[RemotePost]:
        return [
            RemotePost(p["id"], str(p.get("message") or ""), parse_time(p["created_time"]),
                       False, None, str((p.get("from") or {}).get("id") or "") or None,
                       str(p.get("permalink_url") or ""), "post")
            for p in self._posts("feed", since, limit)
        ]  # fmt: skip

    def read_comments(self, post_id: str, since_id: str | None = None) -> list[RemoteComment]:
        params: dict[str, Any] = {"fields": COMMENT_FIELDS, "filter": "stream",
                                  "order": "chronological", "limit": 100}  # fmt: skip
        comments: list[RemoteComment] = []
        while True:
            answer = self.call("GET", f"{post_id}/comments", params=params)
            data = answer.get("data") or []
            comments.extend(_comment(c, post_id) for c in data)
            if len(data) < params["limit"]:
                break
            params["after"] = answer["paging"]["cursors"]["after"]
        ids = [c.comment_id for c in comments]
        return comments[ids.index(since_id) + 1 :] if since_id in ids else comments

    # --- moderation ----------------------------------------------------------------------------

    def delete_comment(self, comment: RemoteComment, *, block_author: bool = False) -> None:
        self.call("DELETE", comment.comment_id)
        if block_author and comment.author_id:
            self.ban(comment.author_id, reason="other", until=None)

    def reply_comment(self, post_id: str, comment_id: str, text: str, idempotency_key: str) -> str:
        """``POST /{comment-id}/comments`` as the Page (a reply in the comment's thread).
        The Graph API keeps no idempotency key: the outbound queue reads back before a repeat."""

        def send() -> str:
            try:
                answer = self.call("POST", f"{comment_id}/comments", params={"message": text})
            except ConnectorError as error:
                if is_missing_object(error):
                    raise comment_gone(self.network) from error
                raise
            return str(answer["id"])

        return send()

    def hide_comment(self, comment: RemoteComment) -> None:
        """Hidden comments stay visible to their author and friends."""
        self.call("POST", comment.comment_id, params={"is_hidden": "true"})

    def ban(self, user_id: str, *, reason: str, until: datetime | None, comment: str = "") -> None:
        """Block from the Page (no term, no reason in the Graph API)."""
        if until is not None:
            self.unsupported(Capability.BAN_END_DATE)
        self.call("POST", f"{self.page_id}/blocked", params={"user": user_id})

    def unban(self, user_id: str) -> None:
        self.call("DELETE", f"{self.page_id}/blocked", params={"user": user_id})

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> list[InboundEvent]:
        return parse_webhook(body, headers, self.credentials.get("app_secret", ""))

    # --- Messenger -------------------------------------------------------------------------------

    def send_message(self, peer_id: str, text: str, idempotency_key: str) -> str:
        """Send API: ``POST /{page}/messages`` to the person's page-scoped id as a
        ``RESPONSE`` (allowed within 24 hours of their last message; needs
        ``pages_messaging``). The Send API has no idempotency key: the outbound queue
        sends once per key."""
        params = {"recipient": json.dumps({"id": peer_id}), "messaging_type": "RESPONSE",
                  "message": json.dumps({"text": text}, ensure_ascii=False)}  # fmt: skip
        path = f"{self.page_id}/messages"
        return str(self.call("POST", path, params=params)["message_id"])

    # --- the Page ------------------------------------------------------------------------------

    def read_profile(self) -> Profile:
        fields = "id,name,username,about,picture{url},cover{source},followers_count,fan_count,"
        page = self.call("GET", self.page_id, params={"fields": fields + "verification_status"})
        return Profile(
            community_id=str(page["id"]),
            title=str(page.get("name") or ""),
            screen_name=str(page.get("username") or ""),
            description=str(page.get("about") or ""),
            avatar_url=str(((page.get("picture") or {}).get("data") or {}).get("url") or ""),
            cover_url=(page.get("cover") or {}).get("source"),
            members_count=page.get("followers_count", page.get("fan_count")),
            verified=page.get("verification_status") in ("blue_verified", "gray_verified"),
        )

    def read_admins(self) -> list[Admin]:
        """People with a role on the Page (``/roles``: people outside a business portfolio;
        business users are on ``/assigned_users`` and need a business id — not read)."""
        answer = self.call("GET", f"{self.page_id}/roles")
        return [Admin(str(r["id"]), str(r.get("name") or ""), _role(r.get("tasks") or []))
                for r in answer.get("data") or []]  # fmt: skip

    def read_stats(self, since: date, until: date) -> Stats:
        metrics = str(self.config.get("insights_metrics") or DEFAULT_METRICS)
        start = datetime.combine(since, time.min, tzinfo=UTC)
        end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC)
        params = {"metric": metrics, "period": "day", "since": int(start.timestamp()),
                  "until": int(end.timestamp())}  # fmt: skip
        answer = self.call("GET", f"{self.page_id}/insights", params=params)
        totals = {m["name"]: sum(int(v.get("value") or 0) for v in m.get("values") or [])
                  for m in answer.get("data") or []}  # fmt: skip
        names = metrics.split(",")
        page = self.call("GET", self.page_id, params={"fields": "followers_count"})
        return Stats(since, until, views=totals.get(names[0]),
                     visitors=None, reach=totals.get(names[1]) if len(names) > 1 else None,
                     members=page.get("followers_count"))  # fmt: skip


def _role(tasks: list[str]) -> str:
    return next((role for task, role in ROLE_BY_TASK if task in tasks), "moderator")


def _comment(item: dict[str, Any], post_id: str) -> RemoteComment:
    author = item.get("from") or {}  # absent without the MODERATE task on the Page
    parent = (item.get("parent") or {}).get("id")
    attachment = item.get("attachment")
    return RemoteComment(
        comment_id=str(item["id"]),
        post_id=post_id,
        author_id=str(author.get("id") or ""),
        author_name=str(author.get("name") or ""),
        text=str(item.get("message") or ""),
        date=parse_time(item["created_time"]),
        attachments=[attachment] if attachment else [],
        parent_id=str(parent) if parent else None,
    )
