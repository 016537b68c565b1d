"""The content API: write a post, schedule it, publish it, read compliance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gospablik.networks.outbound import run_once
from tests.conftest import PASSWORD

from .conftest import vk_posts

API = "/api/m/kuzbass-health-335/content"


@pytest.fixture
def api(komiac):
    client = Client()
    assert client.login(username=komiac.username, password=PASSWORD)
    return client


def create(api, accounts, **data):
    body = {"format": "text", "text": "Из API", "accounts": accounts} | data
    response = api.post(f"{API}/posts/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def test_it_creates_schedules_and_publishes_a_post(api, vk_account, emulators):
    post = create(api, [vk_account.pk])
    assert post["status"] == "draft" and post["publications"][0]["status"] == "draft"
    done = api.post(f"{API}/posts/{post['id']}/publish-now/").json()
    assert done["status"] == "scheduled"
    run_once()
    published = api.get(f"{API}/posts/{post['id']}/").json()
    assert published["status"] == "published"
    assert published["publications"][0]["network_url"].startswith("https://vk.com/wall-")
    assert len(vk_posts(emulators["vk"], "Из API")) == 1


def test_scheduling_errors_come_back_in_russian(api, vk_account):
    post = create(api, [vk_account.pk], format="poll", text="Опрос")
    at = (timezone.now() + timedelta(hours=1)).isoformat()
    response = api.post(
        f"{API}/posts/{post['id']}/schedule/", {"publish_at": at}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "Укажите вопрос опроса" in response.json()


def test_a_poll_goes_through_the_api(api, vk_account, emulators):
    poll = {"question": "Удобно?", "answers": ["Да", "Нет"]}
    post = create(api, [vk_account.pk], format="poll", text="Опрос из API", poll=poll)
    api.post(f"{API}/posts/{post['id']}/publish-now/")
    run_once()
    (wall,) = vk_posts(emulators["vk"], "Опрос из API")
    assert wall["attachments"][0]["type"] == "poll"


def test_retry_of_a_failed_publication(api, vk_account, emulators):
    emulators["vk"].faults.push(15, method="wall.post")
    post = create(api, [vk_account.pk])
    api.post(f"{API}/posts/{post['id']}/publish-now/")
    run_once()
    (pub,) = api.get(f"{API}/publications/?status=failed").json()["results"]
    assert pub["last_error"].startswith("ВКонтакте: доступ запрещён")
    assert api.post(f"{API}/publications/{pub['id']}/retry/").json()["status"] == "pending"


def test_cancel_needs_confirmation_when_the_cap_would_break(api, vk_account):
    at = (timezone.now() + timedelta(hours=2)).isoformat()
    posts = [create(api, [vk_account.pk], text=f"О{n}") for n in range(3)]
    posts.append(create(api, [vk_account.pk], format="repost", text="", repost_source="wall-1_1"))
    for post in posts:
        api.post(
            f"{API}/posts/{post['id']}/schedule/",
            {"publish_at": at},
            content_type="application/json",
        )
    url = f"{API}/posts/{posts[0]['id']}/cancel/"
    refused = api.post(url, {}, content_type="application/json")
    assert refused.status_code == 400 and "cap_warning" in refused.json()
    done = api.post(url, {"confirm": True}, content_type="application/json")
    assert done.json()["status"] == "cancelled"


def test_occasions_and_compliance(api, vk_account):
    occasion = api.post(
        f"{API}/occasions/",
        {"title": "Повод", "source": "Приказ", "occurred_on": "2024-05-13"},
        content_type="application/json",
    ).json()
    create(api, [vk_account.pk], occasion=occasion["id"])
    rows = api.get(f"{API}/compliance/").json()["results"]
    assert rows and {"account", "week", "reposts", "share", "within_cap", "style_score"} <= set(
        rows[0]
    )


def test_publish_now_sent_four_times_is_one_effect_and_one_entry(api, vk_account):
    from gospablik.audit.models import AuditEntry

    post = create(api, [vk_account.pk])
    answers = [api.post(f"{API}/posts/{post['id']}/publish-now/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200] * 4
    entries = AuditEntry.objects.filter(action="content.post.schedule", object_id=str(post["id"]))
    assert entries.count() == 1
