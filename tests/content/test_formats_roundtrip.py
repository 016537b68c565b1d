"""Every format of clause 2.3 goes through the VK and OK emulators (or is refused before)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gospablik.content.actions import do_attach_media, do_schedule
from gospablik.content.media import mp4_stub
from gospablik.networks.ok import convert as ok_convert
from gospablik.networks.outbound import run_once

from .conftest import gif, make_post, ok_topics, png, vk_posts


@pytest.fixture
def publish(health, komiac):
    def run(accounts, files=(), **data):
        post = make_post(health, komiac, accounts, **data)
        for name, content, alt in files:
            do_attach_media(post, name, content, alt=alt, actor=komiac)
        do_schedule(post, timezone.now(), actor=komiac)
        assert run_once().outcomes == {"done": len(accounts)}
        return post

    return run


def vk_attachments(emulator, text):
    (post,) = vk_posts(emulator, text)
    return post["attachments"]


def ok_media(emulator, text):
    (topic,) = [t for t in ok_topics(emulator) if ok_convert.topic_text(t).startswith(text)]
    return {m["type"]: m for m in topic["media"]}


def test_text(publish, vk_account, ok_account, emulators):
    publish([vk_account, ok_account], text="Просто текст")
    assert vk_attachments(emulators["vk"], "Просто текст") == []
    assert set(ok_media(emulators["ok"], "Просто текст")) == {"text"}


def test_one_photo(publish, vk_account, ok_account, emulators):
    publish([vk_account, ok_account], [("a.jpg", png(fmt="JPEG"), "")], format="photo", text="Фото")
    assert [a["type"] for a in vk_attachments(emulators["vk"], "Фото")] == ["photo"]
    assert len(ok_media(emulators["ok"], "Фото")["photo"]["photo_refs"]) == 1


def test_many_photos(publish, vk_account, ok_account, emulators):
    files = [(f"{n}.png", png(), "") for n in range(3)]
    publish([vk_account, ok_account], files, format="photo", text="Три фото")
    assert [a["type"] for a in vk_attachments(emulators["vk"], "Три фото")] == ["photo"] * 3
    assert len(ok_media(emulators["ok"], "Три фото")["photo"]["photo_refs"]) == 3


@pytest.mark.parametrize("fmt", ["infographic", "card"])
def test_infographic_and_cards_carry_alt_text(publish, vk_account, ok_account, emulators, fmt):
    files = [("i.png", png(), "Схема: как записаться к врачу"), ("j.png", png(), "Шаг 2")]
    publish([vk_account, ok_account], files, format=fmt, text=f"Формат {fmt}")
    photos = vk_attachments(emulators["vk"], f"Формат {fmt}")
    assert [p["photo"]["text"] for p in photos] == ["Схема: как записаться к врачу", "Шаг 2"]
    assert len(ok_media(emulators["ok"], f"Формат {fmt}")["photo"]["photo_refs"]) == 2


def test_infographic_without_alt_text_is_refused(health, komiac, vk_account):
    post = make_post(health, komiac, [vk_account], format="infographic")
    do_attach_media(post, "i.png", png(), alt="", actor=komiac)
    with pytest.raises(ValidationError, match="альтернативный текст"):
        do_schedule(post, timezone.now(), actor=komiac)


def test_mp4_animation_goes_to_vk_as_a_video(publish, vk_account, emulators):
    publish([vk_account], [("a.mp4", mp4_stub(480, 480), "")], format="animation", text="Анимация")
    (attachment,) = vk_attachments(emulators["vk"], "Анимация")
    assert attachment["type"] == "video"


def test_gif_animation_is_refused_for_vk_and_ok_before_scheduling(
    health, komiac, vk_account, ok_account
):
    post = make_post(health, komiac, [vk_account, ok_account], format="animation")
    do_attach_media(post, "a.gif", gif(), alt="", actor=komiac)
    with pytest.raises(ValidationError) as refused:
        do_schedule(post, timezone.now(), actor=komiac)
    assert sorted(refused.value.messages) == [
        "ВКонтакте: нельзя опубликовать GIF-анимацию",
        "Одноклассники: нельзя опубликовать GIF-анимацию",
    ]


def test_video(publish, vk_account, emulators):
    publish(
        [vk_account],
        [("v.mp4", mp4_stub(1280, 720), "Ролик о диспансеризации")],
        format="video",
        text="Видео",
    )
    (attachment,) = vk_attachments(emulators["vk"], "Видео")
    assert attachment["video"]["title"] == "Ролик о диспансеризации"


def test_video_is_refused_for_ok(health, komiac, ok_account):
    post = make_post(health, komiac, [ok_account], format="video")
    do_attach_media(post, "v.mp4", mp4_stub(640, 360), alt="", actor=komiac)
    with pytest.raises(ValidationError, match="Одноклассники: нельзя опубликовать видео"):
        do_schedule(post, timezone.now(), actor=komiac)


def test_live_broadcast_link(publish, vk_account, ok_account, emulators):
    link = "https://vk.com/video-219000001_1"
    publish([vk_account, ok_account], format="live", text="Прямой эфир в 15:00", link=link)
    (attachment,) = vk_attachments(emulators["vk"], "Прямой эфир в 15:00")
    assert attachment["link"]["url"] == link
    assert ok_media(emulators["ok"], "Прямой эфир")["link"]["url"] == link


def test_poll(publish, vk_account, ok_account, emulators):
    poll = {"question": "Удобно ли записываться?", "answers": ["Да", "Нет"], "multiple": False}
    publish([vk_account, ok_account], format="poll", text="Опрос", poll=poll)
    (attachment,) = vk_attachments(emulators["vk"], "Опрос")
    assert [a["text"] for a in attachment["poll"]["answers"]] == ["Да", "Нет"]
    assert [a["text"] for a in ok_media(emulators["ok"], "Опрос")["poll"]["answers"]] == [
        "Да",
        "Нет",
    ]


@pytest.mark.parametrize("fmt", ["contest", "campaign"])
def test_contest_and_campaign_carry_rules_and_dates(
    publish, vk_account, ok_account, emulators, fmt
):
    start = timezone.now()
    publish(
        [vk_account, ok_account],
        format=fmt,
        text=f"Старт: {fmt}",
        rules="Пришлите фото",
        starts_at=start,
        ends_at=start + timedelta(days=7),
        results_at=start + timedelta(days=9),
    )
    (post,) = [p for p in vk_posts(emulators["vk"]) if p["text"].startswith(f"Старт: {fmt}")]
    assert "Правила: Пришлите фото" in post["text"] and "итоги —" in post["text"]
    assert "Правила: Пришлите фото" in ok_convert.topic_text(ok_media_topic(emulators, fmt))


def ok_media_topic(emulators, fmt):
    return next(
        t
        for t in ok_topics(emulators["ok"])
        if ok_convert.topic_text(t).startswith(f"Старт: {fmt}")
    )


def test_contest_without_rules_is_refused(health, komiac, vk_account):
    post = make_post(health, komiac, [vk_account], format="contest")
    with pytest.raises(ValidationError, match="Опишите правила"):
        do_schedule(post, timezone.now(), actor=komiac)


def test_repost_on_vk(publish, vk_account, emulators):
    for n in range(3):  # the weekly cap: a repost needs three originals beside it
        publish([vk_account], text=f"Оригинал {n}")
    original = emulators["vk"].add_external_post(219000002, "Соцзащита: новые выплаты")
    source = f"https://vk.com/wall-219000002_{original['id']}"
    publish([vk_account], format="repost", text="", repost_source=source)
    (repost,) = [p for p in vk_posts(emulators["vk"]) if p.get("copy_history")]
    assert repost["copy_history"][0]["id"] == original["id"]


def test_repost_is_refused_for_ok(health, komiac, ok_account):
    post = make_post(
        health,
        komiac,
        [ok_account],
        format="repost",
        text="",
        repost_source="https://ok.ru/group/1/topic/2",
    )
    with pytest.raises(ValidationError, match="Одноклассники: нельзя сделать репост"):
        do_schedule(post, timezone.now(), actor=komiac)
