from __future__ import annotations

import json

import pytest

from gospablik.networks.base import ConnectorError, PostDraft
from gospablik.networks.facebook.webhook import parse_webhook, verify_subscription
from gospablik_emulators.facebook.world import DEMO_APP_SECRET

from .conftest import fixture


def signed(body: bytes, secret: str = DEMO_APP_SECRET) -> dict[str, str]:
    import hashlib
    import hmac

    return {
        "X-Hub-Signature-256": "sha256="
        + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    }


def test_it_parses_a_comment_notification():
    body = json.dumps(fixture("webhook_feed_comment.json")).encode()
    (event,) = parse_webhook(body, signed(body), DEMO_APP_SECRET)
    assert (event.kind, event.comment.text, event.comment.parent_id) == (
        "comment_new",
        "Example message",
        None,
    )


def test_it_rejects_a_bad_signature():
    body = json.dumps(fixture("webhook_feed_comment.json")).encode()
    with pytest.raises(ConnectorError):
        parse_webhook(body, signed(body, "other"), DEMO_APP_SECRET)


def test_it_answers_the_subscription_handshake():
    params = {"hub.mode": "subscribe", "hub.verify_token": "t", "hub.challenge": "42"}
    assert verify_subscription(params, "t") == "42"
    with pytest.raises(ConnectorError):
        verify_subscription(params, "other")


def test_it_receives_signed_pushes_from_the_emulator(connector, emulator):
    received = []
    emulator.push.sender = lambda url, body, headers: received.append((body, headers)) or (200, "")
    emulator.state.callback_url = "https://gospablik.example/hooks/facebook"
    post = connector.publish(PostDraft("Новость", "k1"))
    emulator.state.add_comment(post.post_id, "Вопрос")
    events = [e for body, headers in received for e in connector.parse_webhook(body, headers)]
    assert [e.kind for e in events] == ["post_new", "comment_new"]
