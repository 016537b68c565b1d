from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, MediaFile, Poll, PostDraft, Unsupported

from .conftest import OWNER, posts

JPEG = MediaFile("photo.jpg", b"\xff\xd8\xff fake jpeg", "image/jpeg", alt="Поликлиника")


def test_it_publishes_text_from_the_community(vk, emulator):
    published = vk.publish(PostDraft("Приём ведётся по записи.", "pub-1"))
    post = emulator.state.posts[(OWNER, int(published.post_id))]
    assert (post["text"], post["from_id"]) == ("Приём ведётся по записи.", OWNER)
    assert published.url == f"https://vk.com/wall{OWNER}_{published.post_id}"


def test_it_uploads_photos_through_the_upload_server(vk, emulator):
    published = vk.publish(PostDraft("Фото", "pub-2", photos=[JPEG, JPEG]))
    attachments = emulator.state.posts[(OWNER, int(published.post_id))]["attachments"]
    assert [a["type"] for a in attachments] == ["photo", "photo"]
    assert attachments[0]["photo"]["owner_id"] == OWNER
    assert attachments[0]["photo"]["text"] == "Поликлиника"


def test_it_attaches_a_poll_with_its_answers(vk, emulator):
    draft = PostDraft("Опрос", "pub-3", poll=Poll("Удобно ли записываться?", ["Да", "Нет"]))
    published = vk.publish(draft)
    (poll,) = emulator.state.posts[(OWNER, int(published.post_id))]["attachments"]
    assert [a["text"] for a in poll["poll"]["answers"]] == ["Да", "Нет"]
    assert poll["poll"]["anonymous"] is True


def test_it_uploads_a_video(vk, emulator):
    video = MediaFile("clip.mp4", b"\x00\x00\x00\x18ftypmp42", "video/mp4")
    published = vk.publish(PostDraft("Видео", "pub-4", video=video))
    (attachment,) = emulator.state.posts[(OWNER, int(published.post_id))]["attachments"]
    assert attachment["video"]["title"] == "clip.mp4"


def test_it_attaches_a_link(vk, emulator):
    published = vk.publish(PostDraft("Ссылка", "pub-5", link="https://kuzbass.example/news"))
    (attachment,) = emulator.state.posts[(OWNER, int(published.post_id))]["attachments"]
    assert attachment["link"]["url"] == "https://kuzbass.example/news"


def test_it_schedules_natively_with_publish_date(vk, emulator):
    at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    published = vk.publish(PostDraft("Завтра", "pub-6", publish_at=at))
    post = emulator.state.posts[(OWNER, int(published.post_id))]
    assert (post["post_type"], post["date"]) == ("postpone", int(at.timestamp()))
    assert published.published_at == at


def test_it_publishes_once_for_the_same_guid(vk, emulator):
    before = len(posts(emulator))
    first = vk.publish(PostDraft("Один раз", "pub-same"))
    second = vk.publish(PostDraft("Один раз", "pub-same"))
    assert first.post_id == second.post_id
    assert len(posts(emulator)) == before + 1


def test_it_refuses_an_animation_before_any_call(vk, emulator):
    gif = MediaFile("a.gif", b"GIF89a", "image/gif")
    with pytest.raises(Unsupported):
        vk.publish(PostDraft("GIF", "pub-7", animation=gif))


def test_it_finds_a_post_whose_response_was_lost(vk, emulator):
    since = datetime.now(UTC) - timedelta(minutes=1)
    emulator.faults.push("accept_then_drop", method="wall.post")
    with pytest.raises(ConnectorError) as lost:
        vk.publish(PostDraft("Потерянный ответ", "pub-8"))
    assert lost.value.maybe_applied
    found = vk.find_published("pub-8", since, text="Потерянный ответ")
    assert found is not None and found.post_id == str(posts(emulator)[-1]["id"])


def test_it_finds_nothing_when_the_post_was_not_made(vk):
    since = datetime.now(UTC) - timedelta(minutes=1)
    assert vk.find_published("pub-9", since, text="Не публиковалось") is None


def test_it_finds_a_scheduled_post_too(vk):
    at = datetime.now(UTC) + timedelta(hours=3)
    published = vk.publish(PostDraft("Отложено", "pub-10", publish_at=at))
    found = vk.find_published("pub-10", datetime.now(UTC) - timedelta(minutes=1), text="Отложено")
    assert found is not None and found.post_id == published.post_id
