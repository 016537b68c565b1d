"""Security personas and a VK community served by the emulator on 127.0.0.1.

sec      — security officer of КОМИАЦ (the `security` function in order 000)
head     — head of the ministry (sees security, does not manage it)
komiac   — editor of КОМИАЦ (no security pages)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from gospablik.networks.connections import do_connect_account
from gospablik.networks.models import Connection
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account
from gospablik_emulators.server import serve_in_thread
from gospablik_emulators.vk.emulator import VKEmulator, make_app
from tests.conftest import PASSWORD
from tests.foundation.factories import register

GROUP = 219000001
USER_TOKEN = "vk-demo-user-token"
COMMUNITY_TOKEN = "vk-demo-community-token"
CALLBACK_SECRET = "cb-secret-5f1d2e7a9b"


@pytest.fixture(autouse=True)
def _security_settings(settings: Any) -> None:
    settings.GOSPABLIK_REQUIRE_2FA = False  # enforcement has its own tests (test_twofactor.py)
    settings.SECURITY_SNAPSHOT_SECONDS = 600


@pytest.fixture
def sec(make_user: Callable[..., Any], health: Ministry) -> Any:
    return make_user("sec", health, "komiac", "security_officer")


def client_for(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def emulator() -> Iterator[VKEmulator]:
    app = make_app()
    server = serve_in_thread("vk", 0, app=app)
    app.base_url = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    server.server_close()


@pytest.fixture
def account(health: Ministry, keeper: Any) -> Account:
    return register(
        health,
        keeper,
        url="https://vk.com/minzdrav_kuzbass",
        title="Министерство здравоохранения Кузбасса",
        network_id=str(GROUP),
    )


def connect(account: Account, emulator: VKEmulator, actor: Any, **secrets: str) -> Connection:
    config = {
        "group_id": GROUP,
        "api_base": f"{emulator.base_url}/method/",
        "callback_confirmation": "c0nf1rm1",
    }
    values = secrets or {
        "user_token": USER_TOKEN,
        "community_token": COMMUNITY_TOKEN,
        "callback_secret": CALLBACK_SECRET,
    }
    return do_connect_account(account, config, values, actor=actor)


@pytest.fixture
def connection(account: Account, emulator: VKEmulator, keeper: Any) -> Connection:
    return connect(account, emulator, keeper)
