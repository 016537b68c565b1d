"""The emulator answers in the shapes of the documented Graph payloads."""

from __future__ import annotations

import json

import httpx

from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.facebook.world import DEMO_TOKEN, PAGE_ID

from ..conftest import unlike
from .conftest import fixture


def graph(emulator):
    return httpx.Client(
        transport=emulator_transport(emulator),
        base_url="https://graph.facebook.com/v21.0",
        params={"access_token": DEMO_TOKEN},
    )


def test_it_answers_errors_in_the_graph_envelope(emulator):
    emulator.state.expire_token()
    answer = graph(emulator).get(f"/{PAGE_ID}")
    assert unlike(fixture("error_envelope.json"), answer.json()) == []


def test_it_answers_feed_and_photo_posts_like_graph(emulator):
    api = graph(emulator)
    feed = api.post(f"/{PAGE_ID}/feed", data={"message": "Т"}).json()
    photo = api.post(f"/{PAGE_ID}/photos", files={"source": ("a.jpg", b"j", "image/jpeg")}).json()
    assert unlike(fixture("feed_post_response.json"), feed) == []
    assert unlike(fixture("photo_response.json"), photo) == []


def test_it_lists_comments_like_graph(emulator):
    api = graph(emulator)
    post_id = api.post(f"/{PAGE_ID}/feed", data={"message": "Т"}).json()["id"]
    comment = emulator.state.add_comment(post_id, "Комментарий")
    assert unlike(fixture("comments_list.json"), api.get(f"/{post_id}/comments").json()) == []
    assert api.delete(f"/{comment['id']}").json() == fixture("success.json")


def test_it_pushes_feed_changes_like_graph(emulator):
    pushed = []
    emulator.push.sender = lambda url, body, headers: pushed.append(body) or (200, "")
    emulator.state.callback_url = "https://gospablik.example/hooks/facebook"
    post = emulator.state.add_post("Т")
    emulator.state.add_comment(post["id"], "Комментарий")
    assert unlike(fixture("webhook_feed_comment.json"), json.loads(pushed[-1])) == []
