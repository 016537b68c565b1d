"""``gospablik emulator vk|ok|telegram|max|facebook|instagram|blog --port N``.

Runs a network emulator as a threaded WSGI server on 127.0.0.1 (the demo and browser
tests); :func:`serve_in_thread` does the same from Python.
"""

from __future__ import annotations

import argparse
import json
import logging
import socketserver
import threading
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from . import EMULATOR_PATHS, get_emulator_factory
from .emulation import WSGIApp, http_sender, served

log = logging.getLogger("gospablik_emulators.server")


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s - %s", self.address_string(), format % args)


def build_app(
    network: str, seed: dict[str, Any] | None = None, callback_url: str | None = None
) -> WSGIApp:
    factory = get_emulator_factory(network)
    app: Any = factory(seed) if seed is not None else factory()
    if hasattr(app, "push"):
        app.push.sender = http_sender()
        app.push.background = True
    if callback_url and hasattr(app, "add_callback_server"):
        _connect_callbacks(app, callback_url)
    wsgi: WSGIApp = app
    return wsgi


def _connect_callbacks(app: Any, url: str) -> None:
    """Point every seeded community's Callback API at ``url`` (confirmed later by a
    request from our side, or immediately when our app already runs)."""
    for group_id, community in app.state.communities.items():
        secret = f"demo-secret-{group_id}"
        server = app.add_callback_server(group_id, url, secret, confirm=False)
        server.status = "ok"
        log.info("callback for community %s -> %s (secret %s)", community.name, url, secret)


def serve_in_thread(
    network: str,
    port: int,
    *,
    host: str = "127.0.0.1",
    app: WSGIApp | None = None,
    timeout_sleep: float = 30.0,
) -> WSGIServer:
    """Start an emulator server in a daemon thread; stop it with ``server.shutdown()``.
    The app is reachable as ``server.get_app()``."""
    app = app or build_app(network)
    server = make_server(
        host, port, served(app, timeout_sleep), ThreadingWSGIServer, handler_class=QuietHandler
    )
    server.emulator = app  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True, name=f"emulator-{network}").start()
    return server


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gospablik emulator", description="Эмулятор соцсети")
    parser.add_argument("network", choices=sorted(EMULATOR_PATHS))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--seed", type=Path, help="JSON-файл с начальными данными")
    parser.add_argument("--callback-url", help="куда слать события (Callback API)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    seed = json.loads(args.seed.read_text(encoding="utf-8")) if args.seed else None
    app = build_app(args.network, seed, args.callback_url)
    server = make_server(args.host, args.port, served(app), ThreadingWSGIServer, QuietHandler)
    print(f"Эмулятор {args.network}: http://{args.host}:{args.port}/  (Ctrl+C — остановить)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
