from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import MediaFile, Poll, PostDraft, Unsupported

PHOTO = MediaFile("a.jpg", b"jpeg", "image/jpeg")


def posts(emulator):
    return list(emulator.state.posts.values())


def test_it_publishes_text(connector, emulator):
    post = connector.publish(PostDraft("Приём граждан", "k1"))
    assert posts(emulator)[0]["id"] == post.post_id
    assert posts(emulator)[0]["message"] == "Приём граждан"


def test_it_publishes_a_link(connector, emulator):
    connector.publish(PostDraft("Подробнее", "k2", link="https://example.ru/a"))
    assert posts(emulator)[0]["link"] == "https://example.ru/a"


def test_it_publishes_one_photo_through_photos(connector, emulator):
    post = connector.publish(PostDraft("Фото", "k3", photos=[PHOTO]))
    assert posts(emulator)[0]["id"] == post.post_id
    assert len(posts(emulator)[0]["attached_media"]) == 1


def test_it_attaches_several_unpublished_photos_to_one_post(connector, emulator):
    connector.publish(PostDraft("Альбом", "k4", photos=[PHOTO, PHOTO]))
    (post,) = posts(emulator)
    assert len(post["attached_media"]) == 2
    assert not any(p["published"] for p in emulator.state.photos.values())


def test_it_schedules_natively(connector, emulator):
    later = datetime.now(UTC) + timedelta(days=2)
    connector.publish(PostDraft("Завтра", "k5", publish_at=later))
    (post,) = posts(emulator)
    assert (post["is_published"], post["scheduled_publish_time"]) == (False, int(later.timestamp()))


def test_it_refuses_polls(connector):
    with pytest.raises(Unsupported):
        connector.publish(PostDraft("Опрос", "k6", poll=Poll("?", ["Да", "Нет"])))


def test_it_deletes_a_post_and_tolerates_a_missing_one(connector, emulator):
    post = connector.publish(PostDraft("Удалить", "k7"))
    connector.delete_post(post.post_id)
    connector.delete_post(post.post_id)
    assert emulator.state.posts == {}


def test_it_reads_the_wall(connector, emulator):
    connector.publish(PostDraft("Первый", "k8"))
    emulator.state.post_by_hand("Второй")
    assert [p.text for p in connector.read_wall()] == ["Второй", "Первый"]
