from __future__ import annotations

from typing import Any

import pytest

from gospablik.networks.facebook.connector import FacebookConnector
from gospablik.networks.http import HttpClient
from gospablik.networks.memory import PROCESS_MEMORY
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.facebook.emulator import FacebookEmulator, make_app
from gospablik_emulators.facebook.world import DEMO_APP_SECRET, DEMO_TOKEN, PAGE_ID

from ..conftest import load_fixture


@pytest.fixture
def emulator() -> FacebookEmulator:
    return make_app()


def build(emulator: FacebookEmulator, **config: Any) -> FacebookConnector:
    http = HttpClient(transport=emulator_transport(emulator), network="facebook")
    credentials = {"page_token": DEMO_TOKEN, "app_secret": DEMO_APP_SECRET}
    return FacebookConnector(
        {"page_id": PAGE_ID, **config}, credentials, http=http, limiter=NoRateLimiter()
    )


@pytest.fixture
def connector(emulator: FacebookEmulator) -> FacebookConnector:
    return build(emulator)


@pytest.fixture(autouse=True)
def forget_answers():
    """The connector remembers confirmed answers in this process's memory; tests start
    afresh."""
    yield
    PROCESS_MEMORY.clear()


def fixture(name: str) -> Any:
    return load_fixture("facebook", name)
