"""vkbottle (https://pypi.org/project/vkbottle/), a typed VK client: its models (generated
from VK's JSON schema) must accept what the emulator answers. Only ``API_URL`` changes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from tests.contract.conftest import run_async
from vkbottle import API, VKAPIError
from vkbottle.polling import BotPolling
from vkbottle.tools.mini_types.bot.message import message_min

GROUP = 219000001
OWNER = -GROUP
USER_TOKEN = "vk-demo-user-token"
COMMUNITY_TOKEN = "vk-demo-community-token"


@pytest.fixture
def run(serve) -> Callable[..., Any]:
    served = serve("vk")

    def go(flow: Callable[[API, Any], Awaitable[Any]], token: str = USER_TOKEN) -> Any:
        async def main() -> Any:
            api = API(token)
            api.API_URL = f"{served.base_url}/method/"
            try:
                return await flow(api, served.app)
            finally:
                await api.http_client.close()

        return run_async(main)

    return go


def test_typed_wall_users_and_members(run):
    async def flow(api: API, app: Any) -> None:
        wall = await api.wall.get(owner_id=OWNER, extended=True, fields=["photo_100"])
        (anna,) = await api.users.get(user_ids=[100], fields=["screen_name", "photo_100"])
        members = await api.groups.get_members(group_id=GROUP, fields=["screen_name"])
        assert wall.items and wall.groups and wall.groups[0].id == GROUP
        assert (anna.screen_name, anna.first_name) == ("id100", "Анна")
        assert {m.screen_name for m in members.items} == {"id100", "id101"}

    run(flow)


def test_a_bot_gets_a_typed_message_and_answers_without_dedupe(run):
    async def flow(api: API, app: Any) -> None:
        polling = BotPolling(api, group_id=GROUP, wait=1)
        server = await polling.get_server()
        app.send_message(GROUP, 200, "Когда приём?")
        (event,) = (await polling.get_event(server))["updates"]
        message = message_min(event, api)
        assert (message.text, message.from_id, message.version > 0) == ("Когда приём?", 200, True)
        first = await api.messages.send(peer_id=200, random_id=0, message="Добрый день")
        second = await api.messages.send(peer_id=200, random_id=0, message="Добрый день")
        many = await api.messages.send(peer_ids=[200], random_id=0, message="Всем")
        assert first != second and many[0].peer_id == 200

    run(flow, COMMUNITY_TOKEN)


def test_execute_and_errors(run):
    async def flow(api: API, app: Any) -> None:
        code = f'return [API.wall.get({{"owner_id": {OWNER}}}).count, API.no.such()];'
        answer = await api.execute(code=code)
        assert answer.response["response"] == [1, False]
        assert answer.response["execute_errors"][0]["error_code"] == 3

    async def denied(api: API, app: Any) -> None:
        with pytest.raises(VKAPIError[5]):
            await api.wall.get(owner_id=OWNER)

    run(flow)
    run(denied, "no-such-token")
