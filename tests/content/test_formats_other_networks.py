"""The formats each other connector supports round-trip through its emulator too."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gospablik.content.actions import do_attach_media, do_schedule
from gospablik.content.media import mp4_stub
from gospablik.networks import connector_for
from gospablik.networks.outbound import run_once

from .conftest import allow_all_networks, connect_other, gif, make_post, png

CASES = [
    ("telegram", "text", []),
    ("telegram", "photo", ["png"]),
    ("telegram", "video", ["mp4"]),
    ("telegram", "animation", ["gif"]),
    ("telegram", "poll", []),
    ("max", "text", []),
    ("max", "photo", ["png", "png"]),
    ("max", "video", ["mp4"]),
    ("facebook", "text", []),
    ("facebook", "photo", ["png"]),
    ("facebook", "live", []),
    ("instagram", "photo", ["png"]),
    ("instagram", "card", ["png", "png"]),
    ("instagram", "video", ["mp4"]),
    ("blog", "text", []),
    ("blog", "live", []),
]
FILES = {
    "png": lambda: ("p.png", png(), "Подпись"),
    "gif": lambda: ("a.gif", gif(), ""),
    "mp4": lambda: ("v.mp4", mp4_stub(640, 360), ""),
}
EXTRA = {
    "poll": {"poll": {"question": "Удобно?", "answers": ["Да", "Нет"]}},
    "live": {"link": "https://example.org/live"},
}


@pytest.fixture
def all_networks(health, head):
    allow_all_networks(health, head)


def texts_on(emulators, account):
    if account.network == "telegram":
        messages = emulators["telegram"].state.channel().messages.values()
        return [m.get("text") or m.get("caption") or "" for m in messages]
    return [p.text for p in connector_for(account.connection).read_wall()]


@pytest.mark.parametrize(("network", "fmt", "files"), CASES)
def test_it_round_trips(all_networks, health, komiac, keeper, emulators, network, fmt, files):
    account = connect_other(health, keeper, network)
    text = f"{network}: формат {fmt}"
    post = make_post(health, komiac, [account], format=fmt, text=text, **EXTRA.get(fmt, {}))
    for kind in files:
        name, content, alt = FILES[kind]()
        do_attach_media(post, name, content, alt=alt, actor=komiac)
    do_schedule(post, timezone.now(), actor=komiac)
    assert run_once().outcomes == {"done": 1}
    assert sum(t.startswith(text) for t in texts_on(emulators, account)) == 1


@pytest.mark.parametrize(
    ("network", "fmt", "message"),
    [
        ("instagram", "text", "Instagram: нельзя опубликовать текст без фото и видео"),
        ("facebook", "video", "Facebook: нельзя опубликовать видео"),
        ("max", "poll", "MAX: нельзя опубликовать опрос"),
        ("blog", "photo", "Блог: нельзя опубликовать фотографии"),
    ],
)
def test_it_refuses_what_the_network_lacks(
    all_networks, health, komiac, keeper, network, fmt, message
):
    account = connect_other(health, keeper, network)
    post = make_post(health, komiac, [account], format=fmt, **EXTRA.get(fmt, {}))
    if fmt in ("video", "photo"):
        name, content, alt = FILES["mp4" if fmt == "video" else "png"]()
        do_attach_media(post, name, content, alt=alt, actor=komiac)
    with pytest.raises(ValidationError) as refused:
        do_schedule(post, timezone.now(), actor=komiac)
    assert message in refused.value.messages
