from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, PostDraft

from .conftest import build


def publish_error(connector, key="k"):
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("Текст", key))
    return caught.value


def test_it_waits_after_a_429(connector, emulator):
    emulator.faults.push("rate_limit", retry_after=4)
    error = publish_error(connector)
    assert (error.retry_after, error.permanent) == (4.0, False)


def test_it_asks_a_person_when_the_token_is_revoked(emulator):
    emulator.state.revoke_token()
    assert publish_error(build(emulator)).needs_person


def test_it_treats_503_as_temporary(connector, emulator):
    emulator.faults.push(503, method="POST /messages")
    error = publish_error(connector)
    assert not error.permanent and error.retry_after


def test_it_treats_a_timeout_as_temporary(connector, emulator):
    emulator.faults.push("timeout")
    error = publish_error(connector)
    assert not error.permanent and emulator.state.messages == {}


def test_it_finds_a_post_whose_answer_was_lost(connector, emulator):
    since = datetime.now(UTC) - timedelta(minutes=1)
    emulator.faults.push("accept_then_drop", method="POST /messages")
    assert publish_error(connector).maybe_applied
    found = connector.find_published("k", since, text="Текст")
    assert found is not None
    assert found.post_id in emulator.state.messages


def test_it_finds_nothing_when_nothing_was_posted(connector):
    since = datetime.now(UTC) - timedelta(minutes=1)
    assert connector.find_published("k", since, text="Текст") is None


def test_it_treats_http_500_as_temporary_and_maybe_applied(connector, emulator):
    emulator.faults.push("http_500", method="POST /messages")
    error = publish_error(connector)
    assert not error.permanent and error.maybe_applied
