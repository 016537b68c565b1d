"""Helpers every network's tests share: recorded payloads and comparing with them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gospablik_emulators.shapes import shape_diff

NETWORKS = Path(__file__).parents[2] / "src/gospablik_emulators"


def load_fixture(network: str, name: str) -> Any:
    """``<network>/fixtures/<name>`` without its comments: ``_source``, and ``_optional``
    (error keys the network may leave out, dropped from ``error``)."""
    data = json.loads((NETWORKS / network / "fixtures" / name).read_text())
    data.pop("_source", None)
    for key in data.pop("_optional", []):
        data["error"].pop(key, None)
    return data


def fixture_names(network: str) -> list[str]:
    return sorted(p.stem for p in (NETWORKS / network / "fixtures").glob("*.json"))


def documented_diff(network: str, name: str, answer: Any) -> list[str]:
    """Compare ``answer`` with a ``{"_source": …, "body": …}`` fixture (VK, OK: the whole
    shape must match); a fixture must name where it comes from."""
    data = json.loads((NETWORKS / network / "fixtures" / f"{name}.json").read_text("utf-8"))
    if not data.get("_source"):
        return [f"{network}/fixtures/{name}.json: no _source"]
    return shape_diff(data["body"], answer)


def unlike(expected: Any, actual: Any) -> list[str]:
    """Where ``actual`` departs from the shape of a recorded payload, allowing what the
    APIs do with optional fields: extra keys, and null for an omitted value."""
    return shape_diff(expected, actual, extra_ok=True, null_ok=True)
