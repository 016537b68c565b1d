"""`gospablik duties tick|list` — run one reminder/escalation pass, or list open duties."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gospablik.duties.engine import tick
from gospablik.duties.models import Duty


class Command(BaseCommand):
    help = "Run one pass of reminders and escalations, or list open duties."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["tick", "list"])
        parser.add_argument("--ministry")

    def handle(self, *args: Any, **o: Any) -> None:
        if o["action"] == "tick":
            self.stdout.write(f"handled {tick()}")
            return
        duties = Duty.objects.filter(status=Duty.Status.OPEN).select_related("ministry")
        if o["ministry"]:
            duties = duties.filter(ministry__key=o["ministry"])
        for d in duties:
            due = d.due_at.isoformat() if d.due_at else "-"
            self.stdout.write(f"{d.pk}\t{d.ministry.key}\t{d.kind}\t{due}\t{d.title}")
