from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, PostDraft

from .conftest import GROUP, OWNER, SEED_POST, posts


def test_it_reads_posts_made_outside_gospablik(vk, emulator):
    emulator.add_external_post(GROUP, "Опубликовано вручную в ВК")
    wall = vk.read_wall()
    assert wall[0].text == "Опубликовано вручную в ВК"
    assert (wall[0].kind, wall[0].is_repost) == ("post", False)


def test_it_stops_reading_at_since(vk, emulator):
    emulator.state.posts[(OWNER, SEED_POST)]["date"] -= 86400 * 10
    emulator.add_external_post(GROUP, "Свежая запись")
    wall = vk.read_wall(since=datetime.now(UTC) - timedelta(days=1))
    assert [p.text for p in wall] == ["Свежая запись"]


def test_it_honours_the_limit(vk, emulator):
    for n in range(5):
        emulator.add_external_post(GROUP, f"Запись {n}")
    assert len(vk.read_wall(limit=3)) == 3


def test_it_reposts_and_detects_the_repost_when_reading(vk, emulator):
    source = emulator.add_external_post(219000002, "Новость соседнего министерства")
    published = vk.repost(f"https://vk.com/wall-219000002_{source['id']}", "Рекомендуем")
    repost = vk.read_wall()[0]
    assert repost.post_id == published.post_id
    assert (repost.kind, repost.is_repost, repost.source) == (
        "repost",
        True,
        f"wall-219000002_{source['id']}",
    )


def test_it_rejects_an_unrecognisable_repost_source(vk):
    with pytest.raises(ConnectorError) as error:
        vk.repost("https://example.org/news/1")
    assert error.value.permanent


def test_it_deletes_a_post(vk, emulator):
    published = vk.publish(PostDraft("Удалить", "del-1"))
    vk.delete_post(published.post_id)
    assert published.post_id not in {str(p["id"]) for p in posts(emulator)}


def test_it_reports_a_missing_post_as_permanent(vk):
    with pytest.raises(ConnectorError) as error:
        vk.delete_post("999999")
    assert (error.value.code, error.value.permanent) == (104, True)
