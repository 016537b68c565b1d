from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, MediaFile, Poll, PostDraft, Unsupported

PHOTO = MediaFile("a.jpg", b"\xff\xd8jpeg", "image/jpeg")


def channel_messages(emulator):
    return list(emulator.state.channel().messages.values())


def test_it_publishes_text_to_the_channel(connector, emulator):
    post = connector.publish(PostDraft("Приём граждан 5 мая", "k1"))
    assert post.post_id == "1"
    assert post.url == "https://t.me/minzdrav_kuzbass_demo/1"
    assert channel_messages(emulator)[0]["text"] == "Приём граждан 5 мая"


def test_it_publishes_a_photo_with_the_text_as_caption(connector, emulator):
    connector.publish(PostDraft("Фото с приёма", "k2", photos=[PHOTO]))
    message = channel_messages(emulator)[0]
    assert message["caption"] == "Фото с приёма"
    assert message["photo"]


def test_it_sends_several_photos_as_one_album(connector, emulator):
    post = connector.publish(PostDraft("Альбом", "k3", photos=[PHOTO, PHOTO, PHOTO]))
    assert post.post_id == "1,2,3"
    albums = {m["media_group_id"] for m in channel_messages(emulator)}
    assert len(albums) == 1


def test_it_sends_a_long_text_after_the_media(connector, emulator):
    text = "Длинный текст. " * 100
    post = connector.publish(PostDraft(text, "k4", photos=[PHOTO]))
    first, second = channel_messages(emulator)
    assert post.post_id == "1,2"
    assert "caption" not in first
    assert second["text"] == text


def test_it_publishes_a_poll_after_the_text(connector, emulator):
    poll = Poll("Удобно ли время приёма?", ["Да", "Нет"])
    post = connector.publish(PostDraft("Опрос", "k5", poll=poll))
    assert post.post_id == "1,2"
    assert channel_messages(emulator)[1]["poll"]["question"] == "Удобно ли время приёма?"


def test_it_appends_the_link_to_the_text(connector, emulator):
    connector.publish(PostDraft("Подробнее на сайте", "k6", link="https://example.ru/a"))
    assert channel_messages(emulator)[0]["text"].endswith("https://example.ru/a")


def test_it_refuses_native_scheduling(connector):
    later = datetime.now(UTC) + timedelta(days=1)
    with pytest.raises(Unsupported):
        connector.publish(PostDraft("Позже", "k7", publish_at=later))


def test_it_refuses_a_text_longer_than_telegram_allows(connector, emulator):
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("я" * 4097, "k8"))
    assert caught.value.permanent
    assert channel_messages(emulator) == []
