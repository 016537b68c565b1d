"""Setting a ministry up from a policy and changing its policy (always a new version)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gospablik.audit.log import record
from gospablik.orgs.models import Ministry, Organization
from gospablik.policy.loader import dump_policy, load_policy_text
from gospablik.policy.models import PolicyVersion
from gospablik.policy.schema import Policy
from gospablik.policy.store import current_version


@transaction.atomic
def do_setup_ministry(policy: Policy, *, actor: Any = None) -> Ministry:
    ministry_spec = policy.org(policy.ministry)
    ministry = Ministry.objects.create(
        key=policy.key, name=ministry_spec.name, short_name=ministry_spec.short_name
    )
    record(
        "ministry.create",
        actor=actor,
        obj=ministry,
        ministry=ministry,
        after={"key": ministry.key, "name": ministry.name},
    )
    _sync_organizations(ministry, policy, actor)
    _store_version(ministry, dump_policy(policy), actor, "Создано из пресета", policy.version)
    return ministry


def do_update_policy(ministry: Ministry, text: str, *, actor: Any, comment: str) -> PolicyVersion:
    """Validate `text` and store it as the next version (raises PolicyError if broken).

    Parsing and validation (bounded, but the slowest part) run before the transaction, so
    they never hold the database's write lock."""
    policy = load_policy_text(text, f"{ministry.key} (новая версия)")
    if policy.key != ministry.key:
        from gospablik.policy.loader import PolicyError

        raise PolicyError(f"key: политика относится к «{policy.key}», а не к «{ministry.key}»")
    return _save_version(ministry, policy, text, actor, comment)


@transaction.atomic
def _save_version(
    ministry: Ministry, policy: Policy, text: str, actor: Any, comment: str
) -> PolicyVersion:
    _sync_organizations(ministry, policy, actor)
    return _store_version(ministry, text, actor, comment, policy.version)


def _store_version(
    ministry: Ministry, text: str, actor: Any, comment: str, wanted: int
) -> PolicyVersion:
    """Store the next version; a policy that names a higher ``version`` (the ministry's own
    numbering of its редакции) is stored under that number."""
    previous = PolicyVersion.objects.filter(ministry=ministry).order_by("-version").first()
    version = PolicyVersion.objects.create(
        ministry=ministry,
        version=max(wanted, (previous.version + 1) if previous else 1),
        text=text,
        comment=comment,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        "policy.version",
        actor=actor,
        obj=version,
        ministry=ministry,
        before={"version": previous.version, "text": previous.text} if previous else None,
        after={"version": version.version, "text": text},
        reason=comment,
    )
    return version


def _sync_organizations(ministry: Ministry, policy: Policy, actor: Any) -> None:
    """Create organizations the policy names; existing ones keep their identity."""
    by_key = {o.key: o for o in ministry.organizations.all()}
    for spec in policy.organizations:
        org = by_key.get(spec.key)
        wanted = {"kind": spec.kind, "name": spec.name, "short_name": spec.short_name}
        if org is None:
            org = Organization.objects.create(ministry=ministry, key=spec.key, **wanted)
            record("organization.create", actor=actor, obj=org, ministry=ministry, after=wanted)
            by_key[spec.key] = org
        elif any(getattr(org, k) != v for k, v in wanted.items()):
            before = {k: getattr(org, k) for k in wanted}
            Organization.objects.filter(pk=org.pk).update(**wanted)
            record(
                "organization.update",
                actor=actor,
                obj=org,
                ministry=ministry,
                before=before,
                after=wanted,
            )
    for spec in policy.organizations:
        parent = by_key.get(spec.parent) if spec.parent else None
        Organization.objects.filter(pk=by_key[spec.key].pk).update(parent=parent)


def policy_text(ministry: Ministry) -> str:
    return current_version(ministry).text
