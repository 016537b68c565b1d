from __future__ import annotations

from typing import Any

import pytest

from gospablik.networks.http import HttpClient
from gospablik.networks.instagram.connector import InstagramConnector
from gospablik.networks.memory import PROCESS_MEMORY
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.instagram.emulator import InstagramEmulator, make_app
from gospablik_emulators.instagram.world import DEMO_APP_SECRET, DEMO_TOKEN, IG_USER_ID

from ..conftest import load_fixture

MEDIA_BASE = "https://gospablik.example/media"


@pytest.fixture
def emulator() -> InstagramEmulator:
    return make_app()


def build(emulator: InstagramEmulator, memory: Any = None) -> InstagramConnector:
    http = HttpClient(transport=emulator_transport(emulator), network="instagram")
    config = {"ig_user_id": IG_USER_ID, "media_base_url": MEDIA_BASE}
    credentials = {"access_token": DEMO_TOKEN, "app_secret": DEMO_APP_SECRET}
    built = InstagramConnector(
        config, credentials, http=http, limiter=NoRateLimiter(), memory=memory
    )
    built.sleep = lambda seconds: None
    return built


@pytest.fixture
def connector(emulator: InstagramEmulator) -> InstagramConnector:
    return build(emulator)


@pytest.fixture(autouse=True)
def forget_containers():
    """The connector remembers containers in this process's memory; tests start afresh."""
    yield
    PROCESS_MEMORY.clear()


def fixture(name: str) -> Any:
    return load_fixture("instagram", name)
