"""The live style check: a bureaucratic text gets a low score and underlined passages."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_checks_style_while_typing(login_page, live_server, komiac):
    page = login_page(komiac)
    page.goto(f"{live_server.url}/kuzbass-health-335/styleguide/")
    page.fill(
        "#style-text",
        "В целях информирования населения осуществляется проведение "
        "мероприятий 👍 в рамках реализации национального проекта.",
    )
    result = page.locator("#style-result")
    result.locator("mark").first.wait_for()
    assert "Оценка" in result.inner_text()
    marks = result.locator("mark").all_inner_texts()
    assert "В целях информирования" in marks
    assert any("в рамках" in m.lower() for m in marks)
