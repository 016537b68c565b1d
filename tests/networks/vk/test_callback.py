from __future__ import annotations

import json
from pathlib import Path

import pytest

from gospablik.networks.vk.callback import parse_callback
from gospablik_emulators.emulation import PushDelivery, read_request, text_response, wsgi_sender

from .conftest import GROUP, SEED_POST

FIXTURES = Path(__file__).parents[3] / "src/gospablik_emulators/vk/fixtures"
KINDS = {
    "wall_reply_new": "comment_new",
    "wall_reply_edit": "comment_edit",
    "wall_reply_restore": "comment_restore",
    "wall_reply_delete": "comment_delete",
    "message_new": "message_new",
    "wall_post_new": "post_new",
    "wall_repost": "repost",
    "group_officers_edit": "admins_changed",
    "group_change_settings": "settings_changed",
    "group_change_photo": "photo_changed",
}


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


SECRET = "s3cr3t"


def parse(body, secret=SECRET, **kw):
    return parse_callback(body, confirmation_code="c0nf1rm1", secret=secret, **kw)


def test_it_answers_the_confirmation_with_the_code():
    result = parse(json.dumps(fixture("callback.confirmation")).encode())
    assert (result.outcome, result.status, result.reply) == ("confirmation", 200, "c0nf1rm1")


def test_it_rejects_a_wrong_secret_with_403():
    body = fixture("callback.wall_reply_new") | {"secret": "wrong"}
    assert (parse(body).status, parse(body).reply) == (403, "Bad Secret")


def test_it_rejects_another_community():
    assert parse(fixture("callback.wall_reply_new"), group_id=1).status == 403


def test_it_answers_400_to_garbage():
    assert parse(b"not json").status == 400


def test_it_acknowledges_events_it_does_not_use():
    result = parse({"type": "photo_new", "object": {}, "group_id": GROUP, "secret": "s3cr3t"})
    assert (result.outcome, result.reply, result.events) == ("ignored", "ok", [])


@pytest.mark.parametrize(("vk_type", "kind"), sorted(KINDS.items()))
def test_it_normalizes_each_event_type(vk_type, kind):
    result = parse(fixture(f"callback.{vk_type}"))
    (event,) = result.events
    assert (result.reply, event.kind, event.community_id) == ("ok", kind, str(GROUP))
    assert event.event_id == "8b5e3f0a5c2d1e4f6a7b8c9d0e1f2a3b4c5d6e7f"


def test_a_new_comment_event_carries_the_comment():
    (event,) = parse(fixture("callback.wall_reply_new")).events
    assert (event.comment.comment_id, event.comment.post_id, event.comment.author_id) == (
        "4520",
        "4512",
        "200",
    )


class Endpoint:
    """Our web app's Callback view, in miniature: fails ``failures`` times, then works."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.seen: list[tuple[str | None, dict]] = []

    def __call__(self, environ, start_response):
        req = read_request(environ)
        self.seen.append((req.headers.get("X-Retry-Counter"), req.json()))
        result = parse(req.body, secret="secret-1")
        if result.outcome == "event" and self.failures:
            self.failures -= 1
            return text_response(start_response, "busy", "503 Service Unavailable")
        return text_response(start_response, result.reply, f"{result.status} X")


def _wire(emulator, endpoint: Endpoint) -> None:

    emulator.push = PushDelivery(wsgi_sender(endpoint), retries=3, accept=emulator.push.accept)
    assert emulator.add_callback_server(GROUP, "/vk/callback", "secret-1").status == "ok"


def test_the_emulator_confirms_and_delivers_a_new_comment(emulator):
    endpoint = Endpoint()
    _wire(emulator, endpoint)
    emulator.add_comment(GROUP, SEED_POST, 200, "Когда откроется запись?")
    (_, confirmation), (retry, event) = endpoint.seen
    assert confirmation == {"type": "confirmation", "group_id": GROUP}
    assert (retry, event["type"], event["secret"]) == (None, "wall_reply_new", "secret-1")
    assert event["object"]["text"] == "Когда откроется запись?"


def test_the_emulator_retries_with_a_retry_counter(emulator):
    endpoint = Endpoint(failures=2)
    _wire(emulator, endpoint)
    emulator.rename_community(GROUP, "Минздрав Кузбасса")
    counters = [retry for retry, body in endpoint.seen if body["type"] != "confirmation"]
    assert counters == [None, "1", "2"]
    assert emulator.push.log[-1].delivered


def test_a_wrong_confirmation_code_leaves_the_server_unconfirmed(emulator):
    emulator.state.communities[GROUP].confirmation_code = "other"
    endpoint = Endpoint()
    emulator.push = PushDelivery(wsgi_sender(endpoint), accept=emulator.push.accept)
    server = emulator.add_callback_server(GROUP, "/vk/callback", "secret-1")
    emulator.add_comment(GROUP, SEED_POST, 200, "Не доставится")
    assert server.status == "failed" and len(endpoint.seen) == 1


@pytest.mark.parametrize(
    ("action", "vk_type"),
    [
        (lambda e: e.add_admin(GROUP, 201, "editor"), "group_officers_edit"),
        (lambda e: e.change_photo(GROUP, "https://vk.example/p.jpg"), "group_change_photo"),
        (lambda e: e.add_external_post(GROUP, "Вручную"), "wall_post_new"),
        (lambda e: e.send_message(GROUP, 200, "Вопрос"), "message_new"),
        (lambda e: e.edit_comment(GROUP, 5, "Исправлено"), "wall_reply_edit"),
    ],
)
def test_each_human_action_sends_its_event(emulator, action, vk_type):
    endpoint = Endpoint()
    _wire(emulator, endpoint)
    action(emulator)
    assert endpoint.seen[-1][1]["type"] == vk_type


def test_deleting_through_the_api_sends_wall_reply_delete(vk, emulator):
    endpoint = Endpoint()
    _wire(emulator, endpoint)
    vk.delete_comment(vk.read_comments(str(SEED_POST))[0])
    assert endpoint.seen[-1][1]["type"] == "wall_reply_delete"
