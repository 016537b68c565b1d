"""Graph's error envelope names the error's real ``type``
(https://developers.facebook.com/docs/graph-api/guides/error-handling)."""

from __future__ import annotations

import httpx

from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.facebook.world import DEMO_TOKEN


def test_an_unknown_object_is_a_graph_method_exception(emulator):
    client = httpx.Client(
        transport=emulator_transport(emulator), base_url="https://graph.facebook.com"
    )
    answer = client.get("/v21.0/999000111", params={"access_token": DEMO_TOKEN})
    error = answer.json()["error"]
    assert answer.status_code == 400
    assert (error["type"], error["code"], error["error_subcode"]) == (
        "GraphMethodException",
        100,
        33,
    )
    assert error["message"].startswith("Unsupported get request.")


def test_a_bad_token_stays_an_oauth_exception(emulator):
    client = httpx.Client(
        transport=emulator_transport(emulator), base_url="https://graph.facebook.com"
    )
    error = client.get("/v21.0/me", params={"access_token": "nope"}).json()["error"]
    assert (error["type"], error["code"]) == ("OAuthException", 190)
