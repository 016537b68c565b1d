"""The demo's several weeks of statistics exist and are drawn: the dashboard's charts
carry a point for each day of the history."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from gospablik.analytics.models import AccountDay
from gospablik.networks.connections import TRANSPORT_OVERRIDES
from gospablik.web.demo import load_demo
from gospablik.web.demo_networks import HISTORY_WEEKS, connect_demo_accounts, seed_statistics
from gospablik_emulators import get_emulator_factory
from gospablik_emulators.emulation import emulator_transport

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo() -> Iterator[dict[str, Any]]:
    apps = {n: get_emulator_factory(n)() for n in ("vk", "ok")}
    for network, app in apps.items():
        TRANSPORT_OVERRIDES[network] = emulator_transport(app)
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        load_demo()
    connect_demo_accounts()
    seed_statistics(apps["vk"], apps["ok"])
    yield apps
    for network in apps:
        TRANSPORT_OVERRIDES.pop(network, None)


def test_the_demo_history_is_collected_and_charted(demo: Any) -> None:
    days = HISTORY_WEEKS * 7
    today = datetime.now(UTC).date()
    since = today - timedelta(days=days - 1)
    vk_days = AccountDay.objects.filter(account__url="https://vk.com/kuzdrav", views__isnull=False)
    assert vk_days.filter(day__gte=since).count() >= days - 1  # today's figures may be partial
    client = Client()
    client.force_login(get_user_model().objects.get(username="head"))
    response = client.get(f"/kuzbass-health-335/analytics/?since={since}&until={today}")
    assert response.status_code == 200
    board = response.context["board"]
    activity = board.chart("activity")
    assert len(activity.labels) == days
    posts = next(iter(activity.series.values()))
    assert sum(v is not None for v in posts) >= days - 1
    html = response.content.decode()
    drawn = re.search(r'<svg[^>]*data-chart="activity".*?</svg>', html, re.S)
    assert drawn is not None and drawn.group(0).count('class="dot') >= 4 * (days - 1)
