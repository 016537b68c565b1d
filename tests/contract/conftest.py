"""Contract tests: independent, widely used client libraries drive our emulators, unchanged
except for where they send requests. Each emulator is served on 127.0.0.1 in a thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from requests.adapters import HTTPAdapter

from gospablik_emulators.emulation import WSGIApp
from gospablik_emulators.server import build_app, serve_in_thread


def run_async(main: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """``asyncio.run`` in a thread of its own: a browser test earlier in the same worker
    leaves Playwright's event loop set on this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(main())).result()


class Served:
    def __init__(self, network: str, app: WSGIApp | None = None) -> None:
        self.server = serve_in_thread(network, 0, app=app or build_app(network), timeout_sleep=0.1)
        self.app: Any = self.server.emulator  # type: ignore[attr-defined]
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[..., Served]]:
    started: list[Served] = []

    def start(network: str, app: WSGIApp | None = None) -> Served:
        started.append(Served(network, app))
        return started[-1]

    yield start
    for served in started:
        served.stop()


class ToEmulator(HTTPAdapter):
    """A requests transport adapter that sends what a client addresses to the network's
    host to the emulator instead (for clients whose API host is not configurable)."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.target = urlsplit(base_url)

    def send(self, request: Any, **kwargs: Any) -> Any:
        parts = urlsplit(request.url)
        request.url = urlunsplit((self.target.scheme, self.target.netloc, *parts[2:]))
        return super().send(request, **kwargs)


def session_to(base_url: str, *hosts: str) -> requests.Session:
    session = requests.Session()
    for host in hosts:
        session.mount(f"https://{host}/", ToEmulator(base_url))
    return session
