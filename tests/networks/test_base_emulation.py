from __future__ import annotations

import io
import socket
from typing import Any

import httpx
import pytest

from gospablik.networks.http import HttpClient
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik.networks.vk.connector import VKConnector
from gospablik_emulators import get_emulator_factory
from gospablik_emulators.emulation import (
    EmulatedTimeout,
    FaultQueue,
    PushDelivery,
    ResponseLost,
    emulator_transport,
    read_request,
    served,
    text_response,
)
from gospablik_emulators.server import build_app, main, serve_in_thread


def test_an_unknown_fault_kind_is_refused():
    with pytest.raises(ValueError, match="unknown fault kind"):
        FaultQueue().push("meteor")


@pytest.mark.parametrize(
    ("network", "code"),
    [("vk", 6), ("ok", 11), ("telegram", 429), ("max", 429), ("facebook", 32),
     ("instagram", 32), ("blog", 405)],
)  # fmt: skip
def test_every_emulator_knows_its_rate_limit_code(network, code):
    faults = get_emulator_factory(network)().faults
    faults.push("rate_limit", method="m")
    faults.push("rate_limit", code=4)
    assert [(f["kind"], f["code"]) for f in faults.pending()] == [("error", code), ("error", 4)]


def test_a_queue_without_a_rate_limit_code_needs_one():
    with pytest.raises(ValueError, match="rate-limit code"):
        FaultQueue().push("rate_limit")


def test_it_parses_multipart_uploads():
    request = httpx.Request(
        "POST",
        "http://x/up?a=1",
        files={"photo": ("p.jpg", b"\xff\xd8", "image/jpeg")},
        data={"caption": "Подпись"},
    )
    body = request.read()
    req = read_request(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/up",
            "QUERY_STRING": "a=1",
            "CONTENT_TYPE": request.headers["content-type"],
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "SERVER_NAME": "x",
            "SERVER_PORT": "80",
        }
    )
    assert req.files["photo"] == ("p.jpg", b"\xff\xd8", "image/jpeg")
    assert req.params == {"a": "1", "caption": "Подпись"}


def test_push_delivery_retries_with_a_counter():
    seen = []

    def sender(url, body, headers):
        seen.append(headers.get("X-Retry-Counter"))
        return (503, "") if len(seen) < 3 else (200, "ok")

    delivery = PushDelivery(sender, retries=5).deliver("http://our/hook", {"x": 1})
    assert (seen, delivery.delivered, delivery.attempts) == (
        [None, "1", "2"],
        True,
        [503, 503, 200],
    )


def test_push_delivery_adds_the_networks_headers_to_every_attempt():
    seen = []

    def sender(url, body, headers):
        seen.append((headers["X-Sig"], headers.get("X-Retry-Counter")))
        return (500, "") if len(seen) < 2 else (200, "")

    PushDelivery(sender).deliver(
        "http://our/hook", {"x": 1}, lambda body: {"X-Sig": str(len(body))}
    )
    assert seen == [("8", None), ("8", "1")]


def test_push_delivery_gives_up_after_the_retries():
    delivery = PushDelivery(lambda u, b, h: (500, ""), retries=2).deliver("http://our/hook", {})
    assert (delivery.delivered, len(delivery.attempts)) == (False, 3)


@pytest.mark.parametrize(("exc", "status"), [(EmulatedTimeout, 504), (ResponseLost, 502)])
def test_served_turns_faults_into_http_answers(exc, status):
    def app(environ, start_response):
        raise exc("x")

    client = httpx.Client(transport=httpx.WSGITransport(app=served(app, timeout_sleep=0)))
    assert client.get("http://emu/").status_code == status


@pytest.mark.parametrize(
    ("exc", "expected"),
    [(EmulatedTimeout, httpx.ReadTimeout), (ResponseLost, httpx.RemoteProtocolError)],
)
def test_the_in_process_transport_raises_what_a_network_would(exc, expected):
    def app(environ, start_response):
        raise exc("x")

    with pytest.raises(expected):
        httpx.Client(transport=emulator_transport(app)).get("http://emu/")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_connector_talks_to_an_emulator_served_on_localhost():
    port = free_port()
    server = serve_in_thread("vk", port)
    try:
        http = HttpClient(allow_hosts=["127.0.0.1"], network="vk")
        vk = VKConnector(
            {"group_id": 219000001, "api_base": f"http://127.0.0.1:{port}/method/"},
            {"user_token": "vk-demo-user-token", "community_token": "vk-demo-community-token"},
            http=http,
            limiter=NoRateLimiter(),
        )
        assert vk.read_profile().screen_name == "minzdrav_kuzbass"
        state = httpx.get(f"http://127.0.0.1:{port}/__emulator__/state").json()
        assert len(state["communities"]) == 2
    finally:
        server.shutdown()
        server.server_close()


def test_the_served_emulator_sends_callbacks_to_a_url():
    app: Any = build_app("vk", callback_url="http://127.0.0.1:9/none")
    servers = app.state.communities[219000001].callback_servers
    assert [(s.url, s.status) for s in servers] == [("http://127.0.0.1:9/none", "ok")]


def test_the_cli_refuses_an_unknown_network(capsys):
    with pytest.raises(SystemExit):
        main(["myspace", "--port", "1"])
    assert "invalid choice" in capsys.readouterr().err


def test_text_response_is_plain_utf8():
    captured: dict[str, str] = {}
    body = text_response(lambda status, headers: captured.update(status=status), "ok")
    assert (captured["status"], body) == ("200 OK", [b"ok"])
