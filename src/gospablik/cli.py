"""The `gospablik` console script.

Plain commands (no database, no Django setup) are dispatched to their module's
``main(argv) -> int``; everything else is a Django management command.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

# (group, subcommand) -> "module:function"; these must work without a database.
PLAIN_COMMANDS: dict[tuple[str, str], str] = {
    ("style", "check"): "gospablik.style.cli:main",
    ("moderate", "classify"): "gospablik.moderation.cli:classify_main",
    ("moderate", "train"): "gospablik.moderation.cli:train_main",
    ("calendar", "add-working-days"): "gospablik.calendar.cli:add_working_days_main",
    ("calendar", "is-working-day"): "gospablik.calendar.cli:is_working_day_main",
    ("calendar", "due"): "gospablik.calendar.cli:due_main",
}
PLAIN_GROUPS: dict[str, str] = {
    "emulator": "gospablik_emulators.server:main",
}


def _load(target: str) -> Any:
    module_name, func_name = target.split(":")
    return getattr(importlib.import_module(module_name), func_name)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) >= 2 and (args[0], args[1]) in PLAIN_COMMANDS:
        return int(_load(PLAIN_COMMANDS[(args[0], args[1])])(args[2:]) or 0)
    if args and args[0] in PLAIN_GROUPS:
        return int(_load(PLAIN_GROUPS[args[0]])(args[1:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gospablik.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gospablik", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
