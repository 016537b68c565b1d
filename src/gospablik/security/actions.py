"""What the maintainer records about an account's security; every change is audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record, snapshot
from gospablik.registry.models import Account
from gospablik.security.models import AccountSecurity, AllowedAdmin

POSTURE_FIELDS = ("owner_2fa", "owner_login_holder", "owner_login_org")
AUDIT_EXCLUDE = ("next_snapshot_at", "last_snapshot_error", "recorded_at")


def security_of(account: Account) -> AccountSecurity:
    found, _ = AccountSecurity.objects.get_or_create(account=account)
    return found


@transaction.atomic
def do_record_posture(account: Account, data: dict[str, Any], *, actor: Any) -> AccountSecurity:
    """Owner's second factor (yes/no) and who holds the owner login."""
    security_of(account)
    row = AccountSecurity.objects.select_for_update().get(account=account)
    before = snapshot(row, AUDIT_EXCLUDE)
    for name in POSTURE_FIELDS:
        if name in data:
            setattr(row, name, data[name])
    row.recorded_by, row.recorded_at = actor, timezone.now()
    row.save()
    record(
        "security.posture",
        actor=actor,
        obj=account,
        ministry=account.ministry,
        before=before,
        after=snapshot(row, AUDIT_EXCLUDE),
    )
    return row


@transaction.atomic
def do_allow_admin(
    account: Account, *, user_id: str, name: str, role: str, actor: Any
) -> AllowedAdmin:
    """Add (or change the role of) a person allowed to manage the community."""
    admin, created = AllowedAdmin.objects.select_for_update().get_or_create(
        account=account,
        network_user_id=user_id.strip(),
        defaults={"name": name, "role": role, "recorded_by": actor},
    )
    before = None if created else snapshot(admin)
    if not created:
        admin.name, admin.role, admin.recorded_by = name, role, actor
        admin.save()
    record(
        "security.admin_allow",
        actor=actor,
        obj=admin,
        ministry=account.ministry,
        object_repr=f"{admin.name} — {account.title}",
        before=before,
        after=snapshot(admin),
    )
    return admin


@transaction.atomic
def do_forbid_admin(admin: AllowedAdmin, *, actor: Any) -> None:
    account = admin.account
    record(
        "security.admin_forbid",
        actor=actor,
        obj=admin,
        ministry=account.ministry,
        object_repr=f"{admin.name} — {account.title}",
        before=snapshot(admin),
    )
    admin.delete()


def allowed_map(account: Account) -> dict[str, str]:
    """Network user id -> the highest role allowed."""
    return dict(account.allowed_admins.values_list("network_user_id", "role"))
