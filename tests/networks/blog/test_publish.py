from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, MediaFile, PostDraft, Unsupported

from .conftest import entries


def test_it_posts_an_entry(connector, emulator):
    post = connector.publish(PostDraft("Приём граждан 5 мая", "k1"))
    (entry,) = entries(emulator)
    assert (post.post_id, entry["event"]) == (str(entry["itemid"]), "Приём граждан 5 мая")
    assert post.url == entry["url"]


def test_it_escapes_html_and_links_the_link(connector, emulator):
    connector.publish(PostDraft("Часы <9-18>", "k2", link="https://example.ru/?a=1&b=2"))
    assert entries(emulator)[0]["event"] == (
        'Часы &lt;9-18&gt;\n\n<a href="https://example.ru/?a=1&amp;b=2">'
        "https://example.ru/?a=1&amp;b=2</a>"
    )


def test_it_dates_the_entry_in_the_journal_time_zone(connector, emulator):
    connector.publish(PostDraft("Время", "k3"))
    local = datetime.now(UTC) + timedelta(hours=7)  # Asia/Novokuznetsk, no DST
    assert entries(emulator)[0]["eventtime"][:13] == local.strftime("%Y-%m-%d %H")


def test_it_refuses_photos(connector):
    with pytest.raises(Unsupported):
        connector.publish(PostDraft("Фото", "k4", photos=[MediaFile("a.jpg", b"j", "image/jpeg")]))


def test_it_deletes_an_entry(connector, emulator):
    post = connector.publish(PostDraft("Удалить", "k5"))
    connector.delete_post(post.post_id)
    connector.delete_post(post.post_id)  # already gone: fine
    assert entries(emulator) == []


def test_it_reads_the_journal(connector, emulator):
    connector.publish(PostDraft("Первая", "k6"))
    emulator.state.post_by_hand("Вторая &amp; последняя")
    assert [p.text for p in connector.read_wall()] == ["Вторая & последняя", "Первая"]


def test_it_has_no_comments_through_the_protocol(connector):
    with pytest.raises(Unsupported):
        connector.read_comments("1")


def test_it_refuses_an_entry_over_64_kilobytes(connector, emulator):
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("я" * 40000, "k7"))
    assert caught.value.permanent and entries(emulator) == []
