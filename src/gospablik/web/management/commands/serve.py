"""`gospablik serve` — the web app with a Celery worker and beat, in one command."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the app with a Celery worker and beat (embedded broker unless configured)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-emulators",
            action="store_true",
            help="do not start the local VK/OK emulators (real networks)",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        (settings.VAR_DIR / "broker").mkdir(parents=True, exist_ok=True)
        python = sys.executable
        celery = [python, "-m", "celery", "-A", "gospablik.celery"]
        beat_file = str(settings.VAR_DIR / "celerybeat-schedule")
        commands = [
            [python, "-m", "gospablik.cli", "runserver", o["addr"], "--noreload"],
            [*celery, "worker", "--loglevel=INFO", "--concurrency=2", "--pool=threads"],
            [*celery, "beat", "--loglevel=INFO", "-s", beat_file],
        ]
        processes = [subprocess.Popen(cmd) for cmd in commands]  # noqa: S603
        if not o["no_emulators"]:
            from gospablik.web.demo_networks import PORTS, start_emulators

            start_emulators(f"http://{o['addr']}")
            self.stdout.write(
                f"Emulated networks: {', '.join(f'{n} :{p}' for n, p in PORTS.items())}"
            )
        self.stdout.write(f"Serving on http://{o['addr']}/  (Ctrl+C to stop)")
        signal.signal(signal.SIGTERM, lambda *_: self._stop(processes))
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        self._stop(processes)

    def _stop(self, processes: list[subprocess.Popen[bytes]]) -> None:
        for p in processes:
            if p.poll() is None:
                p.terminate()
        for p in processes:
            p.wait(timeout=15)
        sys.exit(0)
