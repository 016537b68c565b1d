from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError, PostDraft

from .conftest import build


def publish_error(connector, text="Текст"):
    with pytest.raises(ConnectorError) as caught:
        connector.publish(PostDraft(text, "k"))
    return caught.value


@pytest.mark.parametrize("code", [4, 17, 32, 613])
def test_it_waits_on_throttling(connector, emulator, code):
    emulator.faults.push("rate_limit", code=code)
    error = publish_error(connector)
    assert (error.code, error.permanent) == (code, False) and error.retry_after


def test_it_asks_a_person_when_the_token_expired(connector, emulator):
    emulator.state.expire_token()
    error = publish_error(connector)
    assert error.needs_person and error.code == 190


def test_it_treats_a_missing_permission_as_permanent(connector, emulator):
    emulator.state.revoke_scope("pages_manage_posts")
    error = publish_error(connector)
    assert error.permanent and not error.needs_person and error.code == 200


def test_it_treats_an_invalid_parameter_as_permanent(connector, emulator):
    emulator.faults.push(100, method="POST feed")
    assert publish_error(connector).permanent


def test_it_treats_a_server_error_as_temporary(connector, emulator):
    emulator.faults.push("http_500")
    error = publish_error(connector)
    assert not error.permanent and error.maybe_applied


def test_it_treats_a_timeout_as_temporary(connector, emulator):
    emulator.faults.push("timeout")
    error = publish_error(connector)
    assert not error.permanent and emulator.state.posts == {}


def test_it_finds_a_post_whose_answer_was_lost(connector, emulator):
    since = datetime.now(UTC) - timedelta(minutes=1)
    emulator.faults.push("accept_then_drop", method="POST feed")
    assert publish_error(connector).maybe_applied
    found = connector.find_published("k", since, text="Текст")
    assert found is not None and found.post_id in emulator.state.posts


def test_it_explains_a_duplicate(connector):
    connector.publish(PostDraft("Дважды", "k1"))
    error = publish_error(connector, "Дважды")
    assert (error.code, error.permanent, error.maybe_applied) == (506, True, True)


def test_it_rejects_a_wrong_appsecret_proof(emulator):
    connector = build(emulator)
    connector.credentials["app_secret"] = "wrong"
    assert publish_error(connector).code == 100
