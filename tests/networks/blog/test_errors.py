from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, PostDraft

from .conftest import build, entries


def publish_error(connector):
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft("Текст", "k"))
    return caught.value


def test_it_asks_a_person_when_the_password_changed(connector, emulator):
    emulator.state.change_password("new-password")
    error = publish_error(connector)
    assert (error.needs_person, error.code) == (True, 101)


def test_it_waits_on_the_post_frequency_limit(connector, emulator):
    emulator.faults.push("rate_limit", method="postevent")
    error = publish_error(connector)
    assert (error.code, error.permanent, error.retry_after) == (405, False, 600.0)


def test_it_treats_http_500_as_temporary(connector, emulator):
    emulator.faults.push("http_500", method="postevent")
    error = publish_error(connector)
    assert not error.permanent and error.retry_after


def test_it_treats_a_timeout_as_temporary(connector, emulator):
    emulator.faults.push("timeout", method="postevent")
    assert not publish_error(connector).permanent and entries(emulator) == []


def test_it_finds_an_entry_whose_answer_was_lost(connector, emulator):
    since = datetime.now(UTC)
    emulator.faults.push("accept_then_drop", method="postevent")
    assert publish_error(connector).maybe_applied
    found = connector.find_published("k", since, text="Текст")
    assert found is not None and found.post_id == str(entries(emulator)[0]["itemid"])


def test_it_finds_nothing_that_was_not_posted(connector):
    since = datetime.now(UTC) - timedelta(minutes=5)
    assert connector.find_published("k", since, text="Никогда") is None


def test_it_never_sends_the_password(connector, emulator):
    seen = []
    original = emulator._xmlrpc

    def spy(req, start_response):
        seen.append(req.body)
        return original(req, start_response)

    emulator._xmlrpc = spy
    connector.publish(PostDraft("Текст", "k"))
    assert len(seen) == 2 and not any(b"demo-password" in body for body in seen)
    assert b"<name>auth_response</name>" in seen[1]


def maintenance(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return ["<html><body>Технические работы</body></html>".encode()]


def test_it_treats_an_unreadable_answer_as_temporary():
    error = publish_error(build(maintenance))
    assert (error.code, error.permanent, error.maybe_applied) == ("bad_xml", False, True)
