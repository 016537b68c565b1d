"""A special project goes through ЦУР's approval in the browser: submit → two reviewers'
remarks → the head of КОМИАЦ signs with TOTP → resubmit → approve → scheduled posts."""
# ruff: noqa: F811 -- the approvals fixtures are imported by name; tests take them as arguments

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gospablik.approvals.models import Submission
from gospablik.content.models import Post
from gospablik.networks.models import Connection
from tests.approvals.conftest import (  # noqa: F401 (fixtures used by name)
    _media_in_tmp,
    device,
    fresh_code,
    reviewer,
    signer,
)
from tests.conftest import PASSWORD
from tests.foundation.factories import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
M = "kuzbass-health-335"


def open_as(browser, live_server, user, device=None):
    """A separate browser context per person, logged in (with the code if they have one)."""
    context = browser.new_context(locale="ru-RU", timezone_id="Asia/Novokuznetsk")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if device is not None:
        page.fill("#id_token", fresh_code(device))
        page.click("button[type=submit]")
        page.wait_for_load_state()
    return page


def select_passage(page, item_pk: int, start: int, end: int) -> None:
    """Select characters [start, end) of a post's text as a person would with the mouse."""
    page.evaluate(
        """([pk, start, end]) => {
            const node = document.querySelector(`.item-text[data-item="${pk}"]`);
            const text = node.firstChild;
            const range = document.createRange();
            range.setStart(text, start); range.setEnd(text, end);
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
            node.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        [item_pk, start, end],
    )


def sign(page, live_server, pk, decision, device) -> None:
    page.goto(f"{live_server.url}/{M}/approvals/{pk}/consolidate/")
    page.check(f"input[name=decision][value={decision}]")
    page.fill("#id_otp", fresh_code(device))
    page.click("#sign-card button[type=submit]")
    page.wait_for_url(f"**/approvals/{pk}/")


def test_a_special_project_from_submission_to_the_content_plan(
    browser, live_server, health, cur, komiac, reviewer, signer, device, keeper
):
    account = register(health, keeper)  # an active VK account of the ministry
    Connection.objects.create(account=account)  # its posts wait on the outbound queue
    later = (timezone.localtime(timezone.now() + timedelta(days=3))).strftime("%Y-%m-%dT%H:%M")

    cur_page = open_as(browser, live_server, cur)
    cur_page.goto(f"{live_server.url}/{M}/approvals/new/")
    cur_page.select_option("#id_kind", "special_project")
    cur_page.fill("#id_title", "Марафон здоровья")
    cur_page.fill("#id_schedule", "Две публикации за неделю")
    cur_page.fill("#id_items-0-text", "Прививка от гриппа бесплатна")
    cur_page.check("input[name=items-0-networks][value=vk]")
    cur_page.fill("#id_items-0-planned_at", later)
    cur_page.fill("#id_items-1-text", "Итоги марафона")
    cur_page.check("input[name=items-1-networks][value=vk]")
    cur_page.fill("#id_items-1-planned_at", later)
    cur_page.click("button[name=go][value=submit]")
    cur_page.wait_for_url("**/approvals/*/")
    submission = Submission.objects.get()
    first_item = submission.items.get(position=1)
    assert "Отправлено на согласование" in cur_page.content()

    editor_page = open_as(browser, live_server, komiac)
    editor_page.goto(f"{live_server.url}/{M}/approvals/{submission.pk}/")
    select_passage(editor_page, first_item.pk, 19, 28)
    assert editor_page.input_value("#id_quote") == "бесплатна"
    editor_page.fill("#id_text", "Не «бесплатна», а «бесплатная»")
    editor_page.click("#remark-form button[type=submit]")
    editor_page.wait_for_load_state()
    assert editor_page.locator("mark").inner_text() == "бесплатна"

    reviewer_page = open_as(browser, live_server, reviewer)
    reviewer_page.goto(f"{live_server.url}/{M}/approvals/{submission.pk}/")
    reviewer_page.fill("#id_text", "Добавьте адреса пунктов вакцинации")
    reviewer_page.click("#remark-form button[type=submit]")
    reviewer_page.wait_for_load_state()

    signer_page = open_as(browser, live_server, signer, device)
    sign(signer_page, live_server, submission.pk, "returned", device)
    assert "DOCX" in signer_page.content()
    submission.refresh_from_db()
    assert submission.status == "returned"

    cur_page.goto(f"{live_server.url}/{M}/approvals/{submission.pk}/")
    assert "Добавьте адреса пунктов вакцинации" in cur_page.content()
    cur_page.click("text=Доработать и отправить повторно")
    cur_page.fill("#id_items-0-text", "Прививка от гриппа бесплатная: ул. Ленина, 3")
    cur_page.click("button[name=go][value=submit]")
    cur_page.wait_for_url(f"**/approvals/{submission.pk}/")
    assert submission.rounds.count() == 2

    sign(signer_page, live_server, submission.pk, "approved", device)
    with signer_page.expect_navigation():
        signer_page.click("button:has-text('В контент-план')")
    assert "запланировано: 2" in signer_page.content()
    posts = Post.objects.filter(source_type="approvals.submission", source_id=str(submission.pk))
    assert {p.status for p in posts} == {Post.Status.SCHEDULED} and posts.count() == 2
    for page in (cur_page, editor_page, reviewer_page, signer_page):
        page.context.close()
