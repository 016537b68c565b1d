"""ok-api (https://pypi.org/project/ok-api/) against the OK emulator: signed REST calls as an
admin tool makes them. ok-api always posts to https://api.ok.ru/fb.do through a fresh
``requests`` session; its ``http`` session routes there to us."""

from __future__ import annotations

import json

import pytest
import requests
from ok_api import OkApi

from .conftest import session_to

GID = "70000000000001"
APP_KEY = "CBAOKDEMOAPPKEY"
APP_SECRET = "ok-demo-secret"
TOKEN = "ok-demo-access-token"
SEED_TOPIC = "155000000000001"


@pytest.fixture
def ok(serve, monkeypatch):
    served = serve("ok")
    session = session_to(served.base_url, "api.ok.ru")
    monkeypatch.setattr(OkApi, "http", property(lambda self: session))
    api = OkApi(access_token=TOKEN, application_key=APP_KEY, application_secret_key=APP_SECRET)
    api.served = served
    return api


def test_it_reads_the_group_its_members_and_their_profiles(ok):
    (group,) = ok.group.getInfo(uids=GID, fields="name,members_count").json()["groups"]
    members = ok.group.getMembers(uid=GID, statuses="ADMIN,MODERATOR").json()["members"]
    people = ok.users.getInfo(uids=",".join(m["userId"] for m in members), fields="name").json()
    assert group["name"].startswith("Министерство") and group["members_count"] > 0
    assert {p["uid"] for p in people} == {m["userId"] for m in members}


def test_group_get_info_without_fields_is_refused(ok):
    answer = ok.group.getInfo(uids=GID).json()
    assert answer["error_code"] == 100


def test_it_uploads_a_photo_posts_a_topic_and_deletes_it(ok):
    target = ok.photosV2.getUploadUrl(gid=GID, count=1).json()
    uploaded = requests.post(
        target["upload_url"], files={"pic1": ("a.jpg", b"\xff\xd8photo", "image/jpeg")}, timeout=5
    ).json()
    (photo_id,) = target["photo_ids"]
    token = uploaded["photos"][photo_id]["token"]
    media = [{"type": "text", "text": "Приём граждан в пятницу"},
             {"type": "photo", "list": [{"id": token}]}]  # fmt: skip
    topic_id = ok.mediatopic.post(
        gid=GID, type="GROUP_THEME", attachment=json.dumps({"media": media})
    ).json()
    topics = ok.mediatopic.getTopics(gid=GID, count=5).json()["media_topics"]
    assert topics[0]["id"] == topic_id
    assert ok.mediatopic.deleteTopic(topic_id=topic_id).json() == {"success": True}


def test_a_moderator_reads_and_deletes_comments(ok):
    answer = ok.discussions.getComments(discussionId=SEED_TOPIC, discussionType="GROUP_TOPIC")
    comments = answer.json()["comments"]
    first = comments[0]["id"]
    deleted = ok.discussions.deleteDiscussionComment(
        discussionId=SEED_TOPIC, discussionType="GROUP_TOPIC", comment_id=first
    )
    assert deleted.json() is True
    again = ok.discussions.getComments(discussionId=SEED_TOPIC, discussionType="GROUP_TOPIC")
    assert first not in [c["id"] for c in again.json()["comments"]]


def test_errors_and_rate_limits_have_ok_shapes(ok):
    wrong = OkApi(access_token=TOKEN, application_key=APP_KEY, application_secret_key="wrong")
    assert wrong.group.getInfo(uids=GID, fields="name").json()["error_code"] == 104
    ok.served.app.faults.push("rate_limit", method="group.getInfo")
    limited = ok.group.getInfo(uids=GID, fields="name").json()
    assert limited["error_code"] == 11  # LIMIT_REACHED
