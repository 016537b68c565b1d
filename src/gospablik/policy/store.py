"""The current policy of a ministry, parsed once per stored version, and looked up once
per request or job pass (issue 18: pages and jobs ask for it once per row)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import TYPE_CHECKING, Any, TypeVar

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


# ministry id -> its policy (None: it has none) while a request or a job pass runs
_seen: ContextVar[dict[int, Policy | None] | None] = ContextVar("policies_seen", default=None)
F = TypeVar("F", bound=Callable[..., Any])


def policy_for(ministry: Ministry) -> Policy:
    seen = _seen.get()
    if seen is None:
        return _lookup(ministry)
    if ministry.pk not in seen:
        try:
            seen[ministry.pk] = _lookup(ministry)
        except NoPolicy:
            seen[ministry.pk] = None
    policy = seen[ministry.pk]
    if policy is None:
        raise NoPolicy(f"Ministry {ministry.key} has no policy")
    return policy


def _lookup(ministry: Ministry) -> Policy:
    version = current_version(ministry)
    version.ministry = ministry  # parsed() names the source by the ministry's key
    return parsed(version)


@contextmanager
def policies_cached() -> Iterator[None]:
    """Within the block each ministry's policy is looked up once (nested blocks share)."""
    if _seen.get() is not None:
        yield
        return
    token = _seen.set({})
    try:
        yield
    finally:
        _seen.reset(token)


def per_pass(job: F) -> F:
    """A job pass that looks each ministry's policy up once."""

    @wraps(job)
    def run(*args: Any, **kwargs: Any) -> Any:
        with policies_cached():
            return job(*args, **kwargs)

    return run  # type: ignore[return-value]


def forget(ministry_id: int) -> None:
    """A new version was stored: the next lookup in this request or pass reads it."""
    seen = _seen.get()
    if seen is not None:
        seen.pop(ministry_id, None)


def parsed(version: PolicyVersion) -> Policy:
    return _parse(version.pk, version.text, f"{version.ministry.key} v{version.version}")


@lru_cache(maxsize=256)
def _parse(pk: int, text: str, source: str) -> Policy:
    return load_policy_text(text, source)
