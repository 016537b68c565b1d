from __future__ import annotations

from gospablik.networks.base import PostDraft

from .conftest import FEED


def test_it_reads_the_rss_feed(connector):
    connector.publish(PostDraft("Первая", "k1"))
    connector.publish(PostDraft("Вторая", "k2"))
    assert [p.text for p in connector.read_feed()] == ["Вторая", "Первая"]


def test_it_reads_the_atom_feed(connector):
    post = connector.publish(PostDraft("Запись", "k1"))
    (item,) = connector.read_feed(f"{FEED}/atom")
    assert (item.text, item.url) == ("Запись", post.url)


def test_it_reads_the_profile(connector, emulator):
    emulator.state.rename("Минздрав Кузбасса")
    profile = connector.read_profile()
    assert (profile.title, profile.screen_name) == ("Минздрав Кузбасса", "minzdrav_demo")
