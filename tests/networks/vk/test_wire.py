"""The emulator speaks VK's wire format; the connector uses the right token per method."""

from __future__ import annotations

import httpx
import pytest

from gospablik.networks.base import ConnectorError, PostDraft

from .conftest import COMMUNITY_TOKEN, GROUP, USER_TOKEN, connect


@pytest.fixture
def raw(emulator):
    return httpx.Client(transport=httpx.WSGITransport(app=emulator), base_url="https://api.vk.ru")


def test_it_requires_the_version(raw):
    body = raw.post("/method/groups.getById", data={"access_token": USER_TOKEN, "group_id": GROUP})
    assert body.status_code == 200 and body.json()["error"]["error_code"] == 8


def test_it_accepts_a_bearer_token_and_get(raw):
    answer = raw.get(
        "/method/groups.getById",
        params={"group_id": GROUP, "v": "5.199"},
        headers={"Authorization": f"Bearer {USER_TOKEN}"},
    ).json()
    assert answer["response"]["groups"][0]["id"] == GROUP


def test_it_echoes_request_params_without_the_token(raw):
    error = raw.post("/method/no.such", data={"access_token": USER_TOKEN, "v": "5.199"}).json()
    keys = [p["key"] for p in error["error"]["request_params"]]
    assert error["error"]["error_code"] == 3 and "access_token" not in keys


def test_it_refuses_a_community_token_for_user_methods(http):
    vk = connect(http, user_token=COMMUNITY_TOKEN, community_token=COMMUNITY_TOKEN)
    with pytest.raises(ConnectorError) as error:
        vk.publish(PostDraft("Текст", "w-1"))
    assert (error.value.code, error.value.needs_person) == (27, True)


def test_an_expired_user_token_stops_the_account(vk, emulator):
    emulator.state.tokens[USER_TOKEN].valid = False
    with pytest.raises(ConnectorError) as error:
        vk.read_wall()
    assert (error.value.code, error.value.needs_person) == (5, True)


def test_a_token_without_the_wall_scope_is_denied(vk, emulator):
    emulator.state.tokens[USER_TOKEN].scopes = frozenset({"groups"})
    with pytest.raises(ConnectorError) as error:
        vk.publish(PostDraft("Текст", "w-2"))
    assert error.value.code == 15


def test_a_non_manager_cannot_post_for_the_community(vk, emulator):
    emulator.state.communities[GROUP].managers.pop(100)
    with pytest.raises(ConnectorError) as error:
        vk.publish(PostDraft("Текст", "w-3"))
    assert (error.value.code, error.value.permanent) == (214, True)


class RecordingLimiter:
    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []

    def acquire(self, key: str, rate_per_sec: float) -> None:
        self.calls.append((key, rate_per_sec))


def test_it_throttles_per_token_with_each_tokens_rate(http):
    from gospablik.networks.vk.connector import VKConnector

    limiter = RecordingLimiter()
    creds = {"user_token": USER_TOKEN, "community_token": COMMUNITY_TOKEN}
    vk = VKConnector({"group_id": GROUP}, creds, http=http, limiter=limiter)
    vk.read_profile()
    vk.read_wall()
    (key_c, rate_c), (key_u, rate_u) = limiter.calls
    assert (rate_c, rate_u) == (20.0, 3.0) and key_c != key_u
    assert USER_TOKEN not in key_u and COMMUNITY_TOKEN not in key_c
