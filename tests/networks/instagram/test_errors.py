from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, MediaFile, PostDraft

PHOTO = MediaFile("a.jpg", b"jpeg", "image/jpeg")


def publish_error(connector, key="k"):
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("Текст", key, photos=[PHOTO]))
    return caught.value


def test_it_waits_on_throttling(connector, emulator):
    emulator.faults.push("rate_limit", code=4)
    error = publish_error(connector)
    assert (error.code, error.permanent) == (4, False) and error.retry_after


def test_it_asks_a_person_when_the_token_expired(connector, emulator):
    emulator.state.expire_token()
    assert publish_error(connector).needs_person


def test_it_treats_a_missing_permission_as_permanent(connector, emulator):
    emulator.state.scopes.discard("instagram_content_publish")
    error = publish_error(connector)
    assert error.permanent and not error.needs_person and error.code == 10


def test_it_treats_a_timeout_as_temporary(connector, emulator):
    emulator.faults.push("timeout", method="POST media_publish")
    error = publish_error(connector)
    assert not error.permanent and emulator.state.media == {}


def test_it_publishes_a_container_only_once_after_a_lost_answer(connector, emulator):
    since = datetime.now(UTC) - timedelta(minutes=1)
    emulator.faults.push("accept_then_drop", method="POST media_publish")
    assert publish_error(connector, "k-lost").maybe_applied
    found = connector.find_published("k-lost", since, text="Текст")
    again = connector.publish(PostDraft("Текст", "k-lost", photos=[PHOTO]))
    assert found is not None and again.post_id == found.post_id
    assert len(emulator.state.media) == 1


def test_it_knows_an_unpublished_container_is_not_published(connector, emulator):
    since = datetime.now(UTC) - timedelta(minutes=1)
    emulator.faults.push("timeout", method="POST media_publish")
    publish_error(connector, "k-timeout")
    assert connector.find_published("k-timeout", since, text="Текст") is None


def test_it_treats_http_500_as_temporary(connector, emulator):
    emulator.faults.push("http_500", method="POST media")
    error = publish_error(connector)
    assert not error.permanent and error.retry_after and emulator.state.containers == {}
