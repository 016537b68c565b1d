"""The emulator speaks LJ's XML-RPC interface like the documented payloads."""

from __future__ import annotations

import xmlrpc.client

import httpx
import pytest

from gospablik.networks.blog.connector import auth_response
from gospablik.networks.blog.ljrpc import CONTENT_TYPE, encode_call, text
from gospablik_emulators.blog.world import DEMO_PASSWORD, DEMO_USER
from gospablik_emulators.emulation import emulator_transport

from ..conftest import unlike
from .conftest import build, entries, fixture


def client(emulator):
    return httpx.Client(
        transport=emulator_transport(emulator), base_url="https://www.livejournal.com"
    )


def rpc(api, method, **args):
    body = encode_call(method, args)
    answer = api.post("/interface/xmlrpc", content=body, headers={"Content-Type": CONTENT_TYPE})
    return xmlrpc.client.loads(answer.content, use_builtin_types=True)[0][0]


def decoded(value):
    """base64 text (how LJ sends non-ASCII strings) as str, recursively."""
    if isinstance(value, dict):
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return text(value) if isinstance(value, bytes) else value


def auth(api, password=DEMO_PASSWORD):
    challenge = rpc(api, "getchallenge")["challenge"]
    return {
        "username": DEMO_USER,
        "auth_method": "challenge",
        "auth_challenge": challenge,
        "auth_response": auth_response(challenge, password),
        "ver": 1,
    }


def test_it_answers_getchallenge_like_lj(emulator):
    answer = rpc(client(emulator), "getchallenge")
    assert unlike(fixture("getchallenge.json"), answer) == []


def test_it_answers_postevent_and_getevents_like_lj(emulator):
    api = client(emulator)
    when = {"year": 2025, "mon": 5, "day": 6, "hour": 9, "min": 0}
    posted = rpc(api, "postevent", event="Текст", **when, **auth(api))
    assert unlike(fixture("postevent.json"), posted) == []
    listed = rpc(api, "getevents", selecttype="lastn", howmany=5, **auth(api))
    assert unlike(fixture("getevents.json"), decoded(listed)) == []


def test_it_sends_non_ascii_text_as_base64_like_lj(emulator):
    api = client(emulator)
    rpc(api, "postevent", event="Текст", year=2025, mon=5, day=6, hour=9, min=0, **auth(api))
    (event,) = rpc(api, "getevents", selecttype="lastn", howmany=1, **auth(api))["events"]
    assert (event["event"], event["url"]) == ("Текст".encode(), entries(emulator)[0]["url"])


def test_it_refuses_a_reused_challenge_and_a_bad_password(emulator):
    api = client(emulator)
    args = auth(api, password="wrong")
    body = api.post("/interface/xmlrpc", content=encode_call("login", args)).content
    with pytest.raises(xmlrpc.client.Fault) as refused:
        xmlrpc.client.loads(body)
    fault = {"faultCode": refused.value.faultCode, "faultString": refused.value.faultString}
    assert fault == fixture("error_invalid_password.json")
    again = api.post("/interface/xmlrpc", content=encode_call("login", args)).content
    assert b"Challenge expired" in again


def test_it_no_longer_speaks_the_flat_interface(emulator):
    answer = client(emulator).post("/interface/flat", data={"mode": "getchallenge"})
    assert answer.status_code == 404


def test_a_flat_endpoint_in_the_config_is_served_over_xml_rpc(emulator):
    connector = build(emulator, endpoint="https://www.livejournal.com/interface/flat")
    assert connector.read_profile().screen_name == DEMO_USER
