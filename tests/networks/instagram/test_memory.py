"""The container made for a key is kept in the memory the connector is given."""

from __future__ import annotations

import pytest

from gospablik.networks.base import ConnectorError, MediaFile, PostDraft
from gospablik_emulators.instagram.world import IG_USER_ID

from .conftest import build

PHOTO = MediaFile("p.jpg", b"jpeg", "image/jpeg")


class Store(dict):
    def set(self, key, value):
        self[key] = value


def start_slow_publish(emulator, store):
    emulator.state.processing_polls = 50
    with pytest.raises(ConnectorError):
        build(emulator, store).publish(PostDraft("Долго", "k", photos=[PHOTO]))
    emulator.state.processing_polls = 0


def test_a_new_connector_with_the_same_store_reuses_the_container(emulator):
    store = Store()
    start_slow_publish(emulator, store)
    build(emulator, store).publish(PostDraft("Долго", "k", photos=[PHOTO]))
    assert (len(emulator.state.containers), len(emulator.state.media)) == (1, 1)
    assert list(store) == [f"instagram:container:{IG_USER_ID}:k"]


def test_a_connector_with_another_store_makes_a_new_container(emulator):
    start_slow_publish(emulator, Store())
    build(emulator, Store()).publish(PostDraft("Долго", "k", photos=[PHOTO]))
    assert len(emulator.state.containers) == 2
