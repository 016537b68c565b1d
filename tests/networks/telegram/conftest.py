from __future__ import annotations

from typing import Any

import pytest

from gospablik.networks.http import HttpClient
from gospablik.networks.memory import PROCESS_MEMORY
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik.networks.telegram.connector import TelegramConnector
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.telegram.emulator import TelegramEmulator, make_app
from gospablik_emulators.telegram.world import DEMO_TOKEN

from ..conftest import load_fixture


@pytest.fixture
def emulator() -> TelegramEmulator:
    return make_app()


def build(
    emulator: TelegramEmulator, token: str = DEMO_TOKEN, memory: Any = None
) -> TelegramConnector:
    http = HttpClient(transport=emulator_transport(emulator), network="telegram")
    config = {"channel": "@minzdrav_kuzbass_demo"}
    credentials = {"bot_token": token, "webhook_secret": "s3cret_token"}
    return TelegramConnector(config, credentials, http=http, limiter=NoRateLimiter(), memory=memory)


@pytest.fixture
def connector(emulator: TelegramEmulator) -> TelegramConnector:
    return build(emulator)


@pytest.fixture(autouse=True)
def forget_journals():
    """The connector remembers drafts, seen posts and threads in this process's memory;
    tests start afresh."""
    yield
    PROCESS_MEMORY.clear()


def fixture(name: str) -> Any:
    return load_fixture("telegram", name)
