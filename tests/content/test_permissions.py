"""Every content page and endpoint: another ministry's user and a user without membership get
404 and no data; a user without the editor role (ЦУР, the registry keeper) gets 403 on every
change; the editor of the posting organization gets through."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from gospablik.content.actions import do_attach_media, do_schedule
from gospablik.content.occasions import do_create_occasion
from gospablik.networks.outbound import run_once
from tests.conftest import PASSWORD

from .conftest import make_post, png

SECRET = "Секретный текст публикации"
READ = [
    "/{m}/content/",
    "/{m}/content/?view=month",
    "/{m}/content/posts/{post}/",
    "/{m}/content/media/{media}/",
    "/{m}/content/occasions/",
    "/{m}/content/compliance/",
    "/{m}/content/compliance.xlsx",
    "/api/m/{m}/content/posts/",
    "/api/m/{m}/content/posts/{post}/",
    "/api/m/{m}/content/publications/",
    "/api/m/{m}/content/publications/{pub}/",
    "/api/m/{m}/content/occasions/",
    "/api/m/{m}/content/occasions/{occasion}/",
    "/api/m/{m}/content/compliance/",
]
EDIT_PAGES = [
    "/{m}/content/posts/new/",
    "/{m}/content/posts/{draft}/edit/",
    "/{m}/content/occasions/new/",
    "/{m}/content/occasions/{occasion}/edit/",
]
POSTS = [
    ("/{m}/content/posts/{draft}/schedule/", {"publish_at": "2030-01-01T10:00"}),
    ("/{m}/content/posts/{draft}/publish-now/", {}),
    ("/{m}/content/posts/{scheduled}/reschedule/", {"date": "2030-01-02"}),
    ("/{m}/content/posts/{scheduled}/cancel/", {}),
    ("/{m}/content/posts/{draft}/delete/", {}),
    ("/{m}/content/publications/{pub}/retry/", {}),
    ("/{m}/content/publications/{pub}/remove/", {}),
    ("/{m}/content/media/{media}/edit/", {"alt": "x"}),
    ("/{m}/content/media/{media}/remove/", {}),
    ("/{m}/content/preview/", {"format": "text", "text": "x"}),
    ("/{m}/content/style-check/", {"text": "x"}),
    ("/{m}/content/occasions/{occasion}/delete/", {}),
]
API_WRITES = [
    ("post", "/api/m/{m}/content/posts/", {"format": "text", "text": "x", "accounts": []}),
    ("patch", "/api/m/{m}/content/posts/{draft}/", {"text": "x"}),
    ("delete", "/api/m/{m}/content/posts/{draft}/", {}),
    ("post", "/api/m/{m}/content/posts/{draft}/schedule/", {"publish_at": "2030-01-01T10:00Z"}),
    (
        "post",
        "/api/m/{m}/content/posts/{scheduled}/reschedule/",
        {"publish_at": "2030-01-01T10:00Z"},
    ),
    ("post", "/api/m/{m}/content/posts/{draft}/publish-now/", {}),
    ("post", "/api/m/{m}/content/posts/{scheduled}/cancel/", {}),
    ("post", "/api/m/{m}/content/publications/{pub}/retry/", {}),
    ("post", "/api/m/{m}/content/publications/{pub}/remove-from-network/", {}),
    (
        "post",
        "/api/m/{m}/content/occasions/",
        {"title": "x", "source": "x", "occurred_on": "2024-05-13"},
    ),
    ("patch", "/api/m/{m}/content/occasions/{occasion}/", {"title": "x"}),
    ("delete", "/api/m/{m}/content/occasions/{occasion}/", {}),
]


@pytest.fixture
def world(health, komiac, vk_account):
    published = make_post(health, komiac, [vk_account], text=SECRET)
    do_schedule(published, timezone.now(), actor=komiac)
    run_once()
    draft = make_post(health, komiac, [vk_account], format="photo", text=SECRET)
    media = do_attach_media(draft, "p.png", png(), alt="Схема", actor=komiac)
    later = timezone.now() + timezone.timedelta(days=2)
    scheduled = do_schedule(
        make_post(health, komiac, [vk_account], text=SECRET), later, actor=komiac
    )
    occasion = do_create_occasion(
        health,
        {"title": SECRET, "source": "пресс-служба", "occurred_on": "2024-05-13"},
        actor=komiac,
    )
    return {
        "m": health.key,
        "post": published.pk,
        "pub": published.publications.get().pk,
        "draft": draft.pk,
        "media": media.pk,
        "scheduled": scheduled.pk,
        "occasion": occasion.pk,
    }


def get(client: Client, url: str):
    """GET, reading a streamed answer (the media file) to its end, which closes it."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("url", READ + EDIT_PAGES)
def test_another_ministry_sees_nothing(world, foreign, url):
    response = get(client_for(foreign), url.format(**world))
    assert response.status_code == 404
    assert SECRET not in response.content.decode(errors="replace")


@pytest.mark.parametrize("url", READ + EDIT_PAGES)
def test_a_user_without_membership_sees_nothing(world, outsider, url):
    assert get(client_for(outsider), url.format(**world)).status_code == 404


@pytest.mark.parametrize("url", READ + EDIT_PAGES)
def test_anonymous_users_go_to_login(world, url):
    assert get(Client(), url.format(**world)).status_code in (302, 401, 403)


@pytest.mark.parametrize(("url", "data"), POSTS)
def test_another_ministry_cannot_change_anything(world, foreign, url, data):
    assert client_for(foreign).post(url.format(**world), data).status_code == 404


@pytest.mark.parametrize("url", READ)
def test_cur_and_the_registry_keeper_may_read(world, cur, keeper, url):
    for user in (cur, keeper):
        assert get(client_for(user), url.format(**world)).status_code == 200


@pytest.mark.parametrize("url", EDIT_PAGES)
def test_cur_and_the_registry_keeper_may_not_edit(world, cur, keeper, url):
    for user in (cur, keeper):
        assert client_for(user).get(url.format(**world)).status_code == 403


@pytest.mark.parametrize(("url", "data"), POSTS)
def test_cur_cannot_change_anything(world, cur, url, data):
    assert client_for(cur).post(url.format(**world), data).status_code == 403


@pytest.mark.parametrize(("method", "url", "data"), API_WRITES)
def test_api_writes_are_refused_to_cur_and_other_ministries(world, cur, foreign, method, url, data):
    for user, code in ((cur, 403), (foreign, 404)):
        response = getattr(client_for(user), method)(
            url.format(**world), data, content_type="application/json"
        )
        assert response.status_code == code, user


@pytest.mark.parametrize("url", EDIT_PAGES)
def test_the_editor_and_the_head_may_edit(world, komiac, head, url):
    for user in (komiac, head):
        assert client_for(user).get(url.format(**world)).status_code == 200


def test_the_editor_of_order_001_edits_there_but_not_here(world, foreign, social):
    assert client_for(foreign).get(f"/{social.key}/content/posts/new/").status_code == 200
