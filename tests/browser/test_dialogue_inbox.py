"""An operator works the «Диалоги» inbox with the keyboard: next (j, Enter), template (t),
answer (r, Ctrl+Enter), assign (a) — and sees the answer's delivery state change from
«Ждёт согласования» to «Отправлен» without reloading; no CSP violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gospablik.dialogue.answering import do_approve_answer
from gospablik.dialogue.models import Answer, Template, Thread
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, POST

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUESTION = "Подскажите, когда откроется запись к кардиологу?"


@pytest.fixture
def moderator(make_user, health):
    return make_user("moderator", health, "komiac", "moderator")


def test_keyboard_inbox_and_live_delivery_state(
    login_page, live_server, vk_account, vk_emulator, moderator, komiac, health
):
    Template.objects.create(
        ministry=health, title="Запись", category="question", text="{имя}, запись открыта."
    )
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=QUESTION)
    page = login_page(moderator)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/kuzbass-health-335/dialogue/")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_selector("#resident-text")
    page.wait_for_load_state()  # the page's scripts (catalogue, then thread.js) have run
    assert QUESTION in page.locator("#resident-text").inner_text()

    page.keyboard.press("t")
    page.locator("#template-select").select_option(label="Запись")
    assert "запись открыта." in page.locator("#answer-form textarea").input_value()
    expect(page.locator("#style-result")).to_contain_text("Стиль: ", timeout=10_000)
    assert " из 10." in page.locator("#style-result").inner_text()
    page.keyboard.press("Escape")
    page.keyboard.press("r")
    page.keyboard.type(" Ждём вас!")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".answer-state")
    assert "Ждёт согласования" in page.locator(".answer-state").inner_text()

    page.keyboard.press("a")
    with page.expect_navigation():
        page.locator("#assign-form select").select_option(label=moderator.username)
    thread = Thread.objects.get()
    assert thread.assignee == moderator

    do_approve_answer(Answer.objects.get(), actor=komiac)  # a colleague approves meanwhile
    expect(page.locator(".answer-state")).to_contain_text("Отправлен", timeout=10_000)
    replies = [c for c in vk_emulator.state.comments.values() if c["from_id"] == -VK_GROUP]
    assert len(replies) == 1 and replies[0]["text"].endswith("Ждём вас!")
    assert not [p for p in problems if "Content Security Policy" in p]


def test_the_live_style_check_speaks_english_from_the_js_catalogue(
    login_page, live_server, vk_account, vk_emulator, moderator, settings
):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=QUESTION)
    page = login_page(moderator)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/kuzbass-health-335/dialogue/threads/{Thread.objects.get().pk}/")
    page.wait_for_load_state()
    page.locator("#answer-form textarea").fill("Здравствуйте! Запись открыта с понедельника.")
    expect(page.locator("#style-result")).to_contain_text("Style: ", timeout=10_000)
    assert " out of 10." in page.locator("#style-result").inner_text()
