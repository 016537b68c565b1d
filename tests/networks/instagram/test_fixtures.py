"""The emulator answers in the shapes of the documented Instagram payloads."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx

from gospablik.networks.instagram.webhook import parse_webhook
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.instagram.world import DEMO_APP_SECRET, DEMO_TOKEN, IG_USER_ID

from ..conftest import unlike
from .conftest import fixture


def graph(emulator):
    return httpx.Client(
        transport=emulator_transport(emulator),
        base_url="https://graph.facebook.com/v21.0",
        params={"access_token": DEMO_TOKEN},
    )


def test_it_speaks_the_two_step_flow_like_instagram(emulator):
    api = graph(emulator)
    made = api.post(f"/{IG_USER_ID}/media", params={"image_url": "https://x.example/a.jpg"}).json()
    early = api.post(f"/{IG_USER_ID}/media_publish", params={"creation_id": made["id"]})
    status = api.get(f"/{made['id']}", params={"fields": "status_code"}).json()
    status = api.get(f"/{made['id']}", params={"fields": "status_code"}).json()
    done = api.post(f"/{IG_USER_ID}/media_publish", params={"creation_id": made["id"]}).json()
    assert unlike(fixture("container_create.json"), made) == []
    assert unlike(fixture("error_not_ready.json"), early.json()) == []
    assert unlike(fixture("container_status.json"), status) == []
    assert unlike(fixture("media_publish.json"), done) == []


def test_it_answers_the_publishing_limit_like_instagram(emulator):
    answer = graph(emulator).get(f"/{IG_USER_ID}/content_publishing_limit").json()
    assert unlike(fixture("publishing_limit.json"), answer) == []


def test_it_lists_comments_like_instagram(emulator):
    emulator.state.media["1"] = {"id": "1", "media_product_type": "FEED", "comments_count": 0}
    emulator.state.add_comment("1", "Спасибо")
    answer = graph(emulator).get("/1/comments").json()
    assert unlike(fixture("comments.json"), answer) == []


def test_it_pushes_comment_webhooks_like_instagram(emulator):
    pushed = []
    emulator.push.sender = lambda url, body, headers: pushed.append((body, headers)) or (200, "")
    emulator.state.callback_url = "https://gospablik.example/hooks/instagram"
    emulator.state.media["1"] = {"id": "1", "media_product_type": "FEED", "comments_count": 0}
    parent = emulator.state.add_comment("1", "Вопрос")
    emulator.state.add_comment("1", "Ответ", parent=parent["id"])
    body, headers = pushed[-1]
    assert unlike(fixture("webhook_comments.json"), json.loads(body)) == []
    (event,) = parse_webhook(body, headers, DEMO_APP_SECRET)
    assert (event.comment.text, event.comment.parent_id) == ("Ответ", parent["id"])


def test_it_parses_the_documented_webhook_sample():
    body = json.dumps(fixture("webhook_comments.json")).encode()
    signature = hmac.new(DEMO_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    (event,) = parse_webhook(body, {"X-Hub-Signature-256": f"sha256={signature}"}, DEMO_APP_SECRET)
    assert (event.comment.post_id, event.comment.author_name) == ("123123123", "test")
