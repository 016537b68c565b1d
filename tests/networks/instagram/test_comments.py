from __future__ import annotations

import pytest

from gospablik.networks.base import MediaFile, PostDraft, Unsupported

PHOTO = MediaFile("a.jpg", b"jpeg", "image/jpeg")


@pytest.fixture
def post(connector):
    return connector.publish(PostDraft("Новость", "k1", photos=[PHOTO]))


def test_it_reads_comments_and_replies(connector, emulator, post):
    first = emulator.state.add_comment(post.post_id, "Вопрос", "anna")
    emulator.state.add_comment(post.post_id, "Ответ", "ivan", parent=first["id"])
    comments = connector.read_comments(post.post_id)
    assert [(c.text, c.author_name, c.parent_id) for c in comments] == [
        ("Вопрос", "anna", None),
        ("Ответ", "ivan", first["id"]),
    ]


def test_it_reads_after_since_id(connector, emulator, post):
    first = emulator.state.add_comment(post.post_id, "Первый")
    emulator.state.add_comment(post.post_id, "Второй")
    assert [c.text for c in connector.read_comments(post.post_id, first["id"])] == ["Второй"]


def test_it_deletes_a_comment(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Спам")
    (comment,) = connector.read_comments(post.post_id)
    connector.delete_comment(comment)
    assert emulator.state.comments == {}


def test_it_hides_a_comment(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Грубость")
    (comment,) = connector.read_comments(post.post_id)
    connector.hide_comment(comment)
    assert emulator.state.comments[comment.comment_id]["hidden"] is True


def test_it_cannot_block_authors(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Спам")
    (comment,) = connector.read_comments(post.post_id)
    with pytest.raises(Unsupported):
        connector.delete_comment(comment, block_author=True)
    with pytest.raises(Unsupported):
        connector.ban("1", reason="spam", until=None)
    assert len(emulator.state.comments) == 1


def test_it_reads_the_profile(connector, emulator):
    emulator.state.rename("Минздрав Кузбасса")
    profile = connector.read_profile()
    assert (profile.title, profile.screen_name, profile.members_count) == (
        "Минздрав Кузбасса",
        "minzdrav_demo",
        3200,
    )
