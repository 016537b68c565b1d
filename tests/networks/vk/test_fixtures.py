"""The emulator answers with the keys and types of the documented VK payloads (fixtures)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest

from gospablik_emulators.emulation import PushDelivery, read_request, text_response, wsgi_sender
from gospablik_emulators.vk.emulator import VKEmulator, make_app

from ..conftest import documented_diff, fixture_names
from .conftest import GROUP, OWNER, USER_TOKEN


class Session:
    """Raw wire-level access to a fresh emulator, plus the events it delivers."""

    def __init__(self) -> None:
        self.emulator: VKEmulator = make_app()
        self.client = httpx.Client(
            transport=httpx.WSGITransport(app=self.emulator), base_url="https://api.vk.ru"
        )
        self.delivered: list[dict[str, Any]] = []
        self.emulator.push = PushDelivery(wsgi_sender(self._endpoint), accept=lambda s, r: True)
        self.emulator.add_callback_server(GROUP, "/callback", "s3cr3t", confirm=False).status = "ok"

    def _endpoint(self, environ, start_response):
        self.delivered.append(read_request(environ).json())
        return text_response(start_response, "ok")

    def call(self, method: str, **params: Any) -> Any:
        data = {"access_token": USER_TOKEN, "v": "5.199"} | {k: str(v) for k, v in params.items()}
        return self.client.post(f"/method/{method}", data=data).json()

    def upload(self, url: str, field: str = "photo") -> Any:
        return self.client.post(url, files={field: ("a.jpg", b"data", "image/jpeg")}).json()

    def photo(self) -> dict[str, Any]:
        server = self.call("photos.getWallUploadServer", group_id=GROUP)["response"]
        up = self.upload(server["upload_url"])
        return self.call("photos.saveWallPhoto", group_id=GROUP, **up)["response"][0]

    def post(self, text: str = "Текст", with_photo: bool = True) -> int:
        attachments = f"photo{OWNER}_{self.photo()['id']}" if with_photo else ""
        answer = self.call(
            "wall.post", owner_id=OWNER, from_group=1, message=text, attachments=attachments
        )
        return int(answer["response"]["post_id"])

    def event(self, vk_type: str) -> dict[str, Any]:
        return [e for e in self.delivered if e["type"] == vk_type][-1]


def _comments(s: Session) -> Any:
    post = s.post()
    first = s.emulator.add_comment(GROUP, post, 200, "Вопрос")
    s.emulator.add_comment(GROUP, post, OWNER, "Ответ", reply_to=first["id"])
    return s.call(
        "wall.getComments", owner_id=OWNER, post_id=post, extended=1, thread_items_count=10
    )


def _repost(s: Session) -> Any:
    source = s.emulator.add_external_post(219000002, "Новость")
    s.call("wall.repost", object=f"wall-219000002_{source['id']}", group_id=GROUP)
    return s.call("wall.get", owner_id=OWNER, count=1)


def _cover_upload(s: Session) -> Any:
    return s.upload(
        s.call("photos.getOwnerCoverPhotoUploadServer", group_id=GROUP)["response"]["upload_url"]
    )


def _cover_save(s: Session) -> Any:
    return s.call("photos.saveOwnerCoverPhoto", **_cover_upload(s))


def _video(s: Session) -> Any:
    return s.call("video.save", group_id=GROUP, name="Ролик")


def _stats(s: Session) -> Any:
    s.emulator.set_stats(GROUP, date(2024, 11, 23), views=2100, visitors=900, reach=5400)
    return s.call("stats.get", group_id=GROUP, timestamp_from=1732320000, timestamp_to=1732406400)


def _ban(s: Session) -> Any:
    s.call(
        "groups.ban", group_id=GROUP, owner_id=200, reason=1, comment="Реклама", end_date=1733000000
    )
    return s.call("groups.getBanned", group_id=GROUP)


def _fault(s: Session, code: int, method: str) -> Any:
    s.emulator.faults.push("error", code=code, method=method)
    return s.call(method, owner_id=OWNER)


def _long_poll(s: Session) -> Any:
    server = s.call("groups.getLongPollServer", group_id=GROUP)["response"]
    s.emulator.add_comment(GROUP, 3, 200, "Вопрос")
    return s.client.get(
        server["server"], params={"act": "a_check", "key": server["key"], "ts": server["ts"]}
    ).json()


def _callback(vk_type: str) -> Callable[[Session], Any]:
    def produce(s: Session) -> Any:
        actions = {
            "wall_reply_new": lambda: s.emulator.add_comment(GROUP, 3, 200, "Вопрос"),
            "wall_reply_edit": lambda: s.emulator.edit_comment(GROUP, 5, "Правка"),
            "wall_reply_delete": lambda: s.call("wall.deleteComment", owner_id=OWNER, comment_id=5),
            "wall_reply_restore": lambda: (
                s.call("wall.deleteComment", owner_id=OWNER, comment_id=5),
                s.call("wall.restoreComment", owner_id=OWNER, comment_id=5),
            ),
            "wall_post_new": lambda: s.post(),
            "wall_repost": lambda: _repost(s),
            "message_new": lambda: s.emulator.send_message(GROUP, 200, "Вопрос"),
            "group_officers_edit": lambda: s.emulator.add_admin(GROUP, 201, "moderator"),
            "group_change_settings": lambda: s.emulator.rename_community(GROUP, "Минздрав"),
            "group_change_photo": lambda: s.emulator.change_photo(
                GROUP, "https://vk.example/a.jpg"
            ),
        }
        actions[vk_type]()
        return s.event(vk_type)

    return produce


PRODUCERS: dict[str, Callable[[Session], Any]] = {
    "wall.post": lambda s: s.call("wall.post", owner_id=OWNER, from_group=1, message="Текст"),
    "wall.get": lambda s: (s.post(), s.call("wall.get", owner_id=OWNER, count=1))[1],
    "wall.get.repost": _repost,
    "wall.repost": lambda s: s.call("wall.repost", object=f"wall{OWNER}_3", group_id=GROUP),
    "wall.delete": lambda s: s.call("wall.delete", owner_id=OWNER, post_id=3),
    "wall.getComments": _comments,
    "wall.deleteComment": lambda s: s.call("wall.deleteComment", owner_id=OWNER, comment_id=5),
    "wall.restoreComment": lambda s: (
        s.call("wall.deleteComment", owner_id=OWNER, comment_id=5),
        s.call("wall.restoreComment", owner_id=OWNER, comment_id=5),
    )[1],
    "groups.getById": lambda s: (
        _cover_save(s),
        s.call("groups.getById", group_id=GROUP, fields="description,members_count,cover,verified"),
    )[1],
    "groups.getMembers.managers": lambda s: s.call(
        "groups.getMembers", group_id=GROUP, filter="managers", fields="first_name,last_name"
    ),
    "groups.ban": lambda s: s.call("groups.ban", group_id=GROUP, owner_id=200),
    "groups.unban": lambda s: s.call("groups.unban", group_id=GROUP, owner_id=200),
    "groups.getBanned": _ban,
    "photos.getWallUploadServer": lambda s: s.call("photos.getWallUploadServer", group_id=GROUP),
    "upload.photo": lambda s: s.upload(
        s.call("photos.getWallUploadServer", group_id=GROUP)["response"]["upload_url"]
    ),
    "photos.saveWallPhoto": lambda s: {"response": [s.photo()]},
    "polls.create": lambda s: s.call(
        "polls.create",
        owner_id=OWNER,
        question="Вопрос?",
        add_answers='["Да","Нет"]',
        is_anonymous=1,
    ),
    "video.save": _video,
    "upload.video": lambda s: s.upload(_video(s)["response"]["upload_url"], "video_file"),
    "photos.getOwnerCoverPhotoUploadServer": lambda s: s.call(
        "photos.getOwnerCoverPhotoUploadServer", group_id=GROUP
    ),
    "upload.cover": _cover_upload,
    "photos.saveOwnerCoverPhoto": _cover_save,
    "stats.get": _stats,
    "groups.getLongPollServer": lambda s: s.call("groups.getLongPollServer", group_id=GROUP),
    "groups.getCallbackConfirmationCode": lambda s: s.call(
        "groups.getCallbackConfirmationCode", group_id=GROUP
    ),
    "error.captcha": lambda s: _fault(s, 14, "wall.post"),
    "error.too_many": lambda s: _fault(s, 6, "wall.get"),
    "longpoll.a_check": _long_poll,
    "callback.confirmation": lambda s: {"type": "confirmation", "group_id": GROUP},
}
CALLBACK_TYPES = (
    "wall_reply_new", "wall_reply_edit", "wall_reply_delete", "wall_reply_restore",
    "wall_post_new", "wall_repost", "message_new", "group_officers_edit",
    "group_change_settings", "group_change_photo",
)  # fmt: skip
PRODUCERS |= {f"callback.{t}": _callback(t) for t in CALLBACK_TYPES}


def test_every_fixture_has_a_producer():
    assert sorted(PRODUCERS) == fixture_names("vk")


@pytest.mark.parametrize("name", sorted(PRODUCERS))
def test_the_emulator_matches_the_documented_shape(name):
    assert documented_diff("vk", name, PRODUCERS[name](Session())) == []
