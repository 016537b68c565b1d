"""The analytics pages: charts with their tables, the period, exports, the ЦУР view."""

from __future__ import annotations

import re
from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from gospablik.analytics.collect import do_collect_account
from tests.analytics.conftest import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(accounts: dict[str, Any]) -> dict[str, Any]:
    for account in accounts.values():
        do_collect_account(account, since=today() - timedelta(days=20))
    return accounts


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def dots(html: str, key: str) -> int:
    svg = re.search(rf'<svg data-chart="{key}".*?</svg>', html, re.S)
    assert svg is not None
    return len(re.findall(r'<circle[^>]*class="dot', svg.group(0)))


def test_the_dashboard_draws_a_point_per_day(client: Client, head: Any, collected: Any) -> None:
    since = today() - timedelta(days=6)
    html = page(
        login(client, head), f"/kuzbass-health-335/analytics/?since={since}&until={today()}"
    )
    assert dots(html, "audience") == 7 + 7 + 1 + 1  # Telegram and MAX: no history
    assert "ER по подписчикам" in html and "Доля репостов" in html


def test_a_longer_range_draws_more_points(client: Client, head: Any, collected: Any) -> None:
    since = today() - timedelta(days=13)
    html = page(
        login(client, head), f"/kuzbass-health-335/analytics/?since={since}&until={today()}"
    )
    assert dots(html, "audience") == 14 + 14 + 1 + 1


def test_a_bad_range_says_so_and_shows_the_default(client: Client, head: Any) -> None:
    html = page(
        login(client, head), "/kuzbass-health-335/analytics/?since=2026-12-10&until=2026-01-01"
    )
    assert "Начало периода позже его конца" in html


def test_the_account_page_shows_the_gaps_with_reasons(
    client: Client, head: Any, collected: Any
) -> None:
    pk = collected["telegram"].pk
    html = page(login(client, head), f"/kuzbass-health-335/analytics/accounts/{pk}/")
    assert "MTProto" in html and "Чего нет в данных" in html


def test_an_account_of_another_ministry_is_not_found(
    client: Client, foreign: Any, collected: Any
) -> None:
    pk = collected["vk"].pk
    response = login(client, foreign).get(
        f"/kuzbass-social-protection-draft/analytics/accounts/{pk}/"
    )
    assert response.status_code == 404


def test_a_chart_exports_to_xlsx_with_the_same_numbers(
    client: Client, head: Any, collected: Any
) -> None:
    since = today() - timedelta(days=6)
    query = f"since={since}&until={today()}"
    response = login(client, head).get(
        f"/kuzbass-health-335/analytics/charts/audience.xlsx?{query}"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    vk = rows[0].index("ВКонтакте")
    values = [row[vk] for row in rows[1:]]
    assert len(values) == 7 and all(isinstance(v, int) and v > 10_000 for v in values)
    svg = login(client, head).get(f"/kuzbass-health-335/analytics/charts/audience.svg?{query}")
    assert svg["Content-Type"] == "image/svg+xml"


def test_the_cur_view_ranks_pages_with_the_formula(
    client: Client, cur: Any, collected: Any
) -> None:
    html = page(login(client, cur), "/kuzbass-health-335/analytics/cur/")
    assert "Формула" in html and "баллы за неделю = 1 × отметки «Нравится»" in html
    assert 'data-chart="cur_rating"' in html and "Страницы ниже нормы" in html


def test_the_cur_view_is_for_cur_only(client: Client, head: Any) -> None:
    assert login(client, head).get("/kuzbass-health-335/analytics/cur/").status_code == 403


def test_the_menu_links_to_analytics(client: Client, head: Any) -> None:
    assert "/kuzbass-health-335/analytics/" in page(login(client, head), "/kuzbass-health-335/")
