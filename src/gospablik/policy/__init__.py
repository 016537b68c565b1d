"""Policy as code: a ministry's Порядок as a versioned, validated YAML file."""

from gospablik.policy.loader import (
    PolicyError,
    dump_policy,
    list_presets,
    load_policy,
    load_policy_text,
    load_preset,
)
from gospablik.policy.schema import PeriodSpec, Policy

__all__ = [
    "PeriodSpec",
    "Policy",
    "PolicyError",
    "dump_policy",
    "list_presets",
    "load_policy",
    "load_policy_text",
    "load_preset",
]
