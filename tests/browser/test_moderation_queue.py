"""A moderator works the review queue with the keyboard: d deletes (on the emulated VK
community), k keeps; the spans that fired are highlighted; no CSP violations."""

from __future__ import annotations

import pytest

from gospablik.moderation.models import Comment
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, POST

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def moderator(make_user, health):
    return make_user("moderator", health, "komiac", "moderator")


def test_one_key_decisions(login_page, live_server, vk_account, vk_emulator, moderator):
    first = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=BORDERLINE)
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=BORDERLINE + "!")
    page = login_page(moderator)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/kuzbass-health-335/moderation/")
    assert page.locator("#queue .mod-item").first.locator("mark").count() >= 1
    assert "current" in (page.locator("#queue .mod-item").first.get_attribute("class") or "")
    page.keyboard.press("d")
    page.wait_for_selector(".messages li")
    assert "удалён" in page.locator(".messages").inner_text()
    assert vk_emulator.state.comment(-VK_GROUP, first["id"])["deleted"] is True
    page.keyboard.press("k")
    page.wait_for_selector("text=Очередь пуста.")
    assert sorted(Comment.objects.values_list("status", flat=True)) == ["deleted", "kept"]
    assert not [p for p in problems if "Content Security Policy" in p]
