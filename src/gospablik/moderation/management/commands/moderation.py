"""`gospablik moderation recover|poll|review-sla|lift-expired` — one pass of a moderation
background job (the same code the Celery beat runs)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gospablik.moderation import bans, polling, recovery, sla


class Command(BaseCommand):
    help = "Run one pass of a moderation background job."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", choices=["recover", "poll", "review-sla", "lift-expired"])

    def handle(self, *args: Any, **options: Any) -> None:
        job = options["job"]
        if job == "recover":
            result = recovery.recover()
            self.stdout.write(f"deletions {result.deletions} sanctions {result.sanctions}")
        elif job == "poll":
            self.stdout.write(f"new comments {polling.poll_all()}")
        elif job == "review-sla":
            self.stdout.write(f"duties opened {sla.refresh_review_duties()}")
        else:
            self.stdout.write(f"sanctions lifted {bans.lift_expired()}")
