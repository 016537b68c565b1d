"""`gospablik vault check|rotate|newkey` — the encrypted credentials at rest.

Rotating keys: put a new key first in GOSPABLIK_ENCRYPTION_KEYS (keep the old ones after
it), restart, run `gospablik vault rotate`, then remove the old keys. See docs/security.md.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gospablik.security.vault import check_all, rotate_all


class Command(BaseCommand):
    help = "Check that every secret decrypts, re-encrypt all under the newest key, or make a key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["check", "rotate", "newkey"])

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "newkey":
            self.stdout.write(Fernet.generate_key().decode("ascii"))
            return
        report = rotate_all() if action == "rotate" else check_all()
        if not report.ok:
            broken = ", ".join(report.broken[:20])
            raise CommandError(
                f"{len(report.broken)} of {report.checked} secrets do not decrypt with the "
                f"configured keys ({broken}); nothing was re-encrypted"
            )
        if action == "rotate":
            self.stdout.write(f"ok: {report.rotated} secrets re-encrypted under the newest key")
        else:
            self.stdout.write(f"ok: {report.checked} secrets decrypt")
