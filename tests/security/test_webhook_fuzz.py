"""Every webhook of every network, fuzzed: hostile bodies (valid envelopes with one value
replaced or dropped, arbitrary JSON, non-ASCII secrets) never make the server fail; a
refused body (4xx) stores nothing, and no body stores an event that cannot be processed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gospablik.networks.connections import TRANSPORT_OVERRIDES, do_connect_account
from gospablik.networks.models import InboundEvent
from gospablik.networks.telegram.events import SECRET_HEADER as TELEGRAM_HEADER
from gospablik.networks.telegram.events import parse_webhook as telegram_parse
from gospablik.registry.models import Account
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.telegram.emulator import make_app as telegram_app
from gospablik_emulators.telegram.world import CHANNEL_ID, DEMO_TOKEN, GROUP_ID
from tests.content.conftest import OK_GID, OK_SECRETS
from tests.foundation.factories import account_data, register

SECRET = "hook-secret-5f1d2e7a9b"
EXAMPLES = 40
VK_GROUP = 219000077
MAX_CHAT = -70801090403050
VK_BODY = {
    "type": "wall_reply_new",
    "group_id": VK_GROUP,
    "event_id": "e1",
    "v": "5.199",
    "secret": SECRET,
    "object": {"id": 9, "from_id": 5, "post_id": 3, "owner_id": -VK_GROUP, "date": 1700000000,
               "text": "раз"},
}  # fmt: skip
OK_BODY = {
    "sender": {"user_id": "user:575000000100"},
    "recipient": {"chat_id": "chat:C3ecb9d02a600"},
    "message": {"text": "Где получить справку?", "seq": 1, "mid": "mid:C3ecb9d02a600.1"},
    "timestamp": 1498581292941,
}
FB_BODY = {
    "object": "page",
    "entry": [{"id": "1", "time": 1706034000, "changes": [{"field": "feed", "value": {
        "from": {"id": "555", "name": "Жительница"}, "item": "comment", "comment_id": "1_42",
        "post_id": "1_7", "verb": "add", "message": "Когда?", "created_time": 1706034000}}]}],
}  # fmt: skip
IG_BODY = {
    "object": "instagram",
    "entry": [{"id": "17841405822304914", "time": 1520622968, "changes": [{
        "field": "comments", "value": {"from": {"id": "232323232", "username": "test"},
        "media": {"id": "123123123", "media_product_type": "FEED"}, "id": "17865799348089039",
        "parent_id": "1231231234", "text": "This is an example."}}]}],
}  # fmt: skip
MAX_BODY = {
    "message": {
        "recipient": {"chat_type": "channel", "chat_id": MAX_CHAT, "post_id": "mid.fff"},
        "timestamp": 1788528471428,
        "body": {"mid": "mid.fff", "seq": 116327994376978687, "text": "Comment text here"},
    },
    "timestamp": 1788528471428,
    "update_type": "comment_created",
}
TELEGRAM_BODY = {
    "update_id": 4,
    "message": {
        "message_id": 52, "from": {"id": 228129, "is_bot": False, "first_name": "Lockevn"},
        "chat": {"id": -2001, "title": "g", "type": "supergroup"}, "date": 2, "text": "Thanks!",
        "message_thread_id": 51,
        "reply_to_message": {
            "message_id": 51, "from": {"id": 777000, "is_bot": False, "first_name": "Telegram"},
            "sender_chat": {"id": -1003001, "title": "c", "type": "channel"},
            "chat": {"id": -2001, "title": "g", "type": "supergroup"}, "date": 1, "text": "p",
            "forward_origin": {"type": "channel", "chat": {"id": -1003001, "title": "c",
                               "type": "channel"}, "message_id": 606, "date": 1},
            "is_automatic_forward": True,
        },
    },
}  # fmt: skip

TG_BODY = json.loads(  # the same update, between the emulator's channel and its group
    json.dumps(TELEGRAM_BODY).replace("-1003001", str(CHANNEL_ID)).replace("-2001", str(GROUP_ID))
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["", "12abc", "-", "1e400", "٣", "NaN"])
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


@st.composite
def hostile(draw: Any, template: dict[str, Any]) -> bytes:
    """A valid body with one value replaced or dropped, or anything at all."""
    kind = draw(st.sampled_from(["replace", "drop", "any", "bytes"]))
    if kind == "any":
        return json.dumps(draw(JSON)).encode()
    if kind == "bytes":
        return draw(st.binary(max_size=40))
    body = json.loads(json.dumps(template))
    path = draw(st.sampled_from(paths(body)))
    parent = body
    for step in path[:-1]:
        parent = parent[step]
    if kind == "drop" and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(JSON)
    return json.dumps(body).encode()


def sign_meta(body: bytes) -> dict[str, str]:
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return {"HTTP_X_HUB_SIGNATURE_256": f"sha256={digest}"}


def connect(ministry, actor, network: str, url: str, config: dict, secrets: dict):
    if network in ("max", "telegram"):  # neither order lists them: a row, not a registration
        data = account_data(ministry, network=network, url=url)
        account = Account.objects.create(ministry=ministry, **data)
    else:
        account = register(ministry, actor, network=network, url=url)
    return do_connect_account(account, config, secrets, actor=actor)


Setup = tuple[Any, str, dict, Callable[[bytes], dict]]


def setups(health, keeper, social, foreign) -> dict[str, Setup]:
    vk = connect(
        health,
        keeper,
        "vk",
        "https://vk.com/club219000077",
        {"group_id": VK_GROUP},
        {"user_token": "u", "community_token": "c", "callback_secret": SECRET},
    )
    ok = connect(
        health,
        keeper,
        "ok",
        "https://ok.ru/group/kuzdrav",
        {"group_id": OK_GID},
        OK_SECRETS | {"webhook_secret": SECRET},
    )
    fb = connect(
        social,
        foreign,
        "facebook",
        "https://facebook.com/kuzdrav",
        {"page_id": "1"},
        {"page_token": "t", "app_secret": SECRET, "verify_token": "v"},
    )
    ig = connect(
        social,
        foreign,
        "instagram",
        "https://instagram.com/kuzdrav",
        {"ig_user_id": "17841405822304914", "media_base_url": "https://example.org/"},
        {"access_token": "t", "app_secret": SECRET, "verify_token": "v"},
    )
    mx = connect(
        social,
        foreign,
        "max",
        "https://max.ru/kuzdrav",
        {"chat_id": str(MAX_CHAT)},
        {"bot_token": "t", "webhook_secret": SECRET},
    )
    tg = connect(
        social,
        foreign,
        "telegram",
        "https://t.me/minzdrav_kuzbass_demo",
        {"channel": "@minzdrav_kuzbass_demo"},
        {"bot_token": DEMO_TOKEN, "webhook_secret": SECRET},
    )
    return {
        "vk": (vk, f"/hooks/vk/{vk.pk}/", VK_BODY, lambda body: {}),
        "telegram": (tg, f"/hooks/telegram/{tg.pk}/", TG_BODY,
                     lambda body: {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": SECRET}),
        "ok": (ok, f"/hooks/ok/{ok.pk}/{SECRET}/", OK_BODY, lambda body: {}),
        "facebook": (fb, f"/hooks/facebook/{fb.pk}/", FB_BODY, sign_meta),
        "instagram": (ig, f"/hooks/instagram/{ig.pk}/", IG_BODY, sign_meta),
        "max": (mx, f"/hooks/max/{mx.pk}/", MAX_BODY, lambda body: {"HTTP_X_MAX_BOT_API_SECRET":
                                                                       SECRET}),
    }  # fmt: skip


def check(client: Client, url: str, body: bytes, headers: dict[str, str]) -> None:
    before = InboundEvent.objects.count()
    response = client.post(url, body, content_type="application/json", **headers)
    assert response.status_code < 500, (url, body, response.content[:300])
    if response.status_code >= 400:
        assert InboundEvent.objects.count() == before, (url, body)
    assert not InboundEvent.objects.exclude(error="").exists(), (url, body)


@pytest.fixture(autouse=True)
def telegram_network() -> Iterator[None]:
    """Telegram's view asks the network for the channel (getChat) before it parses: the
    emulator answers, mounted on the connectors' HTTP seam."""
    TRANSPORT_OVERRIDES["telegram"] = emulator_transport(telegram_app())
    yield
    TRANSPORT_OVERRIDES.pop("telegram", None)


@pytest.mark.parametrize("network", ["vk", "ok", "facebook", "instagram", "max", "telegram"])
def test_hostile_bodies_never_fail_the_server(health, keeper, social, foreign, network):
    connection, url, template, headers = setups(health, keeper, social, foreign)[network]
    client = Client(raise_request_exception=False)
    assert client.post(url, json.dumps(template), content_type="application/json",
                       **headers(json.dumps(template).encode())).status_code == 200  # fmt: skip
    assert InboundEvent.objects.filter(connection=connection).exists()  # the view parsed it

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(body=hostile(template))
    def run(body: bytes) -> None:
        check(client, url, body, headers(body))

    run()


VK_CASES = {
    "non-ASCII secret": {**VK_BODY, "secret": "секрет"},
    "object without id": {**VK_BODY, "object": {k: v for k, v in VK_BODY["object"].items()
                                                if k != "id"}},
    "non-numeric from_id": {**VK_BODY, "object": {**VK_BODY["object"], "from_id": "abc"}},
    "object a string": {**VK_BODY, "object": "строка"},
    "non-numeric date": {**VK_BODY, "object": {**VK_BODY["object"], "date": "вчера"}},
}  # fmt: skip


@pytest.mark.parametrize("case", list(VK_CASES))
def test_the_vk_callback_refuses_the_reported_bodies(health, keeper, social, foreign, case):
    connection, url, _template, _headers = setups(health, keeper, social, foreign)["vk"]
    response = Client(raise_request_exception=False).post(
        url, json.dumps(VK_CASES[case]), content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert not InboundEvent.objects.exists()


@pytest.mark.parametrize("network", ["ok", "max", "telegram"])
def test_a_non_ascii_secret_is_refused(health, keeper, social, foreign, network):
    client = Client(raise_request_exception=False)
    if network == "ok":
        connection = setups(health, keeper, social, foreign)["ok"][0]
        response = client.post(
            f"/hooks/ok/{connection.pk}/секрет/", b"{}", content_type="application/json"
        )
    elif network == "max":
        connection = setups(health, keeper, social, foreign)["max"][0]
        response = client.post(
            f"/hooks/max/{connection.pk}/",
            b"{}",
            content_type="application/json",
            HTTP_X_MAX_BOT_API_SECRET="секрет".encode().decode("latin-1"),
        )
    else:
        connection = connect(
            social,
            foreign,
            "telegram",
            "https://t.me/kuzdrav",
            {"channel": "@kuzdrav"},
            {"bot_token": "1:t", "webhook_secret": SECRET},
        )
        response = client.post(
            f"/hooks/telegram/{connection.pk}/",
            b"{}",
            content_type="application/json",
            HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="секрет".encode().decode("latin-1"),
        )
    assert response.status_code == 403
    assert not InboundEvent.objects.exists()  # fmt: skip


@settings(max_examples=EXAMPLES * 2, deadline=None, database=None, derandomize=True)
@given(body=hostile(TELEGRAM_BODY))
def test_telegram_updates_parse_or_are_refused(body: bytes) -> None:
    """The Telegram view asks the network for its channel before it parses, so its parser
    is fuzzed here: events, a ConnectorError, or one of the errors the view answers with
    400 (MALFORMED) — never anything else."""
    from gospablik.networks.base import ConnectorError
    from gospablik.networks.hostile import MALFORMED

    try:
        events = telegram_parse(body, {TELEGRAM_HEADER: SECRET}, SECRET, -1003001)
    except (ConnectorError, *MALFORMED):
        return
    for event in events:
        json.dumps(event.payload)
        assert event.comment is None or isinstance(event.comment.text, str)
