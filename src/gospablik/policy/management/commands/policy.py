"""`gospablik policy presets|setup|show|update|order-signed`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gospablik.orgs.models import Ministry
from gospablik.policy.actions import do_setup_ministry, do_update_policy
from gospablik.policy.loader import PolicyError, list_presets, load_policy, load_preset
from gospablik.policy.order import do_record_order_signed
from gospablik.policy.store import current_version


class Command(BaseCommand):
    help = "Manage ministry policies: list presets, set a ministry up, show or change its policy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", choices=["presets", "setup", "show", "update", "order-signed", "check"]
        )
        parser.add_argument("--preset")
        parser.add_argument("--file", type=Path)
        parser.add_argument("--ministry")
        parser.add_argument("--comment", default="")
        parser.add_argument("--date", type=date.fromisoformat)

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            getattr(self, "_" + o["action"].replace("-", "_"))(o)
        except PolicyError as error:
            raise CommandError(str(error)) from error

    def _presets(self, o: dict[str, Any]) -> None:
        for name in list_presets():
            self.stdout.write(name)

    def _check(self, o: dict[str, Any]) -> None:
        policy = load_policy(o["file"]) if o["file"] else load_preset(o["preset"])
        self.stdout.write(f"ok: {policy.key} v{policy.version}")

    def _setup(self, o: dict[str, Any]) -> None:
        policy = load_policy(o["file"]) if o["file"] else load_preset(o["preset"])
        if Ministry.objects.filter(key=policy.key).exists():
            raise CommandError(f"Министерство {policy.key} уже настроено; используйте update")
        ministry = do_setup_ministry(policy, actor="cli")
        self.stdout.write(f"{ministry.key}")

    def _ministry(self, o: dict[str, Any]) -> Ministry:
        ministry = Ministry.objects.filter(key=o["ministry"]).first()
        if ministry is None:
            raise CommandError(f"Нет министерства {o['ministry']!r}")
        return ministry

    def _show(self, o: dict[str, Any]) -> None:
        self.stdout.write(current_version(self._ministry(o)).text)

    def _update(self, o: dict[str, Any]) -> None:
        if not o["file"] or not o["comment"]:
            raise CommandError("Укажите --file и --comment")
        version = do_update_policy(
            self._ministry(o),
            o["file"].read_text(encoding="utf-8"),
            actor="cli",
            comment=o["comment"],
        )
        self.stdout.write(f"v{version.version}")

    def _order_signed(self, o: dict[str, Any]) -> None:
        if not o["date"]:
            raise CommandError("Укажите --date")
        duty = do_record_order_signed(self._ministry(o), o["date"], actor="cli")
        self.stdout.write(f"duty {duty.pk} due {duty.due_at.isoformat() if duty.due_at else '-'}")
