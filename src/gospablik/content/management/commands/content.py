"""`gospablik content import|followups` — wall import and results duties without Celery.

Publishing runs on the networks' outbound queue: ``gospablik outbound run|worker``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gospablik.content.followups import open_followups
from gospablik.content.importer import import_walls


class Command(BaseCommand):
    help = "Import walls, open results duties."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "followups"])

    def handle(self, *args: Any, **o: Any) -> None:
        if o["action"] == "import":
            self.stdout.write(f"read {sum(import_walls().values())} wall posts")
        else:
            self.stdout.write(f"opened {open_followups()} results duties")
