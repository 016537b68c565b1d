"""After «Опубликовать сейчас» the post page follows the queue: the status changes from
«Запланирован» to «Опубликован» and the link to the network appears, without a reload."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gospablik.content.actions import do_create_post
from gospablik.content.models import Post
from gospablik.networks.outbound import run_once

from .test_content_editor import GROUP, TEXT, vk_account, vk_server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_post_page_updates_after_publish_now(login_page, live_server, komiac, vk_account):  # noqa: F811
    data = {"format": "text", "text": TEXT}
    post = do_create_post(vk_account.ministry, data, [vk_account], actor=komiac)
    page = login_page(komiac)
    page.goto(f"{live_server.url}/kuzbass-health-335/content/posts/{post.pk}/")
    assert "Черновик" in page.inner_text("#post-status")
    page.click("button:has-text('Опубликовать сейчас')")
    page.wait_for_url(f"**/content/posts/{post.pk}/")
    assert "Запланирован" in page.inner_text("#post-status")
    page.evaluate("window.notReloaded = true")

    assert run_once(timezone.now()).outcomes == {"done": 1}  # the queue's next tick
    page.locator("#post-status", has_text="Опубликован").wait_for()
    link = page.locator("#publications a", has_text="Открыть в соцсети")
    link.wait_for()
    assert link.get_attribute("href").startswith(f"https://vk.com/wall-{GROUP}_")
    assert page.evaluate("window.notReloaded") is True  # the same page, not a reload
    assert Post.objects.get().status == Post.Status.PUBLISHED
