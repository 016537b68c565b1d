from __future__ import annotations

from typing import Any

import pytest

from gospablik.networks.blog.connector import BlogConnector
from gospablik.networks.http import HttpClient
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik_emulators.blog.emulator import LiveJournalEmulator, make_app
from gospablik_emulators.blog.world import DEMO_PASSWORD, DEMO_USER
from gospablik_emulators.emulation import emulator_transport

from ..conftest import load_fixture

ENDPOINT = "https://www.livejournal.com/interface/xmlrpc"
FEED = f"https://www.livejournal.com/users/{DEMO_USER}/data"


@pytest.fixture
def emulator() -> LiveJournalEmulator:
    return make_app()


def build(emulator: LiveJournalEmulator, endpoint: str = ENDPOINT) -> BlogConnector:
    http = HttpClient(transport=emulator_transport(emulator), network="blog")
    config = {
        "journal": DEMO_USER,
        "username": DEMO_USER,
        "endpoint": endpoint,
        "feed_url": f"{FEED}/rss",
        "timezone": "Asia/Novokuznetsk",
    }
    credentials = {"password": DEMO_PASSWORD}
    return BlogConnector(config, credentials, http=http, limiter=NoRateLimiter())


@pytest.fixture
def connector(emulator: LiveJournalEmulator) -> BlogConnector:
    return build(emulator)


def entries(emulator: LiveJournalEmulator) -> list[dict[str, Any]]:
    return list(emulator.state.journals[DEMO_USER].entries.values())


def fixture(name: str) -> Any:
    return load_fixture("blog", name)
