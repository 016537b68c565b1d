"""vk_api (https://pypi.org/project/vk-api/) against the VK emulator: what an admin script and
a community bot do. vk_api always calls https://api.vk.ru; its session routes there to us."""

from __future__ import annotations

import io

import pytest
import vk_api
from vk_api.bot_longpoll import VkBotEventType, VkBotLongPoll
from vk_api.exceptions import ApiError
from vk_api.utils import get_random_id

from .conftest import session_to

GROUP = 219000001
OWNER = -GROUP
SEED_POST = 3
USER_TOKEN = "vk-demo-user-token"
COMMUNITY_TOKEN = "vk-demo-community-token"


@pytest.fixture
def vk(serve):
    served = serve("vk")
    session = session_to(served.base_url, "api.vk.ru")

    def client(token: str = USER_TOKEN) -> vk_api.vk_api.VkApiMethod:
        api = vk_api.VkApi(token=token, api_version="5.199", session=session)
        api.RPS_DELAY = 0  # the emulator needs no pause between calls
        return api.get_api()

    client.served = served  # type: ignore[attr-defined]
    return client


def test_an_admin_posts_reads_the_wall_and_comments(vk):
    api = vk()
    post = api.wall.post(owner_id=OWNER, from_group=1, message="Приём граждан в пятницу")
    wall = api.wall.get(owner_id=OWNER, count=5, extended=1, fields="photo_100")
    assert wall["items"][0]["id"] == post["post_id"]
    assert wall["groups"][0]["id"] == GROUP
    comments = api.wall.getComments(owner_id=OWNER, post_id=SEED_POST, extended=1)
    assert [c["from_id"] for c in comments["items"]] == [200, 201]
    assert {p["id"] for p in comments["profiles"]} == {200, 201}


def test_a_moderator_deletes_and_restores_a_comment_and_bans_its_author(vk):
    api = vk()
    (first, _) = api.wall.getComments(owner_id=OWNER, post_id=SEED_POST)["items"]
    assert api.wall.deleteComment(owner_id=OWNER, comment_id=first["id"]) == 1
    after = api.wall.getComments(owner_id=OWNER, post_id=SEED_POST)["items"]
    assert first["id"] not in [c["id"] for c in after]
    assert api.wall.restoreComment(owner_id=OWNER, comment_id=first["id"]) == 1
    assert api.groups.ban(group_id=GROUP, owner_id=first["from_id"], comment=1) == 1
    banned = api.groups.getBanned(group_id=GROUP)
    assert [b["profile"]["id"] for b in banned["items"]] == [first["from_id"]]
    assert api.groups.unban(group_id=GROUP, owner_id=first["from_id"]) == 1


def test_a_bot_answers_messages_with_random_ids(vk):
    vk.served.app.send_message(GROUP, 200, "Здравствуйте!")
    bot = vk(COMMUNITY_TOKEN)
    rid = get_random_id()
    first = bot.messages.send(user_id=200, random_id=rid, message="Добрый день")
    again = bot.messages.send(peer_id=200, random_id=rid, message="Добрый день")
    other = bot.messages.send(peer_id=200, random_id=0, message="Ещё")
    assert first == again != other
    assert [m["text"] for m in vk.served.app.sent_messages(GROUP)] == ["Добрый день", "Ещё"]


def test_a_bot_reads_messages_through_bots_long_poll(vk):
    emulator = vk.served.app
    api = vk_api.VkApi(token=COMMUNITY_TOKEN, api_version="5.199",
                       session=session_to(vk.served.base_url, "api.vk.ru"))  # fmt: skip
    longpoll = VkBotLongPoll(api, GROUP, wait=0)
    emulator.send_message(GROUP, 200, "Когда приём?")
    (event,) = longpoll.check()
    assert event.type == VkBotEventType.MESSAGE_NEW
    assert (event.message.text, event.message.from_id) == ("Когда приём?", 200)


def test_uploads_a_wall_photo(vk):
    api = vk_api.VkApi(token=USER_TOKEN, api_version="5.199",
                       session=session_to(vk.served.base_url, "api.vk.ru"))  # fmt: skip
    upload = vk_api.VkUpload(api)
    (photo,) = upload.photo_wall([io.BytesIO(b"GIF89a-photo")], group_id=GROUP)
    attachment = f"photo{photo['owner_id']}_{photo['id']}"
    post = api.method("wall.post", {"owner_id": OWNER, "from_group": 1, "attachments": attachment})
    stored = vk.served.app.state.posts[(OWNER, post["post_id"])]
    assert stored["attachments"][0]["type"] == "photo"


def test_execute_and_users_fields(vk):
    api = vk()
    code = (
        f'var w = API.wall.get({{"owner_id": {OWNER}, "count": 2}});'
        'return {"ids": w.items@.id, "who": API.users.get({"user_ids": "100", '
        '"fields": "screen_name"})[0].screen_name};'
    )
    answer = api.execute(code=code)
    assert len(answer["ids"]) == 1 and answer["who"] == "id100"
    (anna,) = api.users.get(user_ids=100, fields="photo_100,screen_name")
    assert anna["screen_name"] == "id100" and anna["photo_100"]


def test_errors_and_rate_limits_have_vk_shapes(vk):
    api = vk()
    with pytest.raises(ApiError) as denied:
        vk("no-such-token").wall.get(owner_id=OWNER)
    assert denied.value.code == 5
    vk.served.app.faults.push("error", code=6, method="wall.get")  # too many requests
    assert api.wall.get(owner_id=OWNER)["count"] >= 1  # vk_api waits and repeats
    with pytest.raises(ApiError) as unknown:
        api.method_does_not_exist()
    assert unknown.value.code == 3
