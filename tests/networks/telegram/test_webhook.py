from __future__ import annotations

import json

import pytest

from gospablik.networks.base import ConnectorError, PostDraft
from gospablik.networks.telegram.events import SECRET_HEADER, parse_webhook

from .conftest import fixture


def test_it_parses_a_pushed_comment():
    body = json.dumps(fixture("comment_update.json")).encode()
    (event,) = parse_webhook(body, {SECRET_HEADER: "s3cret"}, "s3cret")
    assert event.kind == "comment_new"
    assert (event.comment.post_id, event.comment.text) == ("606", "Thanks!")


def test_it_rejects_a_push_with_a_wrong_secret():
    body = json.dumps(fixture("comment_update.json")).encode()
    with pytest.raises(ConnectorError):
        parse_webhook(body, {SECRET_HEADER: "guess"}, "s3cret")


def test_it_receives_pushes_after_registering_a_webhook(connector, emulator):
    received = []
    emulator.push.sender = lambda url, body, headers: received.append((body, headers)) or (200, "")
    connector.register_webhook("https://gospablik.example/hooks/telegram")
    connector.publish(PostDraft("Новость", "k1"))
    emulator.state.add_comment(1, "Комментарий")
    events = [e for body, headers in received for e in connector.parse_webhook(body, headers)]
    assert [e.kind for e in events] == ["post_new", "comment_new"]


def test_it_cannot_poll_while_a_webhook_is_set(connector):
    connector.register_webhook("https://gospablik.example/hooks/telegram")
    with pytest.raises(ConnectorError) as caught:
        connector.poll_events()
    assert caught.value.code == 409
