"""The post's state as JSON: behind the post page's door, with labels rather than ids."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from gospablik.content.actions import do_schedule
from tests.conftest import HEALTH, PASSWORD

from .conftest import make_post


def _client(user, settings) -> Client:
    settings.GOSPABLIK_REQUIRE_2FA = False
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_it_tells_the_state_of_the_post_and_its_publications(settings, health, komiac, vk_account):
    post = do_schedule(make_post(health, komiac, [vk_account]), timezone.now(), actor=komiac)
    state = _client(komiac, settings).get(f"/{HEALTH}/content/posts/{post.pk}/state/").json()
    assert state["status"] == "scheduled" and state["label"] == "Запланирован"
    assert state["moving"] is True
    [pub] = state["publications"]
    assert pub["label"] == "Ждёт публикации" and pub["url"] == ""


def test_a_draft_is_not_moving(settings, health, komiac, vk_account):
    post = make_post(health, komiac, [vk_account])
    state = _client(komiac, settings).get(f"/{HEALTH}/content/posts/{post.pk}/state/").json()
    assert state["moving"] is False


def test_another_ministry_gets_nothing(settings, health, komiac, foreign, vk_account):
    post = make_post(health, komiac, [vk_account])
    response = _client(foreign, settings).get(f"/{HEALTH}/content/posts/{post.pk}/state/")
    assert response.status_code == 404
