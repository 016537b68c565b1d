"""`gospablik content dispatch|worker|import|followups` — publishing without Celery, too.

``worker`` loops ``dispatch_once`` until stopped: a crash (even ``kill -9``) loses
nothing, another worker re-claims the row after its lease.
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from gospablik.content import publishing
from gospablik.content.dispatch import DispatchConfig, dispatch_due, dispatch_once
from gospablik.content.followups import open_followups
from gospablik.content.importer import import_walls
from gospablik.networks.base import BaseConnector
from gospablik.networks.connections import shared_limiter
from gospablik.networks.http import HttpClient
from gospablik.networks.models import Connection
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik.networks.registry import build_connector


def tuned_factory(timeout: float | None, rate_limit: bool) -> publishing.ConnectorFactory:
    """Connectors with another HTTP timeout, or without rate limits (emulator runs only)."""

    def build(connection: Connection) -> BaseConnector:
        network = connection.account.network
        seconds = timeout or 15.0
        http = HttpClient(
            timeout=seconds,
            connect_timeout=min(seconds, 5.0),
            network=network,
            allow_hosts=settings.NETWORK_ALLOW_HOSTS,
        )
        limiter = shared_limiter() if rate_limit else NoRateLimiter()
        return build_connector(
            network, connection.config, connection.secrets, http=http, limiter=limiter
        )

    return build


class Command(BaseCommand):
    help = "Publish due posts (once or in a loop), import walls, open results duties."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["dispatch", "worker", "import", "followups"])
        parser.add_argument("--interval", type=float, default=2.0, help="pause when idle, s")
        parser.add_argument("--lease", type=float, default=300.0, help="claim lease, s")
        parser.add_argument("--batch", type=int, default=20)
        parser.add_argument("--max-attempts", type=int, default=10)
        parser.add_argument("--base-delay", type=float, default=30.0)
        parser.add_argument("--max-delay", type=float, default=3600.0)
        parser.add_argument("--http-timeout", type=float, default=None)
        parser.add_argument(
            "--no-rate-limit",
            action="store_true",
            help="не ограничивать частоту запросов (только для эмуляторов)",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        if o["http_timeout"] or o["no_rate_limit"]:
            publishing.connector_factory = tuned_factory(o["http_timeout"], not o["no_rate_limit"])
        config = DispatchConfig(
            lease_seconds=o["lease"],
            batch=o["batch"],
            max_attempts=o["max_attempts"],
            base_delay=o["base_delay"],
            max_delay=o["max_delay"],
        )
        action = o["action"]
        if action == "dispatch":
            self.stdout.write(f"handled {dispatch_due(config)}")
        elif action == "worker":
            self.loop(config, o["interval"])
        elif action == "import":
            self.stdout.write(f"read {sum(import_walls().values())} wall posts")
        else:
            self.stdout.write(f"opened {open_followups()} results duties")

    def loop(self, config: DispatchConfig, interval: float) -> None:
        running = [True]
        signal.signal(signal.SIGTERM, lambda *_: running.clear())
        while running:
            if not dispatch_once(config=config).handled:
                time.sleep(interval)
