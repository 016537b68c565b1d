from __future__ import annotations

import logging

import httpx
import pytest

from gospablik.networks.base import ConnectorError
from gospablik.networks.http import HttpClient, SsrfGuard, check_status, parse_json, redact


def failing(exc_type: type[httpx.TransportError]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc_type("boom", request=request)

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    "text",
    [
        "https://api.vk.ru/method/wall.get?access_token=vk1.a.SECRET&v=5.199",
        "Authorization: Bearer SECRET",
        "https://api.telegram.org/bot123:SECRET/getMe",
        "application_key=APP&sig=SECRET&session_key=SECRET",
        '{"secret": "SECRET"}',
        "<member><name>password</name><value><string>SECRET</string></value></member>",
        "<name>auth_response</name>\n<value>SECRET</value>",
    ],
)
def test_it_redacts_secrets(text):
    assert "SECRET" not in redact(text)


def test_it_keeps_harmless_parameters():
    assert (
        redact("error_code=5&v=5.199&application_key=APP")
        == "error_code=5&v=5.199&application_key=APP"
    )


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/",
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest",
        "http://[::1]/",
        "http://192.168.0.10/",
        "http:///nohost",
    ],
)
def test_the_ssrf_guard_blocks_internal_and_odd_urls(url):
    with pytest.raises(ConnectorError) as error:
        SsrfGuard(resolver=lambda host: []).check(url)
    assert error.value.permanent


def test_the_ssrf_guard_blocks_a_name_that_resolves_inside():
    guard = SsrfGuard(resolver=lambda host: ["10.0.0.7"])
    with pytest.raises(ConnectorError):
        guard.check("https://evil.example/")


def test_the_ssrf_guard_allows_public_and_explicitly_allowed_hosts():
    guard = SsrfGuard(allow_hosts=["127.0.0.1"], resolver=lambda host: ["87.240.132.72"])
    guard.check("https://api.vk.ru/method/wall.get")
    guard.check("http://127.0.0.1:8081/method/wall.get")


def test_a_read_timeout_may_have_been_applied():
    client = HttpClient(transport=failing(httpx.ReadTimeout), network="vk")
    with pytest.raises(ConnectorError) as error:
        client.post("https://api.vk.ru/method/wall.post")
    assert (error.value.permanent, error.value.maybe_applied, error.value.network) == (
        False,
        True,
        "vk",
    )


@pytest.mark.parametrize("exc_type", [httpx.ConnectError, httpx.ConnectTimeout])
def test_a_connection_failure_was_not_applied(exc_type):
    client = HttpClient(transport=failing(exc_type))
    with pytest.raises(ConnectorError) as error:
        client.get("https://api.ok.ru/fb.do")
    assert (error.value.permanent, error.value.maybe_applied) == (False, False)


def test_no_token_reaches_the_log_or_the_error(caplog):
    client = HttpClient(transport=failing(httpx.ReadTimeout))
    with caplog.at_level(logging.DEBUG), pytest.raises(ConnectorError) as error:
        client.get("https://api.vk.ru/method/wall.get?access_token=TOPSECRET")
    assert "TOPSECRET" not in caplog.text and "TOPSECRET" not in repr(error.value)


def test_the_client_refuses_a_private_address_before_sending():
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    transport = httpx.MockTransport(handler)
    with pytest.raises(ConnectorError):
        HttpClient(transport=transport).get("http://10.0.0.1/")
    assert sent == []


def test_429_uses_retry_after():
    response = httpx.Response(429, headers={"Retry-After": "17"})
    with pytest.raises(ConnectorError) as error:
        check_status(response, "telegram")
    assert (error.value.retry_after, error.value.permanent) == (17.0, False)


def test_5xx_is_temporary_and_4xx_permanent():
    with pytest.raises(ConnectorError) as server:
        check_status(httpx.Response(502))
    with pytest.raises(ConnectorError) as client:
        check_status(httpx.Response(404))
    assert (server.value.permanent, client.value.permanent) == (False, True)


def test_a_non_json_body_is_a_temporary_error():
    with pytest.raises(ConnectorError) as error:
        parse_json(httpx.Response(200, text="<html>"))
    assert (error.value.code, error.value.permanent) == ("bad_json", False)


def test_it_sends_a_raw_body_as_given():
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.read())
        return httpx.Response(200)

    client = HttpClient(transport=httpx.MockTransport(handler))
    client.post("https://www.livejournal.com/interface/xmlrpc", content="<methodCall/>")
    assert seen == [b"<methodCall/>"]


def test_no_secret_in_a_raw_body_reaches_the_log_or_the_error(caplog):
    body = b"<name>auth_response</name><value><string>TOPSECRET</string></value>"
    client = HttpClient(transport=failing(httpx.ReadTimeout))
    with caplog.at_level(logging.DEBUG), pytest.raises(ConnectorError) as error:
        client.post("https://www.livejournal.com/interface/xmlrpc", content=body)
    assert "TOPSECRET" not in caplog.text and "TOPSECRET" not in repr(error.value)
