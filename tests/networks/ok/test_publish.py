from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from gospablik.networks.base import ConnectorError, MediaFile, Poll, PostDraft, Unsupported

from .conftest import topics

JPEG = MediaFile("photo.jpg", b"\xff\xd8\xff fake", "image/jpeg")


def test_it_publishes_a_text_topic_to_the_group(ok, emulator):
    published = ok.publish(PostDraft("Приём ведётся по записи.", "ok-1"))
    topic = emulator.state.topics[published.post_id]
    assert topic["media"] == [{"type": "text", "text": "Приём ведётся по записи."}]
    assert published.url == f"https://ok.ru/group/70000000000001/topic/{published.post_id}"


def test_it_uploads_photos_and_attaches_their_tokens(ok, emulator):
    published = ok.publish(PostDraft("Фото", "ok-2", photos=[JPEG, JPEG]))
    (_, photos) = emulator.state.topics[published.post_id]["media"]
    assert photos["type"] == "photo" and len(photos["photo_refs"]) == 2


def test_it_adds_link_and_poll_blocks(ok, emulator):
    poll = Poll("Удобно ли записываться?", ["Да", "Нет"], anonymous=True, multiple=True)
    published = ok.publish(PostDraft("Опрос", "ok-3", link="https://kuzbass.example", poll=poll))
    (_, link, block) = emulator.state.topics[published.post_id]["media"]
    assert link == {"type": "link", "url": "https://kuzbass.example"}
    assert block["options"] == "MultipleChoice,AnonymousVoting"
    assert [a["text"] for a in block["answers"]] == ["Да", "Нет"]


def test_it_schedules_with_publish_at_ms(ok, emulator):
    at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    published = ok.publish(PostDraft("Завтра", "ok-4", publish_at=at))
    topic = emulator.state.topics[published.post_id]
    assert (topic["created_ms"], topic["is_unpublished"]) == (int(at.timestamp() * 1000), True)
    assert ok.read_wall()[0].kind == "scheduled"


def test_it_sends_the_attachment_as_signed_json(ok, emulator):
    seen: list[dict] = []
    original = emulator._dispatch

    def spy(name, params, base):
        seen.append(params)
        return original(name, params, base)

    emulator._dispatch = spy
    ok.publish(PostDraft("Текст", "ok-5"))
    attachment = json.loads(seen[-1]["attachment"])
    assert attachment == {"media": [{"type": "text", "text": "Текст"}], "onBehalfOfGroup": "true"}


@pytest.mark.parametrize("field", ["video", "animation"])
def test_it_refuses_media_ok_cannot_take(ok, field):
    clip = MediaFile("clip.mp4", b"\x00", "video/mp4")
    with pytest.raises(Unsupported):
        media: dict[str, Any] = {field: clip}
        ok.publish(PostDraft("Видео", "ok-6", **media))


def test_it_has_no_idempotency_key_so_a_lost_response_is_found_by_text(ok, emulator):
    since = datetime.now(UTC) - timedelta(minutes=1)
    emulator.faults.push("accept_then_drop", method="mediatopic.post")
    with pytest.raises(ConnectorError) as error:
        ok.publish(PostDraft("Ответ потерялся", "ok-7"))
    assert error.value.maybe_applied
    found = ok.find_published("ok-7", since, text="Ответ потерялся")
    assert found is not None and found.post_id == topics(emulator)[-1]["id"]


def test_it_finds_nothing_when_nothing_was_posted(ok):
    since = datetime.now(UTC) - timedelta(minutes=1)
    assert ok.find_published("ok-8", since, text="Не публиковалось") is None


def test_it_rejects_censored_text_permanently(ok, emulator):
    with pytest.raises(ConnectorError) as error:
        ok.publish(PostDraft("Тут запрещёнка", "ok-9"))
    assert (error.value.code, error.value.permanent) == (454, True)
    assert "фильтр" in error.value.message


def test_it_rejects_a_bad_link(ok):
    with pytest.raises(ConnectorError) as error:
        ok.publish(PostDraft("Ссылка", "ok-10", link="ftp://files.example"))
    assert error.value.code == 607
