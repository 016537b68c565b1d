"""The inbox's search: comments and messages containing the words. On PostgreSQL it is
case-insensitive for Cyrillic too, and the trigram indexes of migration 0002 answer it
(pg_trgm on ``UPPER(text)``)."""

from __future__ import annotations

import pytest
from django.db import connection

from gospablik.dialogue.inbox import filtered
from gospablik.dialogue.models import Thread
from gospablik.dialogue.search import matching
from gospablik.moderation.models import Comment
from tests.dialogue.conftest import THANKS, make_comment, make_message
from tests.dialogue.test_pages import client_for

BASE = "/kuzbass-health-335/dialogue"


def test_search_finds_comments_and_messages_by_a_word(account, komiac) -> None:
    comment = make_comment(account, "Когда починят лифт в поликлинике №3?")
    message = make_message(account, "Вторую неделю не работает лифт")
    make_comment(account, THANKS)
    found = filtered(Thread.objects.all(), {"q": "лифт", "status": "all"}, komiac)
    assert {t.pk for t in found} == {comment.thread.pk, message.thread.pk}
    page = client_for(komiac).get(f"{BASE}/?q=поликлинике&status=all").content.decode()
    assert "лифт в поликлинике" in page and "не работает лифт" not in page


def test_a_search_for_nothing_found_is_empty(account, komiac) -> None:
    make_comment(account, THANKS)
    assert not filtered(Thread.objects.all(), {"q": "шлагбаум", "status": "all"}, komiac)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_answers_the_search_from_the_trigram_index(account) -> None:
    make_comment(account, "Когда починят лифт?")
    comments = Comment.objects.filter(text__icontains="лифт").order_by()
    with connection.cursor() as cursor:
        # a tiny table: make the planner show what it would use once the table is large
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = comments.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "dialogue_comment_text_trgm" in plan
    assert Thread.objects.filter(matching("ЛИФТ")).count() == 1
