"""Compare the *shape* of two JSON values (keys and value types, not values).

Used to check emulator answers against recorded/documented payloads (the fixtures), so
an emulator cannot drift from the real wire format.

>>> shape_diff({"a": 1, "b": [{"c": "x"}]}, {"a": 2, "b": [{"c": "y"}]})
[]
>>> shape_diff({"a": 1}, {"a": "1", "z": None})
['$.a: expected int, got str', '$.z: not in the fixture']
"""

from __future__ import annotations

from typing import Any


def kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    names: dict[type, str] = {str: "str", list: "list", dict: "dict"}
    return names.get(type(value), type(value).__name__)


def shape_diff(
    expected: Any, actual: Any, path: str = "$", *, extra_ok: bool = False, null_ok: bool = False
) -> list[str]:
    """Differences of ``actual`` from ``expected``: missing or extra keys, other types.
    Lists compare their first items; an empty list on either side matches any list.
    Keys starting with ``_`` in ``expected`` are comments and are ignored, except
    ``"_map": true``: the dict's keys are ids, so only its values are compared.
    ``extra_ok`` accepts keys the fixture does not list (APIs add optional fields);
    ``null_ok`` accepts a null where the fixture has a value (how APIs omit one).

    >>> shape_diff({"_map": True, "42": {"token": "t"}}, {"7": {"token": "u"}})
    []
    >>> shape_diff({"a": "x"}, {"a": None, "b": 1}, extra_ok=True, null_ok=True)
    []
    """
    if actual is None and null_ok:
        return []
    if kind(expected) != kind(actual):
        if {kind(expected), kind(actual)} <= {"int", "float"}:
            return []
        return [f"{path}: expected {kind(expected)}, got {kind(actual)}"]
    options = {"extra_ok": extra_ok, "null_ok": null_ok}
    if isinstance(expected, dict):
        return _dict_diff(expected, actual, path, options)
    if isinstance(expected, list) and expected and actual:
        return shape_diff(expected[0], actual[0], f"{path}[0]", **options)
    return []


def _dict_diff(
    expected: dict[str, Any], actual: dict[str, Any], path: str, options: dict[str, bool]
) -> list[str]:
    problems: list[str] = []
    wanted = {k: v for k, v in expected.items() if not k.startswith("_")}
    if expected.get("_map") and wanted:  # keys are ids: compare every value with the first
        sample = next(iter(wanted.values()))
        return [
            p
            for key, value in actual.items()
            for p in shape_diff(sample, value, f"{path}.{key}", **options)
        ]
    for key, value in wanted.items():
        if key not in actual:
            problems.append(f"{path}.{key}: missing")
        else:
            problems += shape_diff(value, actual[key], f"{path}.{key}", **options)
    if not options["extra_ok"]:
        problems += [f"{path}.{key}: not in the fixture" for key in actual if key not in wanted]
    return problems
