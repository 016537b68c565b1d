from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, MediaFile, Poll, PostDraft, Unsupported

PHOTO = MediaFile("a.jpg", b"jpeg", "image/jpeg")
VIDEO = MediaFile("v.mp4", b"mp4", "video/mp4")


def only_message(emulator):
    (message,) = emulator.state.messages.values()
    return message


def test_it_publishes_text(connector, emulator):
    post = connector.publish(PostDraft("Приём граждан 5 мая", "k1"))
    message = only_message(emulator)
    assert post.post_id == message["body"]["mid"]
    assert message["body"]["text"] == "Приём граждан 5 мая"
    assert post.url.startswith("https://max.ru/minzdrav_demo/")


def test_it_uploads_photos_and_attaches_them(connector, emulator):
    connector.publish(PostDraft("Фото", "k2", photos=[PHOTO, PHOTO]))
    attachments = only_message(emulator)["body"]["attachments"]
    assert [a["type"] for a in attachments] == ["image", "image"]


def test_it_uploads_a_video(connector, emulator):
    connector.publish(PostDraft("Видео", "k3", video=VIDEO))
    assert only_message(emulator)["body"]["attachments"][0]["type"] == "video"


def test_it_appends_the_link(connector, emulator):
    connector.publish(PostDraft("Подробнее", "k4", link="https://example.ru/a"))
    assert only_message(emulator)["body"]["text"].endswith("https://example.ru/a")


def test_it_refuses_polls(connector):
    with pytest.raises(Unsupported):
        connector.publish(PostDraft("Опрос", "k5", poll=Poll("Да?", ["Да", "Нет"])))


def test_it_refuses_a_text_over_4000_characters(connector, emulator):
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("я" * 4001, "k6"))
    assert caught.value.permanent and emulator.state.messages == {}


def test_it_deletes_a_post(connector, emulator):
    post = connector.publish(PostDraft("Удалить", "k7"))
    connector.delete_post(post.post_id)
    connector.delete_post(post.post_id)  # already gone: still fine
    assert emulator.state.messages == {}


def test_it_reads_the_wall_newest_first(connector, emulator):
    connector.publish(PostDraft("Первый", "k8"))
    emulator.state.post_as_admin("Второй")
    since = datetime.now(UTC) - timedelta(minutes=5)
    assert [p.text for p in connector.read_wall(since)] == ["Второй", "Первый"]
