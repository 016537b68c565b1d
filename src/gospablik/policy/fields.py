"""The field paths of the policy schema ("style.min_score"), for the meta-test that every
value of the Порядок has an effect.

A deadline (:class:`PeriodSpec`) is one value: its amount and unit only mean something
together. Models inside lists are walked through ("organizations.name").

>>> "style.min_score" in field_paths()
True
>>> "approvals.operational" in field_paths()
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel

from gospablik.policy.schema import PeriodSpec, Policy

LEAF_MODELS: tuple[type[BaseModel], ...] = (PeriodSpec,)


def _models(annotation: Any) -> list[type[BaseModel]]:
    found = [m for arg in get_args(annotation) for m in _models(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    return [m for m in found if m not in LEAF_MODELS]


def _walk(model: type[BaseModel], prefix: str) -> Iterator[str]:
    for name, field in model.model_fields.items():
        nested = _models(field.annotation)
        if not nested:
            yield prefix + name
        for sub in nested:
            yield from _walk(sub, f"{prefix}{name}.")


def field_paths(model: type[BaseModel] = Policy) -> list[str]:
    """Every value path of ``model``, in schema order, without repeats."""
    return list(dict.fromkeys(_walk(model, "")))
