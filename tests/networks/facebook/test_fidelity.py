"""Graph's error envelope names the error's real ``type``
(https://developers.facebook.com/docs/graph-api/guides/error-handling)."""

from __future__ import annotations

import httpx

from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.facebook.world import DEMO_TOKEN, PAGE_ID


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


def test_a_delete_of_an_unknown_object_names_its_verb(emulator):
    client = httpx.Client(
        transport=emulator_transport(emulator), base_url="https://graph.facebook.com"
    )
    error = client.delete("/v21.0/999000111", params={"access_token": DEMO_TOKEN}).json()["error"]
    assert error["message"].startswith("Unsupported delete request. Object with ID '999000111'")
    assert error["type"] == "GraphMethodException"


def test_an_unsupported_verb_on_a_known_node_is_a_graph_method_exception(emulator):
    client = httpx.Client(
        transport=emulator_transport(emulator), base_url="https://graph.facebook.com"
    )
    error = client.delete(f"/v21.0/{PAGE_ID}", params={"access_token": DEMO_TOKEN}).json()["error"]
    assert error["message"].startswith("Unsupported delete request. Please read the Graph API")
    assert (error["type"], error["code"]) == ("GraphMethodException", 100)
