"""Personas: Анна (user 100, creator of the community), Пётр (101, moderator),
Иван (200, a commenter); the community «Министерство здравоохранения Кузбасса»."""

from __future__ import annotations

import pytest

from gospablik.networks.http import HttpClient
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik.networks.vk.connector import VKConnector
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.vk.emulator import VKEmulator, make_app

GROUP = 219000001
OWNER = -GROUP
USER_TOKEN = "vk-demo-user-token"
MODERATOR_TOKEN = "vk-demo-moderator-token"
COMMUNITY_TOKEN = "vk-demo-community-token"
SEED_POST = 3  # the seeded post with two comments (ids 4 and 5)


@pytest.fixture
def emulator() -> VKEmulator:
    return make_app()


@pytest.fixture
def http(emulator: VKEmulator) -> HttpClient:
    return HttpClient(transport=emulator_transport(emulator), network="vk")


def connect(http: HttpClient, **credentials: str) -> VKConnector:
    creds = credentials or {"user_token": USER_TOKEN, "community_token": COMMUNITY_TOKEN}
    return VKConnector({"group_id": GROUP}, creds, http=http, limiter=NoRateLimiter())


@pytest.fixture
def vk(http: HttpClient) -> VKConnector:
    return connect(http)


def posts(emulator: VKEmulator) -> list[dict]:
    return [
        p for (o, _), p in emulator.state.posts.items() if o == OWNER and not p.get("is_deleted")
    ]
