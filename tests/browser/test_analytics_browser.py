"""The analytics dashboard and the ЦУР view in Chromium: charts carry the expected number
of points, the date range changes them, the data table shows the same numbers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from gospablik.analytics.collect import do_collect_account
from tests.analytics.conftest import accounts, emulators, today  # noqa: F401 — fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def collected(accounts: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    for account in accounts.values():
        do_collect_account(account, since=today() - timedelta(days=20))
    return accounts


def dots(page: Any, key: str) -> int:
    return int(page.locator(f'svg[data-chart="{key}"] circle.dot').count())


def values(page: Any, key: str) -> list[str]:
    selector = f'svg[data-chart="{key}"] desc.value'
    texts = page.eval_on_selector_all(selector, "found => found.map(e => e.textContent)")
    return [t.strip() for t in texts]


def table_values(page: Any, key: str) -> list[str]:
    """The figures of the data table, series by series (a gap, «—», has no point)."""
    page.locator(f"#chart-{key} summary").click()
    table = page.locator(f"#chart-{key} details table")
    assert table.is_visible()
    columns = table.locator("thead th").count()
    found = []
    for column in range(2, columns + 1):
        cells = table.locator(f"tbody tr td:nth-child({column})").all_inner_texts()
        found += [c.strip() for c in cells if c.strip() != "—"]
    return found


def watch_errors(page: Any) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    return problems


def test_the_dashboard_charts_follow_the_range(
    login_page: Any, live_server: Any, head: Any, collected: Any
) -> None:
    page = login_page(head)
    problems = watch_errors(page)
    since = today() - timedelta(days=6)
    page.goto(f"{live_server.url}/kuzbass-health-335/analytics/?since={since}&until={today()}")
    # VK and OK give a count for each day; Telegram and MAX only today's (no history)
    assert dots(page, "audience") == 7 + 7 + 1 + 1
    assert table_values(page, "audience") == values(page, "audience")
    page.fill("#id_since", str(today() - timedelta(days=13)))
    page.click("#period-form button")
    page.wait_for_load_state()
    assert dots(page, "audience") == 14 + 14 + 1 + 1
    figures = table_values(page, "audience")
    assert len(figures) == 30 and figures == values(page, "audience")
    assert "\xa0" in figures[-1]  # VK's 12 000+ followers, thousands separated the Russian way
    assert not problems


def test_the_cur_view_ranks_and_charts(
    login_page: Any, live_server: Any, cur: Any, collected: Any
) -> None:
    page = login_page(cur)
    problems = watch_errors(page)
    since = today() - timedelta(days=6)
    page.goto(f"{live_server.url}/kuzbass-health-335/analytics/cur/?since={since}&until={today()}")
    assert dots(page, "cur_audience") == 7
    bars = page.locator('svg[data-chart="cur_rating"] rect.rect').count()
    assert bars == page.locator("#rating tbody tr").count() == 4
    assert "баллы за неделю" in page.locator("#rating .formula").inner_text()
    assert table_values(page, "cur_audience") == values(page, "cur_audience")
    assert not problems
