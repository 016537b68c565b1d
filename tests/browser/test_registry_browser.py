"""An operator registers an account in the browser and sees the duty it opened."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_registers_an_account_and_shows_the_duty(login_page, live_server, keeper, komiac_org):
    page = login_page(keeper)
    page.goto(f"{live_server.url}/kuzbass-health-335/registry/new/")
    page.select_option("#id_network", "vk")
    page.fill("#id_url", "https://vk.com/kuzdrav_browser")
    page.fill("#id_title", "Из браузера <script>alert(1)</script>")
    page.select_option("#id_status", "active")
    page.fill("#id_created_on", "2024-04-26")
    page.select_option("#id_responsible_org", str(komiac_org.pk))
    page.click("button[type=submit]")
    page.wait_for_url("**/registry/*/")
    assert page.locator("h1").inner_text() == "Из браузера <script>alert(1)</script>"
    page.goto(f"{live_server.url}/kuzbass-health-335/")
    row = page.locator("tr", has_text="Из браузера")
    assert "03.05.2024" in row.inner_text()
    assert "просрочено" in row.inner_text()
