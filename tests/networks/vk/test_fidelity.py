"""The VK emulator answers as VK's documentation says (https://dev.vk.com/ru/method/...):
what typed and untyped VK clients send and expect."""

from __future__ import annotations

import json

import httpx
import pytest

from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.vk.emulator import VKEmulator

from .conftest import COMMUNITY_TOKEN, GROUP, OWNER, SEED_POST, USER_TOKEN


@pytest.fixture
def api(emulator: VKEmulator):
    client = httpx.Client(transport=emulator_transport(emulator), base_url="https://api.vk.ru")

    def call(method: str, token: str = USER_TOKEN, **params: object) -> dict:
        data = {"v": "5.199", "access_token": token, **{k: str(v) for k, v in params.items()}}
        return client.post(f"/method/{method}", data=data).json()

    return call


def test_messages_send_takes_user_id_and_peer_ids(api, emulator):
    for person in (200, 201):
        emulator.send_message(GROUP, person, "Здравствуйте")
    one = api("messages.send", COMMUNITY_TOKEN, user_id=200, random_id=11, message="Ответ")
    many = api("messages.send", COMMUNITY_TOKEN, peer_ids="200,201,202", random_id=0,
               message="Всем")  # fmt: skip
    assert isinstance(one["response"], int)
    answers = many["response"]
    assert [a["peer_id"] for a in answers] == [200, 201, 202]
    assert all("message_id" in a for a in answers[:2]) and answers[2]["error"]["code"] == 901


def test_random_id_zero_never_deduplicates(api, emulator):
    emulator.send_message(GROUP, 200, "Здравствуйте")
    ids = [
        api("messages.send", COMMUNITY_TOKEN, peer_id=200, random_id=rid, message="Ответ")[
            "response"
        ]
        for rid in (0, 0, 7, 7)
    ]
    assert ids[0] != ids[1] and ids[2] == ids[3] and len(set(ids)) == 3
    assert len(emulator.sent_messages(GROUP)) == 3


def test_message_new_carries_version_and_random_id(emulator):
    emulator.send_message(GROUP, 200, "Вопрос")
    event = emulator.state.community(GROUP).events[-1]
    message = event["object"]["message"]
    assert isinstance(message["version"], int) and message["random_id"] == 0


def test_wall_get_extended_lists_authors_with_fields(api):
    answer = api("wall.get", owner_id=OWNER, extended=1, fields="photo_100")["response"]
    assert answer["items"] and [g["id"] for g in answer["groups"]] == [GROUP]
    assert "profiles" in answer
    plain = api("wall.get", owner_id=OWNER)["response"]
    assert "groups" not in plain and "profiles" not in plain


def test_users_get_returns_the_fields_asked_for(api):
    (anna,) = api("users.get", user_ids=100, fields="screen_name,photo_100,sex")["response"]
    assert (anna["screen_name"], anna["sex"]) == ("id100", 0)
    assert anna["photo_100"].startswith("https://api.vk.ru/media/")
    (me,) = api("users.get")["response"]  # a user token without ids: its owner
    assert me["id"] == 100 and "screen_name" not in me


def test_groups_get_members_applies_fields(api):
    ids = api("groups.getMembers", group_id=GROUP)["response"]
    people = api("groups.getMembers", group_id=GROUP, fields="screen_name")["response"]
    assert ids["items"] == [100, 101]
    assert [(p["id"], p["screen_name"]) for p in people["items"]] == [
        (100, "id100"),
        (101, "id101"),
    ]
    managers = api("groups.getMembers", group_id=GROUP, filter="managers", fields="domain")
    assert {m["domain"] for m in managers["response"]["items"]} == {"id100", "id101"}


def test_execute_runs_several_calls_and_reports_failed_ones(api):
    code = (
        f'var wall = API.wall.get({{"owner_id": {OWNER}, "count": 1}});'
        f'var comments = API.wall.getComments({{"owner_id": {OWNER}, "post_id": {SEED_POST}}});'
        'var missing = API.wall.getComments({"owner_id": 1});'
        'return {"post": wall.items[0].id, "authors": comments.items@.from_id, '
        '"missing": missing, "total": wall.count + 1};'
    )
    answer = api("execute", code=code)
    assert "response" in answer, answer
    assert answer["response"]["authors"] == [200, 201]
    assert answer["response"]["missing"] is False
    count = api("wall.get", owner_id=OWNER)["response"]["count"]
    assert answer["response"]["total"] == count + 1
    assert answer["execute_errors"][0]["method"] == "wall.getComments"


def test_execute_refuses_code_it_cannot_compile(api):
    answer = api("execute", code="return API.wall.get({#});")
    assert answer["error"]["error_code"] == 12


def test_a_chunked_request_body_is_read(emulator):
    client = httpx.Client(transport=emulator_transport(emulator), base_url="https://api.vk.ru")
    form = f"v=5.199&access_token={USER_TOKEN}&user_ids=100".encode()
    response = client.post(
        "/method/users.get",
        content=iter([form[:10], form[10:]]),  # an iterator: httpx sends it chunked
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.request.headers.get("Transfer-Encoding") == "chunked"
    assert json.loads(response.text)["response"][0]["id"] == 100
