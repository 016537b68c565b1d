"""A moderator answers a resident's private message from the inbox: the answer goes out
through the emulated VK community's messages.send; no CSP violations."""

from __future__ import annotations

import pytest

from gospablik.moderation.models import Message
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, CLEAN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ANSWER = "Справку выдают в регистратуре поликлиники по месту прикрепления."


@pytest.fixture
def moderator(make_user, health):
    return make_user("moderator", health, "komiac", "moderator")


def test_answer_from_the_inbox(login_page, live_server, vk_account, vk_emulator, moderator):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    page = login_page(moderator)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/kuzbass-health-335/moderation/inbox/")
    page.locator("table.list tbody a").first.click()
    assert CLEAN in page.locator("main").inner_text()
    page.fill("textarea[name=text]", ANSWER)
    page.click("text=Отправить ответ")
    page.wait_for_selector(".messages li")
    assert "Ответ отправлен в соцсеть." in page.locator(".messages").inner_text()
    [sent] = vk_emulator.sent_messages(VK_GROUP)
    assert sent["peer_id"] == AUTHOR and sent["text"] == ANSWER
    assert Message.objects.get().status == "answered"
    assert not [p for p in problems if "Content Security Policy" in p]
