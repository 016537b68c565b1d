"""Registering, changing and deleting accounts; each change opens the duties it causes.

Both orders (000 item 2, 001 item 2) require informing a recipient (ЦУР Кузбасса,
or the media directorate) of every created and deleted account within a deadline.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record, snapshot
from gospablik.duties.actions import Subject, do_open_duty, open_duties_for
from gospablik.duties.models import Duty
from gospablik.orgs.models import Ministry, Organization
from gospablik.policy.schema import Policy
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account
from gospablik.registry.validation import account_errors

EVENT_KIND = {"created": "account_created_notice", "deleted": "account_deleted_notice"}
EVENT_TITLE = {"created": "о создании аккаунта", "deleted": "об удалении аккаунта"}
EDITABLE = (
    "network",
    "url",
    "network_id",
    "title",
    "status",
    "created_on",
    "deleted_on",
    "responsible_org",
    "responsible_person",
    "responsible_contact",
    "verified",
    "tier",
    "description",
    "has_avatar",
    "has_cover",
    "has_widgets",
    "has_dynamic_cover",
)


def _today(policy: Policy) -> date:
    return timezone.now().astimezone(policy.tz()).date()


def _validate(policy: Policy, data: dict[str, Any], ministry: Ministry) -> None:
    errors = account_errors(policy, data, _today(policy))
    org = data.get("responsible_org")
    if isinstance(org, Organization) and org.ministry_id != ministry.pk:
        errors["responsible_org"] = "Организация не относится к этому министерству."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_register_account(ministry: Ministry, data: dict[str, Any], *, actor: Any) -> Account:
    policy = policy_for(ministry)
    _validate(policy, data, ministry)
    account = Account.objects.create(
        ministry=ministry, **{k: data[k] for k in EDITABLE if k in data}
    )
    record("account.register", actor=actor, obj=account, ministry=ministry, after=snapshot(account))
    _open_notices(account, policy, actor, previous_status=None)
    return account


@transaction.atomic
def do_update_account(
    account: Account, changes: dict[str, Any], *, actor: Any, reason: str = ""
) -> Account:
    account = Account.objects.select_for_update().get(pk=account.pk)
    policy = policy_for(account.ministry)
    before = snapshot(account)
    merged = {**{k: getattr(account, k) for k in EDITABLE}, **changes}
    _validate(policy, merged, account.ministry)
    previous_status = account.status
    for key in EDITABLE:
        setattr(account, key, merged[key])
    account.save()
    after = snapshot(account)
    if after != before:
        record(
            "account.update",
            actor=actor,
            obj=account,
            ministry=account.ministry,
            before=before,
            after=after,
            reason=reason,
        )
    _open_notices(account, policy, actor, previous_status=previous_status)
    return account


def do_mark_account_deleted(
    account: Account, deleted_on: date, *, actor: Any, reason: str = ""
) -> Account:
    """Accounts are never hard-deleted: they are marked deleted and the recipient is told."""
    return do_update_account(
        account,
        {"status": Account.Status.DELETED, "deleted_on": deleted_on},
        actor=actor,
        reason=reason,
    )


def _open_notices(
    account: Account, policy: Policy, actor: Any, previous_status: str | None
) -> None:
    spec = policy.account_notification
    status = account.status
    if status == Account.Status.ACTIVE and previous_status in (None, Account.Status.PLANNED):
        event, on = "created", account.created_on
    elif status == Account.Status.DELETED and previous_status != Account.Status.DELETED:
        event, on = "deleted", account.deleted_on
        _note_pending_created(account)
    else:
        return
    if event not in spec.events or on is None:
        return
    _open_notice(account, policy, event, on, actor)


def _note_pending_created(account: Account) -> None:
    """A created-notice still open when the account is deleted is reported in the same letter."""
    for duty in open_duties_for(Subject.of(account), EVENT_KIND["created"]):
        duty.description += "\nАккаунт удалён до отправки сообщения о создании."
        duty.save(update_fields=["description"])


def _open_notice(account: Account, policy: Policy, event: str, on: date, actor: Any) -> Duty:
    spec = policy.account_notification
    owner = notice_owner(account.ministry, policy)
    recipient = policy.org(spec.recipient)
    start = datetime.combine(on, time(0, 0), tzinfo=policy.tz())
    return do_open_duty(
        account.ministry,
        kind=EVENT_KIND[event],
        owner_org=owner,
        title=f"Сообщить {recipient.short_name} {EVENT_TITLE[event]} «{account.title}»",
        start=start,
        period=spec.period,
        subject=Subject.of(account),
        clause=spec.clause,
        recipient=recipient.name,
        description=f"{account.get_network_display()}: {account.url}",
        actor=actor,
    )


def notice_owner(ministry: Ministry, policy: Policy) -> Organization:
    keys = [o.key for o in policy.orgs_for("account_notification")] or [policy.ministry]
    return Organization.objects.get(ministry=ministry, key=keys[0])
