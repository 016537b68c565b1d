"""Personas: Анна (575000000001, group admin), Пётр (…002, moderator), Иван (…100, member)."""

from __future__ import annotations

import pytest

from gospablik.networks.http import HttpClient
from gospablik.networks.ok.connector import OKConnector
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.ok.emulator import OKEmulator, make_app

GID = "70000000000001"
APP_KEY = "CBAOKDEMOAPPKEY"
APP_SECRET = "ok-demo-secret"
TOKEN = "ok-demo-access-token"
SEED_TOPIC = "155000000000001"  # with comments …002 (Иван) and …003 (Мария)


@pytest.fixture
def emulator() -> OKEmulator:
    return make_app()


@pytest.fixture
def http(emulator: OKEmulator) -> HttpClient:
    return HttpClient(transport=emulator_transport(emulator), network="ok")


def connect(http: HttpClient, **overrides: str) -> OKConnector:
    creds = {
        "application_key": APP_KEY,
        "application_secret_key": APP_SECRET,
        "access_token": TOKEN,
    }
    return OKConnector({"group_id": GID}, creds | overrides, http=http, limiter=NoRateLimiter())


@pytest.fixture
def ok(http: HttpClient) -> OKConnector:
    return connect(http)


def topics(emulator: OKEmulator) -> list[dict]:
    return [t for t in emulator.state.topics.values() if t["gid"] == GID and not t["deleted"]]
