from __future__ import annotations

from gospablik.networks.vk.longpoll import LongPoll

from .conftest import GROUP, SEED_POST


def test_it_receives_events_since_ts(vk, emulator):
    poll = LongPoll(vk, wait=0)
    ts, events = poll.poll_once()
    assert events == []
    emulator.add_comment(GROUP, SEED_POST, 200, "Через Long Poll")
    ts, events = poll.poll_once(ts)
    assert [(e.kind, e.comment and e.comment.text) for e in events] == [
        ("comment_new", "Через Long Poll")
    ]
    assert poll.poll_once(ts) == (ts, [])


def test_failed_1_continues_from_the_new_ts(vk, emulator):
    poll = LongPoll(vk, wait=0)
    ts, _ = poll.poll_once()
    emulator.add_external_post(GROUP, "Пропущено")
    emulator.faults.push("error", code=1, method="longpoll")
    new_ts, events = poll.poll_once(ts)
    assert events == [] and int(new_ts) == int(ts) + 1


def test_failed_2_gets_a_new_key_and_keeps_ts(vk, emulator):
    poll = LongPoll(vk, wait=0)
    ts, _ = poll.poll_once()
    old_key = poll.key
    emulator.faults.push("error", code=2, method="longpoll")
    emulator.add_external_post(GROUP, "После смены ключа")
    assert poll.poll_once(ts) == (ts, [])
    assert poll.key != old_key
    _, events = poll.poll_once(ts)
    assert [e.kind for e in events] == ["post_new"]


def test_failed_3_gets_a_new_key_and_ts(vk, emulator):
    poll = LongPoll(vk, wait=0)
    ts, _ = poll.poll_once()
    emulator.add_external_post(GROUP, "Потеряно")
    emulator.faults.push("error", code=3, method="longpoll")
    new_ts, events = poll.poll_once(ts)
    assert events == [] and int(new_ts) == int(ts) + 1
