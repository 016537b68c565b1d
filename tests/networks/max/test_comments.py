from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, PostDraft, Unsupported
from gospablik_emulators.max.world import make_user


@pytest.fixture
def post(connector):
    return connector.publish(PostDraft("Новость", "k1"))


def test_it_reads_comments(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Спасибо", make_user(77, "Анна", "Орлова"))
    (comment,) = connector.read_comments(post.post_id)
    assert (comment.text, comment.author_id, comment.author_name) == (
        "Спасибо",
        "77",
        "Анна Орлова",
    )


def test_it_reads_comments_after_since_id(connector, emulator, post):
    first = emulator.state.add_comment(post.post_id, "Первый")
    emulator.state.add_comment(post.post_id, "Второй")
    comments = connector.read_comments(post.post_id, since_id=first["body"]["mid"])
    assert [c.text for c in comments] == ["Второй"]


def test_it_deletes_a_comment(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Спам")
    (comment,) = connector.read_comments(post.post_id)
    connector.delete_comment(comment)
    assert emulator.state.comments[post.post_id] == {}


def test_it_blocks_the_author_when_asked(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Оскорбление", make_user(88, "Злой"))
    (comment,) = connector.read_comments(post.post_id)
    connector.delete_comment(comment, block_author=True)
    assert 88 in emulator.state.channel().blocked


def test_it_refuses_a_ban_with_an_end_date(connector):
    with pytest.raises(Unsupported):
        connector.ban("88", reason="spam", until=datetime.now(UTC) + timedelta(days=1))


def test_it_reports_a_missing_delete_permission(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Спам")
    emulator.state.set_bot_permissions(["write"])
    (comment,) = connector.read_comments(post.post_id)
    with pytest.raises(ConnectorError) as caught:
        connector.delete_comment(comment)
    assert caught.value.permanent and not caught.value.needs_person


def test_it_polls_events_with_a_marker(connector, emulator, post):
    emulator.state.add_comment(post.post_id, "Вопрос")
    events, marker = connector.poll_events()
    assert [e.kind for e in events] == ["comment_new"]
    assert events[0].comment.post_id == post.post_id
    assert connector.poll_events(marker) == ([], marker)


def test_it_receives_comments_by_webhook(connector, emulator, post):
    received = []
    emulator.push.sender = lambda url, body, headers: received.append((body, headers)) or (200, "")
    connector.register_webhook("https://gospablik.example/hooks/max")
    emulator.state.add_comment(post.post_id, "Через вебхук")
    ((body, headers),) = received
    (event,) = connector.parse_webhook(body, headers)
    assert event.comment.text == "Через вебхук"


def test_it_rejects_a_webhook_with_a_wrong_secret(connector):
    with pytest.raises(ConnectorError):
        connector.parse_webhook(b"{}", {"X-Max-Bot-Api-Secret": "guess"})


def test_it_replies_to_a_comment_as_dev_max_ru_documents(connector, emulator, post):
    """POST /messages/{mid}/comments with a NewCommentBody: text and a ``reply`` link."""
    asked = emulator.state.add_comment(post.post_id, "Когда приём?")
    mid = connector.reply_comment(post.post_id, asked["body"]["mid"], "В понедельник.", "k")
    reply = emulator.state.comments[post.post_id][mid]
    assert reply["link"] == {"type": "reply", "mid": asked["body"]["mid"]}
    assert reply["body"]["text"] == "В понедельник."


def test_the_emulator_refuses_what_comments_do_not_take(connector, emulator, post):
    asked = emulator.state.add_comment(post.post_id, "Когда приём?")
    for body in (
        {"text": "Ответ", "link": {"type": "forward", "mid": asked["body"]["mid"]}},
        {"text": "Ответ", "attachments": [{"type": "image", "payload": {"token": "t"}}]},
    ):
        with pytest.raises(ConnectorError) as refused:
            connector.call("POST", f"/messages/{post.post_id}/comments", json=body)
        assert refused.value.code == "proto.payload"
    assert len(emulator.state.comments[post.post_id]) == 1
