"""The OK emulator answers with the keys and types of the documented payloads."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest

from gospablik.networks.ok.signing import sign
from gospablik_emulators.ok.emulator import OKEmulator, make_app

from ..conftest import documented_diff, fixture_names
from .conftest import APP_KEY, APP_SECRET, GID, SEED_TOPIC, TOKEN


class Session:
    def __init__(self) -> None:
        self.emulator: OKEmulator = make_app()
        self.client = httpx.Client(
            transport=httpx.WSGITransport(app=self.emulator), base_url="https://api.ok.ru"
        )

    def call(self, method: str, secret: str = APP_SECRET, **params: Any) -> Any:
        base = {"application_key": APP_KEY, "method": method, "format": "json"}
        data = sign(base | {k: str(v) for k, v in params.items()}, TOKEN, secret)
        return self.client.post("/fb.do", data=data).json()

    def upload(self) -> Any:
        target = self.call("photosV2.getUploadUrl", gid=GID, count=1)
        return self.client.post(
            target["upload_url"], files={"pic1": ("a.jpg", b"x", "image/jpeg")}
        ).json()


def _topics(s: Session) -> Any:
    attachment = {
        "media": [{"type": "text", "text": "Т"}, {"type": "link", "url": "https://k.example"}]
    }
    s.call("mediatopic.post", gid=GID, type="GROUP_THEME", attachment=json.dumps(attachment))
    return s.call("mediatopic.getTopics", gid=GID, count=1)


def _comments(s: Session) -> Any:
    first = s.emulator.add_comment(SEED_TOPIC, "575000000100", "Вопрос")
    s.emulator.add_comment(SEED_TOPIC, "575000000100", "Ответ", reply_to=first["id"])
    answer = s.call(
        "discussions.getComments", discussionId=SEED_TOPIC, discussionType="GROUP_TOPIC"
    )
    answer["comments"] = answer["comments"][-1:]
    return answer


BOT_KEY = "ok-demo-group-bot-key"
PERSON = "575000000100"


def _graph(s: Session, path: str, body: dict[str, Any]) -> Any:
    return s.client.post(f"/graph/me/{path}", params={"access_token": BOT_KEY}, json=body).json()


def _pushed(s: Session) -> Any:
    s.emulator.push.sender = lambda url, body, headers: (200, "")
    _graph(s, "subscribe", {"url": "https://gp.example/hooks/ok/1/secret-for-tests/"})
    s.emulator.chats.write(GID, PERSON, "text")
    return json.loads(s.emulator.push.log[-1].body)


def _answer(s: Session) -> Any:
    chat = s.emulator.chats.write(GID, PERSON, "Вопрос")["recipient"]["chat_id"]
    return _graph(s, f"messages/{chat}", {"recipient": {"chat_id": chat},
                                           "message": {"text": "Ответ"}})  # fmt: skip


def _stats(s: Session) -> Any:
    s.emulator.set_stats(
        GID, date(2024, 11, 23), renderings=1, page_visits=1, reach=1, members_count=1
    )
    return s.call("group.getStatTrends", gid=GID, start_time=0, end_time=1832320000000,
                  fields="renderings,page_visits,reach,members_count")  # fmt: skip


PRODUCERS: dict[str, Callable[[Session], Any]] = {
    "mediatopic.post": lambda s: s.call(
        "mediatopic.post",
        gid=GID,
        type="GROUP_THEME",
        attachment='{"media":[{"type":"text","text":"Т"}]}',
    ),
    "photosV2.getUploadUrl": lambda s: s.call("photosV2.getUploadUrl", gid=GID, count=1),
    "upload.photos": lambda s: s.upload(),
    "mediatopic.getTopics": _topics,
    "mediatopic.deleteTopic": lambda s: s.call(
        "mediatopic.deleteTopic", gid=GID, topic_id=SEED_TOPIC
    ),
    "discussions.getComments": _comments,
    "discussions.deleteDiscussionComment": lambda s: s.call(
        "discussions.deleteDiscussionComment",
        discussionId=SEED_TOPIC,
        discussionType="GROUP_TOPIC",
        comment_id="155000000000002",
        block_author="true",
    ),  # fmt: skip
    "group.getInfo": lambda s: s.call(
        "group.getInfo",
        uids=GID,
        fields="uid,name,description,shortname,members_count,pic_avatar,phone,address,homepage_url,cover",
    ),
    "group.getMembers": lambda s: s.call("group.getMembers", uid=GID, statuses="ADMIN"),
    "users.getInfo": lambda s: s.call("users.getInfo", uids="575000000001", fields="uid,name"),
    "group.getStatTrends": _stats,
    "error.signature": lambda s: s.call("group.getInfo", secret="wrong", uids=GID),
    "graph.subscribe": lambda s: _graph(s, "subscribe", {"url": "https://gp.example/h/"}),
    "graph.messages": _answer,
    "webhook.message_created": _pushed,
}


def test_every_fixture_has_a_producer():
    assert sorted(PRODUCERS) == fixture_names("ok")


@pytest.mark.parametrize("name", sorted(PRODUCERS))
def test_the_emulator_matches_the_documented_shape(name):
    assert documented_diff("ok", name, PRODUCERS[name](Session())) == []
