from __future__ import annotations

import pytest

from gospablik.networks.base import ConnectorError, MediaFile, PostDraft, Unsupported

from .conftest import MEDIA_BASE

PHOTO = MediaFile("2025/05/приём.jpg", b"jpeg", "image/jpeg")
VIDEO = MediaFile("clip.mp4", b"mp4", "video/mp4")


def only_media(emulator):
    (media,) = emulator.state.media.values()
    return media


def test_it_publishes_a_photo_in_two_steps(connector, emulator):
    post = connector.publish(PostDraft("Приём граждан", "k1", photos=[PHOTO]))
    media = only_media(emulator)
    assert (post.post_id, media["caption"], media["media_type"]) == (
        media["id"],
        "Приём граждан",
        "IMAGE",
    )
    assert media["media_url"] == f"{MEDIA_BASE}/2025/05/%D0%BF%D1%80%D0%B8%D1%91%D0%BC.jpg"
    assert post.url.startswith("https://www.instagram.com/p/")


def test_it_publishes_a_carousel(connector, emulator):
    connector.publish(PostDraft("Альбом", "k2", photos=[PHOTO, PHOTO, PHOTO]))
    assert only_media(emulator)["media_type"] == "CAROUSEL_ALBUM"


def test_it_publishes_a_video_as_a_reel(connector, emulator):
    connector.publish(PostDraft("Видео", "k3", video=VIDEO))
    assert only_media(emulator)["media_product_type"] == "REELS"


def test_it_refuses_a_text_only_post(connector):
    with pytest.raises(Unsupported):
        connector.publish(PostDraft("Только текст", "k4"))


def test_it_refuses_links(connector):
    with pytest.raises(Unsupported):
        connector.publish(PostDraft("Ссылка", "k5", photos=[PHOTO], link="https://example.ru"))


def test_it_gives_up_waiting_and_retries_with_the_same_container(connector, emulator):
    emulator.state.processing_polls = 50
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("Долго", "k6", photos=[PHOTO]))
    assert caught.value.retry_after and not caught.value.permanent
    emulator.state.processing_polls = 0
    connector.publish(PostDraft("Долго", "k6", photos=[PHOTO]))
    assert len(emulator.state.containers) == 1 and len(emulator.state.media) == 1


def test_it_reports_media_meta_could_not_download(connector, emulator):
    emulator.state.unreachable.add(f"{MEDIA_BASE}/clip.mp4")
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("Видео", "k7", video=VIDEO))
    assert caught.value.permanent


def test_it_stops_at_the_publishing_quota(connector, emulator):
    emulator.state.published_at = [emulator.state.now()] * 50
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("Пятьдесят первый", "k8", photos=[PHOTO]))
    assert caught.value.retry_after == 3600.0 and emulator.state.containers == {}


def test_it_deletes_a_post(connector, emulator):
    post = connector.publish(PostDraft("Удалить", "k9", photos=[PHOTO]))
    connector.delete_post(post.post_id)
    assert emulator.state.media == {}


def test_it_reads_the_feed(connector):
    connector.publish(PostDraft("Первый", "k10", photos=[PHOTO]))
    connector.publish(PostDraft("Второй", "k11", photos=[PHOTO]))
    assert [p.text for p in connector.read_wall()] == ["Второй", "Первый"]
