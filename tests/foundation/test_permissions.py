"""Every page and endpoint: a user of another ministry or without membership gets 403/404,
never data; a user without the role cannot change anything."""

from __future__ import annotations

import pytest
from django.test import Client

from gospablik.duties.models import Duty
from tests.conftest import PASSWORD
from tests.foundation.factories import register

H = "kuzbass-health-335"

READ_PAGES = [
    "/{m}/",
    "/{m}/registry/",
    "/{m}/registry/{a}/",
    "/{m}/registry/export.csv",
    "/{m}/registry/export.xlsx",
    "/{m}/duties/{d}/",
    "/{m}/duties/letter.docx?ids={d}",
    "/{m}/policy/",
    "/{m}/policy/v1/",
    "/{m}/audit/",
    "/{m}/people/",
    "/api/m/{m}/accounts/",
    "/api/m/{m}/accounts/{a}/",
    "/api/m/{m}/duties/",
    "/api/m/{m}/duties/{d}/",
    "/api/m/{m}/audit/",
    "/api/m/{m}/policy/",
]
EDIT_PAGES = [
    "/{m}/registry/new/",
    "/{m}/registry/{a}/edit/",
    "/{m}/registry/{a}/delete/",
    "/{m}/policy/edit/",
    "/{m}/policy/order-signed/",
]
API_WRITES = [
    ("post", "/api/m/{m}/accounts/", {"title": "x"}),
    ("patch", "/api/m/{m}/accounts/{a}/", {"title": "x"}),
    ("post", "/api/m/{m}/accounts/{a}/mark-deleted/", {"deleted_on": "2025-01-01"}),
    ("post", "/api/m/{m}/duties/{d}/complete/", {"method": "letter", "done_on": "2025-01-01"}),
    ("post", "/api/m/{m}/policy/", {"text": "x", "comment": "x"}),
]


@pytest.fixture
def world(health, keeper):
    account = register(health, keeper)
    duty = Duty.objects.get(subject_id=str(account.pk))
    return {"m": H, "a": account.pk, "d": duty.pk}


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("url", READ_PAGES + EDIT_PAGES)
def test_it_hides_a_ministry_from_a_foreign_user(world, foreign, url):
    response = client_for(foreign).get(url.format(**world))
    assert response.status_code == 404
    assert "Тестовое сообщество" not in response.content.decode()


@pytest.mark.parametrize("url", READ_PAGES + EDIT_PAGES)
def test_it_hides_a_ministry_from_a_user_without_membership(world, outsider, url):
    assert client_for(outsider).get(url.format(**world)).status_code == 404


@pytest.mark.parametrize("url", READ_PAGES + EDIT_PAGES)
def test_it_sends_anonymous_users_to_login(world, url):
    response = Client().get(url.format(**world))
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("method", "url", "data"), API_WRITES)
def test_it_refuses_api_writes_from_a_foreign_user(world, foreign, method, url, data):
    response = getattr(client_for(foreign), method)(
        url.format(**world), data, content_type="application/json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("url", EDIT_PAGES)
def test_it_refuses_edit_pages_to_cur(world, cur, url):
    assert client_for(cur).get(url.format(**world)).status_code == 403


@pytest.mark.parametrize(("method", "url", "data"), API_WRITES)
def test_it_refuses_api_writes_from_cur(world, cur, method, url, data):
    response = getattr(client_for(cur), method)(
        url.format(**world), data, content_type="application/json"
    )
    assert response.status_code == 403


@pytest.mark.parametrize("url", ["/{m}/audit/", "/{m}/people/", "/api/m/{m}/audit/"])
def test_it_shows_the_audit_log_only_to_heads_and_security(world, komiac, head, url):
    assert client_for(komiac).get(url.format(**world)).status_code == 403
    assert client_for(head).get(url.format(**world)).status_code == 200


def test_it_lets_the_head_edit_policy_but_not_the_registry_under_order_000(world, head):
    client = client_for(head)
    assert client.get("/{m}/policy/edit/".format(**world)).status_code == 200
    assert client.get("/{m}/registry/new/".format(**world)).status_code == 403


def test_it_lets_the_registry_keeper_read_and_edit(world, keeper):
    client = client_for(keeper)
    for url in READ_PAGES[:8] + EDIT_PAGES[:3]:
        assert client.get(url.format(**world)).status_code == 200, url


def test_it_lists_only_my_ministries_in_the_api(world, foreign):
    response = client_for(foreign).get("/api/ministries/")
    assert [m["key"] for m in response.json()] == ["kuzbass-social-protection-draft"]


def test_it_gives_the_registry_to_the_department_under_order_001(social, make_user):
    department = make_user("dep", social, "orgwork", "editor")
    institution = make_user("gku", social, "csvi", "editor")
    url = "/kuzbass-social-protection-draft/registry/new/"
    assert client_for(department).get(url).status_code == 200
    assert client_for(institution).get(url).status_code == 403
