"""The menu shows each demo role exactly the pages it may open: every link answers 200
for that user, and every entry left out would answer 403 (or 404: not in this ministry)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gospablik.web.demo import DEMO_PASSWORD
from tests.regulation.menu_pages import ROLES, build_demo, menu_links, menu_names


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    yield from build_demo(django_db_blocker)


def test_the_menu_lists_every_module() -> None:
    names = menu_names()
    assert {"web:board", "web:audit", "dialogue:inbox", "approvals:list"} <= set(names)


@pytest.mark.parametrize("person", ROLES, ids=lambda p: f"{p.username}-{p.role}")
def test_the_menu_shows_what_the_role_may_open(demo, db, settings, person) -> None:
    settings.GOSPABLIK_REQUIRE_2FA = False
    client = Client()
    assert client.login(username=person.username, password=DEMO_PASSWORD)
    board = client.get(reverse("web:board", args=[person.ministry]))
    assert board.status_code == 200
    shown = [link for link in menu_links(board.content.decode()) if link.startswith("/")]
    every = {reverse(name, kwargs={"ministry": person.ministry}): name for name in menu_names()}
    ministry_links = [link for link in shown if link in every]
    assert ministry_links, "the menu shows no page of the ministry"
    for link in ministry_links:
        assert client.get(link).status_code == 200, f"{every[link]} is shown but does not open"
    for link, name in every.items():
        if link not in shown:
            assert client.get(link).status_code in (403, 404), f"{name} is hidden but opens"


def test_a_viewer_sees_fewer_entries_than_the_head(demo, db, settings) -> None:
    settings.GOSPABLIK_REQUIRE_2FA = False
    counts = {}
    for username, ministry in (
        ("cur", "kuzbass-social-protection-draft"),
        ("szn_head", "kuzbass-social-protection-draft"),
    ):
        client = Client()
        assert client.login(username=username, password=DEMO_PASSWORD)
        page = client.get(reverse("web:board", args=[ministry])).content.decode()
        counts[username] = len(menu_links(page))
    assert counts["cur"] < counts["szn_head"]
