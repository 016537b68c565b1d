"""Analytics fixtures: accounts of the Ministry of Health on VK, OK, MAX and Telegram,
connected to in-process emulators with several weeks of seeded history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from gospablik.networks.connections import TRANSPORT_OVERRIDES
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account
from gospablik_emulators import get_emulator_factory
from gospablik_emulators.emulation import emulator_transport
from tests.content.conftest import allow_all_networks, connect_ok, connect_other, connect_vk

VK_GROUP = 219000001
OK_GID = "70000000000001"
HISTORY_DAYS = 21


def today() -> date:
    return datetime.now(UTC).date()


@pytest.fixture
def emulators() -> Iterator[dict[str, Any]]:
    apps = {n: get_emulator_factory(n)() for n in ("vk", "ok", "max", "telegram")}
    start = today() - timedelta(days=HISTORY_DAYS - 1)
    apps["vk"].seed_history(VK_GROUP, start, HISTORY_DAYS, members=12_000)
    apps["ok"].seed_history(OK_GID, start, HISTORY_DAYS, members=4_000)
    apps["max"].seed_history(start, HISTORY_DAYS, members=900)
    for network, app in apps.items():
        TRANSPORT_OVERRIDES[network] = emulator_transport(app)
    yield apps
    for network in apps:
        TRANSPORT_OVERRIDES.pop(network, None)


@pytest.fixture
def accounts(health: Ministry, keeper: Any, emulators: dict[str, Any]) -> dict[str, Account]:
    allow_all_networks(health, keeper)
    return {
        "vk": connect_vk(health, keeper),
        "ok": connect_ok(health, keeper),
        "max": connect_other(health, keeper, "max"),
        "telegram": connect_other(health, keeper, "telegram"),
    }
