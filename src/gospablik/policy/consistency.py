"""Cross-field checks of a policy: every org key it mentions must exist, and so on.

Problems are collected with the dotted path of the field they concern, so that the
loader can report each one the same way as a schema error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from gospablik.policy.schema import Policy

Problem = tuple[str, str]  # (dotted field path, what is wrong in Russian)
ERROR_TYPE = "policy_consistency"


def _unknown(key: str) -> str:
    return f"нет организации с ключом «{key}» в organizations"


def _duplicates(values: list[str], path: str, what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            yield f"{path}.{i}", f"{what} «{value}» повторяется"
        seen.add(value)


def _organization_problems(policy: Policy, keys: set[str]) -> Iterator[Problem]:
    yield from _duplicates([o.key for o in policy.organizations], "organizations", "ключ")
    for i, org in enumerate(policy.organizations):
        if org.parent is not None and (org.parent not in keys or org.parent == org.key):
            yield f"organizations.{i}.parent", _unknown(org.parent)
    if policy.ministry not in keys:
        yield "ministry", _unknown(policy.ministry)
    elif policy.org(policy.ministry).kind != "ministry":
        yield "ministry", f"организация «{policy.ministry}» должна иметь kind: ministry"


def _reference_problems(policy: Policy, keys: set[str]) -> Iterator[Problem]:
    for i, assignment in enumerate(policy.functions):
        for j, key in enumerate(assignment.orgs):
            if key not in keys:
                yield f"functions.{i}.orgs.{j}", _unknown(key)
    if policy.account_notification.recipient not in keys:
        yield "account_notification.recipient", _unknown(policy.account_notification.recipient)
    if policy.order_publication.responsible not in keys:
        yield "order_publication.responsible", _unknown(policy.order_publication.responsible)


def _other_problems(policy: Policy) -> Iterator[Problem]:
    yield from _duplicates([n.network for n in policy.networks], "networks", "соцсеть")
    yield from _duplicates(policy.content_formats, "content_formats", "формат")
    if policy.approvals is not None and not policy.assignments_for("content_approval"):
        yield "approvals", "согласование задано, но функция content_approval никому не поручена"


def policy_problems(policy: Policy) -> list[Problem]:
    keys = {org.key for org in policy.organizations}
    return [
        *_organization_problems(policy, keys),
        *_reference_problems(policy, keys),
        *_other_problems(policy),
    ]


def check_policy(policy: Policy) -> None:
    """Raise one pydantic error listing every problem (with its field path)."""
    problems = policy_problems(policy)
    if problems:
        details = "; ".join(f"{path}: {message}" for path, message in problems)
        raise PydanticCustomError(
            ERROR_TYPE, "{details}", {"details": details, "problems": problems}
        )
