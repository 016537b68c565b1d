from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, PostDraft

from .conftest import build


def publish_error(connector, key="k"):
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("Текст", key))
    return caught.value


def test_it_passes_on_flood_control_retry_after(connector, emulator):
    emulator.faults.push("rate_limit", retry_after=7)
    error = publish_error(connector)
    assert (error.retry_after, error.permanent, error.code) == (7.0, False, 429)


def test_it_asks_a_person_when_the_token_is_revoked(emulator):
    emulator.state.revoke_token()
    error = publish_error(build(emulator))
    assert error.needs_person and error.permanent


def test_it_treats_a_server_error_as_temporary(connector, emulator):
    emulator.faults.push("http_500")
    error = publish_error(connector)
    assert not error.permanent and error.retry_after


def test_it_treats_a_timeout_as_temporary(connector, emulator):
    emulator.faults.push("timeout", method="sendMessage")
    error = publish_error(connector)
    assert not error.permanent and error.maybe_applied
    assert emulator.state.channel().messages == {}


def test_it_finds_a_post_whose_answer_was_lost(connector, emulator):
    since = datetime.now(UTC) - timedelta(minutes=1)
    emulator.faults.push("accept_then_drop", method="sendMessage")
    error = publish_error(connector, "k-lost")
    assert error.maybe_applied
    found = connector.find_published("k-lost", since, text="Текст")
    assert found is not None and found.post_id == "1"


def test_it_does_not_find_a_post_that_was_never_sent(connector):
    since = datetime.now(UTC) - timedelta(minutes=1)
    assert connector.find_published("k-none", since, text="Другой текст") is None


def test_it_cannot_verify_without_any_text(connector):
    since = datetime.now(UTC)
    with pytest.raises(ConnectorError) as caught:
        connector.find_published("unknown", since)
    assert caught.value.needs_person
