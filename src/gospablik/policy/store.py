"""The current policy of a ministry, parsed once per stored version."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from gospablik.policy.loader import load_policy_text
from gospablik.policy.models import PolicyVersion

if TYPE_CHECKING:
    from gospablik.orgs.models import Ministry
    from gospablik.policy.schema import Policy


class NoPolicy(LookupError):
    pass


def current_version(ministry: Ministry) -> PolicyVersion:
    version = PolicyVersion.objects.filter(ministry=ministry).order_by("-version").first()
    if version is None:
        raise NoPolicy(f"Ministry {ministry.key} has no policy")
    return version


def policy_for(ministry: Ministry) -> Policy:
    return parsed(current_version(ministry))


def parsed(version: PolicyVersion) -> Policy:
    return _parse(version.pk, version.text, f"{version.ministry.key} v{version.version}")


@lru_cache(maxsize=256)
def _parse(pk: int, text: str, source: str) -> Policy:
    return load_policy_text(text, source)
