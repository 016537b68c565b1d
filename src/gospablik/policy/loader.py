"""Loading policies from YAML files and the presets shipped with gospablik.

>>> policy = load_preset("kuzbass-health-335")
>>> policy.account_notification.period.describe_ru()
'3 рабочих дня'
>>> load_policy_text(dump_policy(policy), "copy.yaml") == policy
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from gospablik.policy.errors import Issue, PolicyError, validation_issues, yaml_issue
from gospablik.policy.schema import Policy
from gospablik.policy.yamlpos import PositionMap, TooComplex, parse

__all__ = [
    "PolicyError",
    "dump_policy",
    "list_presets",
    "load_policy",
    "load_policy_text",
    "load_preset",
]

PRESET_SUFFIX = ".yaml"


def _presets_dir() -> Traversable:
    return files("gospablik.policy") / "presets"


def _parse_yaml(text: str, source: str) -> tuple[Any, PositionMap]:
    try:
        data, positions = parse(text)
    except TooComplex as exc:
        raise PolicyError(source, [Issue("", str(exc))]) from exc
    except yaml.YAMLError as exc:
        raise PolicyError(source, [yaml_issue(exc, text)]) from exc
    if positions.duplicates:
        issues = [Issue(path, "ключ указан повторно", line) for path, line in positions.duplicates]
        raise PolicyError(source, issues)
    if not isinstance(data, dict):
        got = "пустой файл" if data is None else type(data).__name__
        raise PolicyError(source, [Issue("", f"ожидался набор полей политики, получено: {got}")])
    return data, positions


def load_policy_text(text: str, source: str) -> Policy:
    """Parse and validate a policy; ``source`` names the file in error messages."""
    data, positions = _parse_yaml(text, source)
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(source, validation_issues(exc, positions)) from exc


def load_policy(path: Path | str) -> Policy:
    """Load a policy file (UTF-8 YAML)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(path), [Issue("", f"файл не прочитан: {exc}")]) from exc
    return load_policy_text(text, str(path))


def list_presets() -> list[str]:
    """Names of the policies shipped with gospablik.

    >>> list_presets()
    ['kuzbass-health-335', 'kuzbass-social-protection-draft']
    """
    names = (p.name for p in _presets_dir().iterdir() if p.name.endswith(PRESET_SUFFIX))
    return sorted(name.removesuffix(PRESET_SUFFIX) for name in names)


@lru_cache(maxsize=16)
def load_preset(name: str) -> Policy:
    """A shipped policy by name (cached: the same frozen object on every call)."""
    source = f"presets/{name}{PRESET_SUFFIX}"
    if name not in list_presets():
        known = ", ".join(list_presets())
        raise PolicyError(source, [Issue("", f"нет такой политики; есть: {known}")])
    text = (_presets_dir() / f"{name}{PRESET_SUFFIX}").read_text(encoding="utf-8")
    policy = load_policy_text(text, source)
    if policy.key != name:
        raise PolicyError(source, [Issue("key", f"ключ должен совпадать с именем файла «{name}»")])
    return policy


def dump_policy(policy: Policy) -> str:
    """The policy as YAML (without the comments of the original file)."""
    data = policy.model_dump(mode="json")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
