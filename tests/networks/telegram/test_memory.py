"""What the connector remembers goes to the memory it is given (e.g. a database store)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, PostDraft
from gospablik.networks.memory import PROCESS_MEMORY

from .conftest import build


class Store:
    """A stand-in for a database-backed store: values must survive JSON."""

    def __init__(self):
        self.rows = {}

    def get(self, key):
        return json.loads(self.rows[key]) if key in self.rows else None

    def set(self, key, value):
        self.rows[key] = json.dumps(value)


def test_another_process_with_the_same_store_finds_the_post_by_key(emulator):
    store, since = Store(), datetime.now(UTC) - timedelta(minutes=1)
    post = build(emulator, memory=store).publish(PostDraft("Текст", "k-store"))
    found = build(emulator, memory=store).find_published("k-store", since)
    assert found is not None and found.post_id == post.post_id
    assert PROCESS_MEMORY.get("telegram:sent:k-store") is None


def test_a_connector_with_another_store_cannot_verify_by_key(emulator):
    build(emulator, memory=Store()).publish(PostDraft("Текст", "k-other"))
    with pytest.raises(ConnectorError) as caught:
        build(emulator, memory=Store()).find_published("k-other", datetime.now(UTC))
    assert caught.value.needs_person


def test_the_thread_map_lives_in_the_given_store(emulator):
    store = Store()
    connector = build(emulator, memory=store)
    connector.publish(PostDraft("Новость", "k-thread"))
    parent = emulator.state.add_comment(1, "Вопрос")
    emulator.state.add_comment(1, "Ответ", reply_to=parent["message_id"])
    events, _ = connector.poll_events()
    assert events[-1].comment.post_id == "1"
    thread = next(key for key in store.rows if key.startswith("telegram:thread:"))
    assert PROCESS_MEMORY.get(thread) is None
