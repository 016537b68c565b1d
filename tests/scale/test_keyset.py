"""Keyset pagination boundaries: first and last page, equal timestamps, rows deleted or
added between two requests, NULL sort values, and broken cursors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.duties.models import Duty
from gospablik.moderation.models import Comment
from gospablik.orgs.models import Organization
from gospablik.web.keyset import Order, capped_count, keyset_page
from tests.foundation.factories import register
from tests.moderation.conftest import client_for

NEWEST = Order("received_at", descending=True)
SOONEST = Order("due_at", nullable=True)
MOMENT = timezone.now().replace(microsecond=0)


def comments(health, n, same_time=False):
    account = register(health)
    rows = [
        Comment(
            ministry=health,
            account=account,
            network="vk",
            network_comment_id=str(i),
            text=f"комментарий {i}",
            received_at=MOMENT if same_time else MOMENT - timedelta(minutes=i),
        )
        for i in range(n)
    ]
    return Comment.objects.bulk_create(rows)


def walk(qs, order, size):
    """Every page from the first to the last by the next links; the list of pk lists."""
    pages, cursor = [], None
    while True:
        page = keyset_page(qs, order, cursor, size)
        pages.append([row.pk for row in page])
        if not page.next_cursor:
            return pages
        cursor = page.next_cursor


@pytest.mark.parametrize("same_time", [False, True])
def test_walking_forward_shows_every_row_once_in_order(health, same_time):
    comments(health, 23, same_time)
    qs = Comment.objects.filter(ministry=health)
    pages = walk(qs, NEWEST, 5)
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    flat = [pk for page in pages for pk in page]
    assert flat == list(qs.order_by("-received_at", "-pk").values_list("pk", flat=True))


def test_the_first_page_has_no_previous_and_the_last_no_next(health):
    comments(health, 10)
    qs = Comment.objects.filter(ministry=health)
    first = keyset_page(qs, NEWEST, None, 5)
    assert first.is_first and first.next_cursor
    last = keyset_page(qs, NEWEST, first.next_cursor, 5)
    assert last.previous_cursor and not last.next_cursor
    assert keyset_page(qs, NEWEST, None, 10).next_cursor == ""  # exactly one full page


def test_previous_goes_back_to_the_same_rows(health):
    comments(health, 12, same_time=True)
    qs = Comment.objects.filter(ministry=health)
    first = keyset_page(qs, NEWEST, None, 5)
    second = keyset_page(qs, NEWEST, first.next_cursor, 5)
    back = keyset_page(qs, NEWEST, second.previous_cursor, 5)
    assert [c.pk for c in back] == [c.pk for c in first]
    assert back.is_first


def test_rows_deleted_or_added_between_pages_shift_nothing(health):
    rows = comments(health, 10)
    qs = Comment.objects.filter(ministry=health)
    first = keyset_page(qs, NEWEST, None, 4)
    Comment.objects.filter(pk__in=[rows[0].pk, rows[4].pk, rows[5].pk]).delete()
    comments_after = Comment.objects.create(
        ministry=health, account=rows[1].account, network="vk", network_comment_id="new"
    )
    second = keyset_page(qs, NEWEST, first.next_cursor, 4)
    assert [c.pk for c in second] == [rows[6].pk, rows[7].pk, rows[8].pk, rows[9].pk]
    assert comments_after.pk not in [c.pk for c in second]


def test_previous_of_a_page_whose_predecessors_were_deleted_is_the_first_page(health):
    rows = comments(health, 6)
    qs = Comment.objects.filter(ministry=health)
    second = keyset_page(qs, NEWEST, keyset_page(qs, NEWEST, None, 3).next_cursor, 3)
    Comment.objects.filter(pk__in=[r.pk for r in rows[:3]]).delete()
    back = keyset_page(qs, NEWEST, second.previous_cursor, 3)
    assert [c.pk for c in back] == [r.pk for r in rows[3:]]


def test_nulls_come_last_and_are_paged_by_id(health):
    org = Organization.objects.get(ministry=health, key="komiac")
    terms = [MOMENT + timedelta(hours=h) for h in (3, 1, 1, 2)] + [None] * 5
    made = Duty.objects.bulk_create(
        Duty(ministry=health, owner_org=org, title=f"d{i}", started_at=MOMENT, due_at=due)
        for i, due in enumerate(terms)
    )
    qs = Duty.objects.filter(pk__in=[d.pk for d in made])
    pages = walk(qs, SOONEST, 3)
    flat = [pk for page in pages for pk in page]
    expected = sorted(made, key=lambda d: (d.due_at is None, d.due_at or MOMENT, d.pk))
    assert flat == [d.pk for d in expected]
    second = keyset_page(qs, SOONEST, keyset_page(qs, SOONEST, None, 3).next_cursor, 3)
    third = keyset_page(qs, SOONEST, second.next_cursor, 3)
    assert [d.pk for d in keyset_page(qs, SOONEST, third.previous_cursor, 3)] == [
        d.pk for d in second
    ]


@pytest.mark.parametrize("cursor", ["garbage", "", "eyJ4IjoxfQ", "WyJuIiwxLCJ4Il0", "%%%"])
def test_a_broken_cursor_shows_the_first_page(health, cursor):
    comments(health, 3)
    qs = Comment.objects.filter(ministry=health)
    page = keyset_page(qs, NEWEST, cursor, 2)
    assert [c.pk for c in page] == [c.pk for c in keyset_page(qs, NEWEST, None, 2)]


def test_the_count_stops_at_the_cap(health):
    comments(health, 12)
    qs = Comment.objects.filter(ministry=health)
    assert capped_count(qs, cap=10) == (10, True)
    assert capped_count(qs, cap=20) == (12, False)


def test_the_comments_page_follows_its_cursor(health, make_user):
    comments(health, 60)
    client = client_for(make_user("moderator", health, "komiac", "moderator"))
    first = client.get(f"/{health.key}/moderation/comments/")
    assert first.status_code == 200 and "комментарий 0<" in first.content.decode()
    cursor = first.context["page"].next_cursor
    second = client.get(f"/{health.key}/moderation/comments/?cursor={cursor}")
    html = second.content.decode()
    assert "комментарий 50<" in html and "комментарий 0<" not in html
    assert client.get(f"/{health.key}/moderation/comments/?cursor=~~").status_code == 200


def test_the_audit_page_follows_its_cursor(health, head):
    for i in range(60):
        record("test.entry", object_type="registry.account", object_id=str(i), ministry=health)
    client = client_for(head)
    page = client.get(f"/{health.key}/audit/?object_type=registry.account").context["page"]
    assert len(page.items) == 50 and page.total == 60 and page.next_cursor
    query = f"object_type=registry.account&cursor={page.next_cursor}"
    second = client.get(f"/{health.key}/audit/?{query}")
    rest = second.context["page"]
    assert [e.object_id for e in rest] == [str(i) for i in range(9, -1, -1)]
    assert not rest.next_cursor and rest.previous_cursor


def test_the_api_count_is_exact_below_the_cap_and_capped_above(health, make_user, settings):
    from gospablik.api import pagination

    comments(health, 60)
    client = client_for(make_user("moderator", health, "komiac", "moderator"))
    url = f"/api/m/{health.key}/moderation/comments/"
    body = client.get(url).json()
    assert (body["count"], body["count_capped"], len(body["results"])) == (60, False, 50)
    pagination.COUNT_CAP = 10
    try:
        first, second = client.get(url).json(), client.get(url + "?page=2").json()
    finally:
        pagination.COUNT_CAP = 1000
    assert (first["count"], first["count_capped"], len(first["results"])) == (51, True, 50)
    assert first["next"] and len(second["results"]) == 10 and not second["next"]
