"""`gospablik outbound run|worker` — the outbound queue without Celery, too.

``worker`` loops ``run_once`` until stopped: a crash (even ``kill -9``) loses nothing,
another worker claims the operation again after its lease (and reads the network back
before repeating it).
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from gospablik.networks.connections import refresh_connector_settings
from gospablik.networks.outbound import QueueConfig, run_due, run_once


class Command(BaseCommand):
    help = "Run due network operations (once or in a loop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["run", "worker"])
        parser.add_argument("--interval", type=float, default=1.0, help="pause when idle, s")
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
        if o["http_timeout"]:
            settings.NETWORK_HTTP_TIMEOUT = o["http_timeout"]
        if o["no_rate_limit"]:
            settings.NETWORK_RATE_LIMIT = False
        refresh_connector_settings()
        config = QueueConfig(
            lease_seconds=o["lease"],
            batch=o["batch"],
            max_attempts=o["max_attempts"],
            base_delay=o["base_delay"],
            max_delay=o["max_delay"],
        )
        if o["action"] == "run":
            self.stdout.write(f"handled {run_due(config)}")
            return
        running = [True]
        signal.signal(signal.SIGTERM, lambda *_: running.clear())
        while running:
            if not run_once(config=config).handled:
                time.sleep(o["interval"])
