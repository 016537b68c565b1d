"""The analytics API: an account's series, the ministry's summary, in the schema."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from gospablik.analytics.collect import do_collect_account
from tests.analytics.conftest import today

pytestmark = pytest.mark.django_db
BASE = "/api/m/kuzbass-health-335/analytics"


@pytest.fixture
def api(client: Client, head: Any) -> Client:
    client.force_login(head)
    return client


def week() -> dict[str, str]:
    return {"from": str(today() - timedelta(days=6)), "to": str(today())}


def test_series_by_day_gives_each_day_or_its_gap(api: Client, accounts: dict[str, Any]) -> None:
    do_collect_account(accounts["telegram"], since=today() - timedelta(days=6))
    url = f"{BASE}/accounts/{accounts['telegram'].pk}/series/"
    body = api.get(url, {"metric": "views", **week()}).json()
    assert len(body["points"]) == 7
    assert all(p["value"] is None and "MTProto" in p["gap"] for p in body["points"])


def test_series_by_week_sums_the_days(api: Client, accounts: dict[str, Any]) -> None:
    do_collect_account(accounts["vk"], since=today() - timedelta(days=20))
    url = f"{BASE}/accounts/{accounts['vk'].pk}/series/"
    days = api.get(url, {"metric": "likes", **week()}).json()["points"]
    weeks = api.get(url, {"metric": "likes", "interval": "week", **week()}).json()["points"]
    assert sum(p["value"] for p in weeks) == sum(p["value"] for p in days)


def test_a_bad_query_is_a_clear_400(api: Client, accounts: dict[str, Any]) -> None:
    url = f"{BASE}/accounts/{accounts['vk'].pk}/series/"
    response = api.get(url, {"metric": "bogus", **week()})
    assert response.status_code == 400 and "metric" in response.json()
    response = api.get(url, {"metric": "likes", "from": "2026-12-07", "to": "2026-12-01"})
    assert response.status_code == 400 and "Начало периода" in str(response.json())


def test_another_ministrys_account_is_404(client: Client, foreign: Any, accounts: Any) -> None:
    client.force_login(foreign)
    url = f"/api/m/kuzbass-social-protection-draft/analytics/accounts/{accounts['vk'].pk}/series/"
    assert client.get(url, {"metric": "likes", **week()}).status_code == 404
    assert client.get(f"{BASE}/summary/", week()).status_code == 404


def test_summary_compares_with_the_previous_period(api: Client, accounts: dict[str, Any]) -> None:
    do_collect_account(accounts["vk"], since=today() - timedelta(days=20))
    body = api.get(f"{BASE}/summary/", week()).json()
    assert body["totals"]["posts"] > 0 and body["previous"]["totals"]["posts"] > 0
    assert body["er_followers"] is not None


def test_the_schema_lists_the_endpoints_under_their_tag(api: Client) -> None:
    schema = api.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/m/{ministry}/analytics/summary/"]["get"]
    assert operation["tags"] == ["analytics"]
    assert "/api/m/{ministry}/analytics/accounts/{id}/series/" in schema["paths"]
