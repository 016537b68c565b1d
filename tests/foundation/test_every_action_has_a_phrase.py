"""Every audit action the code records by name has a phrase people read (the audit page
shows phrases, never codes; an action without one reads «Действие в системе»)."""

from __future__ import annotations

import re
from pathlib import Path

import gospablik
from gospablik.audit.phrases import PHRASES

RECORDED = re.compile(
    r"""record(?:_many)?\(\s*"([a-z_]+\.[a-z_.]+)"|"action": "([a-z_]+\.[a-z_.]+)\""""
)


def recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in Path(gospablik.__file__).parent.rglob("*.py"):
        for match in RECORDED.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group(1) or match.group(2))
    return found


def test_every_recorded_action_has_a_phrase() -> None:
    actions = recorded_actions()
    assert len(actions) > 50  # the scan still finds the calls
    assert sorted(actions - set(PHRASES)) == []
