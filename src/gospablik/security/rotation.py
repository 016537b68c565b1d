"""Duties to renew keys: before they expire and at the rotation interval of the policy.

The periodic check opens one ``credential_rotation`` duty per key when its deadline comes
within ``policy.security.expiry_reminder_days``; the deadline is the expiry date (or the
planned rotation date) and the duty engine reminds and escalates from there. Replacing
the key's value closes the duty (see :mod:`gospablik.security.credentials`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gospablik.duties.actions import Subject, do_open_duty, open_duties_for
from gospablik.duties.engine import alert_owners
from gospablik.policy.schema import PeriodSpec, Policy
from gospablik.policy.store import NoPolicy, policy_for
from gospablik.registry.models import Account
from gospablik.security.credentials import KIND, key_label, next_deadline
from gospablik.security.models import Credential
from gospablik.security.owners import local_date, local_midnight, security_org


def check_credentials(now: datetime | None = None) -> int:
    """Open the rotation duties that are due; return how many were opened."""
    moment = now or timezone.now()
    ids = Credential.objects.exclude(connection__account__status=Account.Status.DELETED)
    return sum(_check_one(pk, moment) for pk in ids.values_list("pk", flat=True))


def _check_one(pk: int, now: datetime) -> bool:
    with transaction.atomic():
        credential = (
            Credential.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("connection__account__ministry", "holder_org")
            .filter(pk=pk)
            .first()
        )
        if credential is None or open_duties_for(Subject.of(credential), KIND).exists():
            return False
        try:
            policy = policy_for(credential.connection.account.ministry)
        except NoPolicy:
            return False
        return _open_if_due(credential, policy, now)


def _open_if_due(credential: Credential, policy: Policy, now: datetime) -> bool:
    spec = policy.security
    rotated_on = local_date(policy, credential.rotated_at)
    due = next_deadline(
        credential,
        local_date(policy, now),
        rotated_on,
        spec.credential_rotation_days,
        spec.expiry_reminder_days,
    )
    if due is None:
        return False
    _open(credential, policy, *due)
    return True


def _open(credential: Credential, policy: Policy, deadline: date, why: str) -> None:
    account = credential.connection.account
    days = policy.security.expiry_reminder_days
    start = local_midnight(deadline - timedelta(days=days), policy)
    label = key_label(account.network, credential.key)
    duty = do_open_duty(
        account.ministry,
        kind=KIND,
        owner_org=credential.holder_org or security_org(account),
        title=f"Обновить ключ «{label}» аккаунта «{account.title}»: {why}"[:500],
        start=start,
        period=PeriodSpec(amount=days, unit="calendar_days", clause=policy.security.clause),
        subject=Subject.of(credential),
        clause=policy.security.clause,
        description="Получите новый ключ в соцсети и сохраните его в подключении аккаунта. "
        "Старый ключ отзовите в настройках соцсети.",
    )
    alert_owners(duty)
