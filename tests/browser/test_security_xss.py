"""Hostile text stays text: XSS payloads in account titles and descriptions, post texts
and media file names (typed by people), and in comments, community titles, admin names and
wall posts (sent by the network) render inert on every page that shows them.

The browser context ignores the Content-Security-Policy on purpose: the CSP is the second
wall; this test checks the first one (escaping). A payload that ran would set
``window.__xss``; one that was parsed as markup would leave an element behind.
"""

from __future__ import annotations

import struct
import zlib
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from gospablik.content.actions import do_attach_media, do_create_post
from gospablik.moderation.intake import intake_comment
from gospablik.networks.base import RemoteComment
from gospablik.networks.connections import do_connect_account
from gospablik.orgs.models import Membership, Organization
from gospablik.security.actions import do_allow_admin
from gospablik.security.models import Alert
from gospablik.security.snapshots import snapshot_all
from gospablik_emulators.server import serve_in_thread
from gospablik_emulators.vk.emulator import make_app
from tests.conftest import PASSWORD
from tests.foundation.factories import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP = 219000001


def png(width: int = 120, height: int = 120) -> bytes:
    """A plain white PNG big enough for the content module's media checks."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff" * (3 * width) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload=window.__xss=1>',
    '\'><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<a href="javascript:window.__xss=1" id=xsslink>x</a>',
    "{{ 7|add:7 }}<b onmouseover=window.__xss=1>b</b>",
]
ALL = " ".join(PAYLOADS)
INJECTED = """() => {
  const attrs = [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]);
  return {
    handlers: attrs.filter(a => a.name.startsWith('on')).map(a => a.name),
    scripts: [...document.scripts].filter(s => !s.src).length,
    frames: document.querySelectorAll('iframe, svg[onload], #xsslink, img[src="x"]').length,
    trap: typeof window.__xss,
  };
}"""


@pytest.fixture
def hostile(settings, health, keeper, make_user):
    """An account with hostile text everywhere, watched, changed by an intruder."""
    settings.GOSPABLIK_REQUIRE_2FA = False
    sec = make_user("sec", health, "komiac", "security_officer")
    for role in ("editor", "moderator"):  # one person who may open every page below
        Membership.objects.create(
            user=sec,
            organization=Organization.objects.get(ministry=health, key="komiac"),
            role=role,
        )
    app = make_app()
    server = serve_in_thread("vk", 0, app=app)
    account = register(
        health,
        keeper,
        title=PAYLOADS[0] + PAYLOADS[1],
        description=ALL,
        url="https://vk.com/hostile",
    )
    do_connect_account(
        account,
        {"group_id": GROUP, "api_base": f"http://127.0.0.1:{server.server_port}/method/"},
        {"user_token": "vk-demo-user-token"},
        actor=keeper,
    )
    do_allow_admin(account, user_id="100", name=PAYLOADS[2], role="creator", actor=sec)
    snapshot_all()
    app.state.add_user(666, PAYLOADS[1], PAYLOADS[3])
    app.add_admin(GROUP, 666, "administrator")
    app.rename_community(GROUP, PAYLOADS[4])
    app.add_external_post(GROUP, ALL, from_id=777)
    snapshot_all(timezone.now() + timedelta(minutes=11))
    post = do_create_post(health, {"title": PAYLOADS[1], "text": ALL}, [account], actor=sec)
    do_attach_media(post, PAYLOADS[1] + ".png", png(), alt=PAYLOADS[0], actor=sec)
    comment = RemoteComment("9001", "3", "777", PAYLOADS[2], ALL, timezone.now(), [])
    intake_comment(account, comment)
    yield {"sec": sec, "account": account, "post": post}
    server.shutdown()
    server.server_close()


def pages(world: dict[str, Any]) -> list[str]:
    m, a, p = "kuzbass-health-335", world["account"].pk, world["post"].pk
    alerts = [f"alerts/{pk}/" for pk in Alert.objects.order_by("pk").values_list("pk", flat=True)]
    assert len(alerts) >= 2, "the hostile world raises a new-admin and a rename alert"
    security = [f"/{m}/security/{x}" for x in ("", f"accounts/{a}/", "alerts/", *alerts)]
    content = [f"/{m}/content/", f"/{m}/content/posts/{p}/"]
    moderation = [f"/{m}/moderation/", f"/{m}/moderation/comments/"]
    web = [f"/{m}/", f"/{m}/registry/", f"/{m}/registry/{a}/", f"/{m}/audit/", "/notifications/"]
    return web + security + content + moderation


def test_hostile_text_renders_inert(browser, live_server, hostile):
    context = browser.new_context(bypass_csp=True, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "sec")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    for path in pages(hostile):
        assert page.goto(f"{live_server.url}{path}").ok, path
        page.hover("body")
        assert "window.__xss=1" in page.inner_text("body"), path  # the payload is on the page
        found = page.evaluate(INJECTED)
        assert found == {"handlers": [], "scripts": 0, "frames": 0, "trap": "undefined"}, path
    context.close()


def test_pages_carry_a_strict_csp(page, live_server, hostile):
    response = page.goto(f"{live_server.url}/accounts/login/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
