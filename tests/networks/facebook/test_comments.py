from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import PostDraft, Unsupported

ANNA = {"name": "Анна Орлова", "id": "300000000000077"}


@pytest.fixture
def post(connector):
    return connector.publish(PostDraft("Новость", "k1"))


def test_it_reads_comments_with_replies(connector, emulator, post):
    first = emulator.state.add_comment(post.post_id, "Вопрос", ANNA)
    emulator.state.add_comment(post.post_id, "Ответ", parent=first["id"])
    comments = connector.read_comments(post.post_id)
    assert [(c.text, c.parent_id) for c in comments] == [("Вопрос", None), ("Ответ", first["id"])]
    assert (comments[0].author_id, comments[0].author_name) == (ANNA["id"], ANNA["name"])


def test_it_reads_after_since_id(connector, emulator, post):
    first = emulator.state.add_comment(post.post_id, "Первый")
    emulator.state.add_comment(post.post_id, "Второй")
    assert [c.text for c in connector.read_comments(post.post_id, first["id"])] == ["Второй"]


def test_it_pages_through_many_comments(connector, emulator, post):
    for n in range(130):
        emulator.state.add_comment(post.post_id, f"№{n}")
    assert len(connector.read_comments(post.post_id)) == 130


def test_it_deletes_a_comment(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Спам")
    (comment,) = connector.read_comments(post.post_id)
    connector.delete_comment(comment)
    assert emulator.state.comments == {}


def test_it_hides_a_comment(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Грубость")
    (comment,) = connector.read_comments(post.post_id)
    connector.hide_comment(comment)
    assert emulator.state.comments[comment.comment_id]["is_hidden"] is True


def test_it_blocks_the_author_and_unblocks(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Оскорбление", ANNA)
    (comment,) = connector.read_comments(post.post_id)
    connector.delete_comment(comment, block_author=True)
    assert ANNA["id"] in emulator.state.blocked
    connector.unban(ANNA["id"])
    assert emulator.state.blocked == {}


def test_it_refuses_a_ban_term(connector):
    with pytest.raises(Unsupported):
        connector.ban("1", reason="spam", until=datetime.now(UTC) + timedelta(days=1))
