"""An editor writes a post, sees the per-network preview and the style check, schedules it,
and it appears as published on the VK emulator (a real server on 127.0.0.1)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from gospablik.content.dispatch import dispatch_once
from gospablik.content.models import Post
from gospablik.networks.connections import do_connect_account
from gospablik_emulators.server import serve_in_thread
from tests.foundation.factories import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TZ = ZoneInfo("Asia/Novokuznetsk")
GROUP = 219000001
TEXT = "Завтра открываем новую поликлинику на Весенней. Приходите!"


@pytest.fixture
def vk_server():
    server = serve_in_thread("vk", 0)
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def vk_account(health, keeper, vk_server):
    account = register(
        health,
        keeper,
        network="vk",
        url="https://vk.com/minzdrav_kuzbass",
        title="Минздрав Кузбасса ВКонтакте",
    )
    api_base = f"http://127.0.0.1:{vk_server.server_port}/method/"
    do_connect_account(
        account,
        {"group_id": GROUP, "api_base": api_base},
        {"user_token": "vk-demo-user-token", "community_token": "vk-demo-community-token"},
        actor=keeper,
    )
    return account


def test_an_editor_writes_previews_schedules_and_publishes(
    login_page, live_server, komiac, vk_account, vk_server
):
    page = login_page(komiac)
    page.goto(f"{live_server.url}/kuzbass-health-335/content/posts/new/")
    page.check(f"input[name=accounts][value='{vk_account.pk}']")
    page.fill("#id_text", TEXT)
    page.fill("#id_hashtags", "здоровье")
    card = page.locator(".preview-card[data-network=vk]")
    card.wait_for()
    assert TEXT in card.inner_text() and "#здоровье" in card.inner_text()
    assert "из 16384" in card.inner_text()
    page.locator("#style-score.style-score").wait_for()
    assert "из 10" in page.inner_text("#style-score")
    assert "Всё в порядке" in page.inner_text("#problems")
    at = (timezone.now() + timedelta(minutes=5)).astimezone(TZ)
    page.fill("#id_publish_at", at.strftime("%Y-%m-%dT%H:%M"))
    page.click("#schedule-button")
    page.wait_for_url("**/content/posts/*/")
    assert "Запланирован" in page.inner_text("#post-status")
    post = Post.objects.get()
    assert post.publish_at == at.replace(second=0, microsecond=0)

    assert dispatch_once(at + timedelta(seconds=1)).outcomes == {"published": 1}
    page.reload()
    assert "Опубликован" in page.inner_text("#post-status")
    link = page.locator("#publications a", has_text="Открыть в соцсети")
    assert link.get_attribute("href").startswith(f"https://vk.com/wall-{GROUP}_")
    wall = [p for p in vk_server.emulator.state.posts.values() if p["text"].startswith(TEXT)]
    assert len(wall) == 1 and wall[0]["text"].endswith("#здоровье")
