from __future__ import annotations

from typing import Any

import pytest

from gospablik.networks.http import HttpClient
from gospablik.networks.max.connector import MaxConnector
from gospablik.networks.memory import PROCESS_MEMORY
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.max.emulator import MaxEmulator, make_app
from gospablik_emulators.max.world import CHANNEL_ID, DEMO_TOKEN

from ..conftest import load_fixture


@pytest.fixture
def emulator() -> MaxEmulator:
    return make_app()


def build(emulator: MaxEmulator) -> MaxConnector:
    http = HttpClient(transport=emulator_transport(emulator), network="max")
    credentials = {"bot_token": DEMO_TOKEN, "webhook_secret": "s3cret_token"}
    return MaxConnector({"chat_id": CHANNEL_ID}, credentials, http=http, limiter=NoRateLimiter())


@pytest.fixture
def connector(emulator: MaxEmulator) -> MaxConnector:
    return build(emulator)


@pytest.fixture(autouse=True)
def forget_answers():
    """The connector remembers confirmed answers in this process's memory; tests start
    afresh."""
    yield
    PROCESS_MEMORY.clear()


def fixture(name: str) -> Any:
    return load_fixture("max", name)
