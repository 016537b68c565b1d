"""`gospablik demo` — load the demo data and print the logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gospablik.web.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo (both ministries from the seeds) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        people = load_demo()
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        seen = set()
        for p in people:
            if p.username in seen:
                continue
            seen.add(p.username)
            self.stdout.write(f"  {p.username:<16} {p.name} — {p.org} / {p.role}")
