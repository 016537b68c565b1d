from __future__ import annotations

import httpx
import pytest

from gospablik.networks.base import ConnectorError
from gospablik.networks.ok.signing import md5_hex, session_secret_key, sign, signature, verify

from .conftest import APP_KEY, APP_SECRET, TOKEN, connect


def test_it_reproduces_the_documented_worked_example():
    text = (
        "application_key=ABCDEFGHIGKLMNOPKformat=jsonmethod=events.get"
        "b1a2b89707a94624c43afae67d59274c"
    )
    assert md5_hex(text) == "232c8eb921951c4dba9b72606f9ddb4c"


def test_it_signs_with_md5_of_token_and_secret():
    params = {"method": "group.getInfo", "application_key": APP_KEY, "format": "json"}
    signed = sign(params, TOKEN, APP_SECRET)
    assert signed["sig"] == signature(params, session_secret_key(TOKEN, APP_SECRET))
    assert signed["access_token"] == TOKEN


def test_the_token_and_sig_are_not_signed():
    params = {"a": "1", "access_token": "x", "sig": "y", "session_key": "z"}
    assert signature(params, "s") == md5_hex("a=1s")


def test_it_signs_values_unencoded_utf8():
    params = {"attachment": '{"media":[{"type":"text","text":"Привет & до свидания"}]}'}
    assert signature(params, "s") == md5_hex(f"attachment={params['attachment']}s")


def test_verify_detects_tampering():
    signed = sign({"method": "group.getInfo", "uids": "1"}, TOKEN, APP_SECRET)
    assert verify(signed, APP_SECRET)
    assert not verify(signed | {"uids": "2"}, APP_SECRET)


def test_the_emulator_rejects_a_bad_signature(http):
    with pytest.raises(ConnectorError) as error:
        connect(http, application_secret_key="wrong").read_profile()
    assert (error.value.code, error.value.needs_person) == (104, True)


def test_the_emulator_rejects_an_unknown_application(http):
    with pytest.raises(ConnectorError) as error:
        connect(http, application_key="NOPE").read_profile()
    assert error.value.code == 101


def test_the_emulator_accepts_the_api_path_form(emulator):
    params = sign({"application_key": APP_KEY, "format": "json", "uids": "70000000000001",
                   "fields": "uid,name"}, TOKEN, APP_SECRET)  # fmt: skip
    client = httpx.Client(transport=httpx.WSGITransport(app=emulator), base_url="https://api.ok.ru")
    answer = client.get("/api/group/getInfo", params=params).json()
    assert answer["groups"][0]["uid"] == "70000000000001"
