from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import Capability, ConnectorError, PostDraft, Unsupported

from .conftest import GID, SEED_TOPIC, topics


def test_it_reads_topics_made_outside_gospablik(ok, emulator):
    emulator.add_external_topic(GID, "Опубликовано вручную на ok.ru")
    wall = ok.read_wall()
    assert (wall[0].text, wall[0].kind) == ("Опубликовано вручную на ok.ru", "post")


def test_it_pages_through_the_wall_and_honours_the_limit(ok, emulator):
    for n in range(60):
        emulator.add_external_topic(GID, f"Тема {n}")
    assert len(ok.read_wall(limit=55)) == 55
    assert len(ok.read_wall(limit=500)) == 61


def test_it_stops_at_since(ok, emulator):
    emulator.state.topics[SEED_TOPIC]["created_ms"] -= 86_400_000 * 5
    emulator.add_external_topic(GID, "Свежая")
    assert [p.text for p in ok.read_wall(since=datetime.now(UTC) - timedelta(days=1))] == ["Свежая"]


def test_it_detects_a_reshare(ok, emulator):
    emulator.add_reshare(GID, "155999", "Рекомендуем")
    post = ok.read_wall()[0]
    assert (post.is_repost, post.source, post.kind) == (True, "155999", "repost")


def test_it_deletes_a_topic(ok, emulator):
    published = ok.publish(PostDraft("Удалить", "ok-d"))
    ok.delete_post(published.post_id)
    assert published.post_id not in {t["id"] for t in topics(emulator)}


def test_deleting_a_missing_topic_is_permanent(ok):
    with pytest.raises(ConnectorError) as error:
        ok.delete_post("1")
    assert (error.value.code, error.value.permanent) == (300, True)


def test_it_reads_comments_with_names_and_moscow_dates(ok, emulator):
    comments = ok.read_comments(SEED_TOPIC)
    assert [(c.author_name, c.text) for c in comments] == [
        ("Иван Петров", "Где можно записаться?"),
        ("Мария Кузнецова", "Спасибо!"),
    ]
    assert abs((comments[0].date - datetime.now(UTC)).total_seconds()) < 5


def test_it_reads_comments_after_since_id_across_pages(ok, emulator):
    for n in range(150):
        emulator.add_comment(SEED_TOPIC, "575000000100", f"Комментарий {n}")
    first = ok.read_comments(SEED_TOPIC)
    assert len(first) == 152
    emulator.add_comment(SEED_TOPIC, "575000000101", "Новый", reply_to=first[0].comment_id)
    (new,) = ok.read_comments(SEED_TOPIC, since_id=first[-1].comment_id)
    assert (new.text, new.parent_id) == ("Новый", first[0].comment_id)


def test_it_deletes_a_comment(ok, emulator):
    comment = ok.read_comments(SEED_TOPIC)[0]
    ok.delete_comment(comment)
    assert [c.text for c in ok.read_comments(SEED_TOPIC)] == ["Спасибо!"]
    assert emulator.state.groups[GID].members["575000000100"] == "ACTIVE"


def test_blocking_the_author_is_the_only_ban_on_ok(ok, emulator):
    comment = ok.read_comments(SEED_TOPIC)[0]
    ok.delete_comment(comment, block_author=True)
    assert emulator.state.groups[GID].members["575000000100"] == "BLOCKED"
    assert Capability.BLOCK_AUTHOR_ON_DELETE in ok.capabilities
    assert Capability.BAN_USER not in ok.capabilities


@pytest.mark.parametrize(
    "operation",
    [
        lambda ok, c: ok.ban("575000000100", reason="spam", until=None),
        lambda ok, c: ok.unban("575000000100"),
        lambda ok, c: ok.restore_comment(c),
        lambda ok, c: ok.hide_comment(c),
        lambda ok, c: ok.repost("155999"),
        lambda ok, c: ok.upload_cover(None),
    ],
)
def test_what_ok_lacks_is_refused_loudly(ok, operation):
    comment = ok.read_comments(SEED_TOPIC)[0]
    with pytest.raises(Unsupported) as error:
        operation(ok, comment)
    assert error.value.permanent and "«Одноклассники»" in error.value.message
