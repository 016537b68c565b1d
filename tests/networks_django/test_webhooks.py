"""Push endpoints of Facebook/Instagram/Telegram/MAX: a valid signature is stored once,
a forged one is refused, Meta's subscription handshake answers the challenge."""

from __future__ import annotations

import hashlib
import hmac
import json

from django.test import Client

from gospablik.networks.connections import do_connect_account
from gospablik.networks.models import InboundEvent
from tests.foundation.factories import register

APP_SECRET = "fb-app-secret-for-tests"
BODY = {
    "object": "page",
    "entry": [
        {
            "id": "1",
            "time": 1706034000,
            "changes": [
                {
                    "field": "feed",
                    "value": {
                        "from": {"id": "555", "name": "Жительница"},
                        "item": "comment",
                        "comment_id": "1_42",
                        "post_id": "1_7",
                        "verb": "add",
                        "message": "Когда откроют бассейн?",
                        "created_time": 1706034000,
                    },
                }
            ],
        }
    ],
}


def facebook(social, foreign):
    account = register(social, foreign, network="facebook", url="https://facebook.com/kuzsocial")
    return do_connect_account(
        account,
        {"page_id": "1"},
        {"page_token": "t", "app_secret": APP_SECRET, "verify_token": "verify-me"},
        actor=foreign,
    )


def post(connection, body: bytes, signature: str):
    return Client().post(
        f"/hooks/facebook/{connection.pk}/",
        body,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256=signature,
    )


def test_it_stores_a_signed_facebook_comment_once(social, foreign):
    connection = facebook(social, foreign)
    body = json.dumps(BODY).encode()
    signature = "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert post(connection, body, signature).status_code == 200
    assert post(connection, body, signature).status_code == 200
    assert InboundEvent.objects.filter(connection=connection).count() == 1


def test_it_refuses_a_forged_signature(social, foreign):
    connection = facebook(social, foreign)
    response = post(connection, json.dumps(BODY).encode(), "sha256=" + "0" * 64)
    assert response.status_code == 403
    assert not InboundEvent.objects.exists()


def test_it_answers_metas_handshake(social, foreign):
    connection = facebook(social, foreign)
    url = f"/hooks/facebook/{connection.pk}/"
    ok = Client().get(
        url,
        {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"},
    )
    assert ok.content == b"1158201444"
    bad = Client().get(
        url, {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"}
    )
    assert bad.status_code == 403


def test_it_refuses_a_network_that_does_not_match_the_account(social, foreign):
    connection = facebook(social, foreign)
    assert (
        Client()
        .post(f"/hooks/max/{connection.pk}/", b"{}", content_type="application/json")
        .status_code
        == 404
    )
