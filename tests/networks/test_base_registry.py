from __future__ import annotations

import pytest

from gospablik.networks.base import ConnectorError
from gospablik.networks.ok.connector import OKConnector
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik.networks.registry import (
    CONNECTOR_PATHS,
    CONNECTORS,
    build_connector,
    get_connector_class,
)
from gospablik.networks.vk.connector import VKConnector
from gospablik_emulators import EMULATOR_PATHS, get_emulator_factory

FREE = NoRateLimiter()


def test_all_seven_networks_are_listed():
    expected = {"vk", "ok", "telegram", "max", "facebook", "instagram", "blog"}
    assert set(CONNECTOR_PATHS) == set(EMULATOR_PATHS) == expected


def test_it_finds_the_connector_classes():
    assert (get_connector_class("vk"), CONNECTORS["ok"]) == (VKConnector, OKConnector)


def test_an_unknown_network_is_a_permanent_error():
    with pytest.raises(ConnectorError) as error:
        get_connector_class("myspace")
    assert error.value.permanent and "myspace" in error.value.message


def test_it_builds_a_ready_connector():
    connector = build_connector("vk", {"group_id": "-5"}, {"user_token": "t"})
    assert isinstance(connector, VKConnector) and connector.owner_id == -5


@pytest.mark.parametrize("network", ["vk", "ok"])
def test_emulator_factories_make_fresh_apps(network):
    factory = get_emulator_factory(network)
    assert factory() is not factory() and callable(factory())


def test_the_account_check_reports_probes_and_missing_capabilities():
    from gospablik.networks.check import run_checks
    from gospablik.networks.http import HttpClient
    from gospablik_emulators.emulation import emulator_transport
    from gospablik_emulators.ok.emulator import make_app

    creds = {
        "application_key": "CBAOKDEMOAPPKEY",
        "application_secret_key": "ok-demo-secret",
        "access_token": "ok-demo-access-token",
    }
    http = HttpClient(transport=emulator_transport(make_app()))
    results = run_checks(
        build_connector("ok", {"group_id": "70000000000001"}, creds, http=http, limiter=FREE)
    )
    assert [r.name for r in results] == [
        "Профиль сообщества",
        "Администраторы",
        "Лента",
        "Недоступно в этой соцсети",
    ]
    assert all(r.ok for r in results) and "Блокировка пользователя" in results[-1].detail


def test_the_account_check_flags_a_dead_token():
    from gospablik.networks.check import run_checks
    from gospablik.networks.http import HttpClient
    from gospablik_emulators.emulation import emulator_transport
    from gospablik_emulators.vk.emulator import make_app

    http = HttpClient(transport=emulator_transport(make_app()))
    vk = build_connector(
        "vk", {"group_id": "219000001"}, {"user_token": "revoked"}, http=http, limiter=FREE
    )
    profile = run_checks(vk)[0]
    assert (profile.ok, profile.needs_person) == (False, True)
