"""`gospablik audit verify`, `gospablik audit checkpoint` and `gospablik audit export`."""

from __future__ import annotations

import csv
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gospablik.audit.anchor import path, write_checkpoint
from gospablik.audit.log import verify
from gospablik.audit.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the audit chain and its checkpoints, write a checkpoint, or export as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint", "export"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export()
            return
        if options["action"] == "checkpoint":
            point = write_checkpoint()
            self.stdout.write(f"ok: checkpoint at #{point.seq} appended to {path()}")
            return
        result = verify()
        if not result.ok:
            raise CommandError(f"audit chain broken: {result.problem} (checked {result.checked})")
        self.stdout.write(f"ok: {result.checked} entries, chain intact")

    def _export(self) -> None:
        writer = csv.writer(sys.stdout)
        writer.writerow(["seq", "created_at", "actor", "action", "object", "reason", "hash"])
        for e in AuditEntry.objects.order_by("seq").iterator():
            writer.writerow(
                [
                    e.seq,
                    e.created_at.isoformat(),
                    e.actor_repr,
                    e.action,
                    f"{e.object_type}:{e.object_id} {e.object_repr}",
                    e.reason,
                    e.hash,
                ]
            )
