"""Raising and resolving security alerts. Each alert is a ``security_alert`` duty of the
organization with the `security` function, announced at once (in-app and email).

Changes gospablik itself makes in a network are not alerts: a module that renames a
community or changes its avatar through a connector first calls
:func:`do_record_network_change`, and the detector skips matching changes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.audit.models import AuditEntry
from gospablik.duties.actions import Subject, do_complete_duty, do_open_duty
from gospablik.duties.engine import alert_owners
from gospablik.duties.models import Duty, Notification
from gospablik.orgs.models import Membership
from gospablik.policy.schema import PeriodSpec
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account
from gospablik.security.actions import do_allow_admin
from gospablik.security.changes import Change
from gospablik.security.models import Alert
from gospablik.security.owners import security_org

EXPECTED_ACTION = "account.network_change"
EXPECTED_FIELDS = {
    "title": "title",
    "screen_name": "screen_name",
    "avatar": "avatar_url",
    "description": "description",
}
# Not set by the orders: gospablik's defaults so that a takeover cannot wait for a week.
ALERT_PERIODS = {
    "critical": PeriodSpec(amount=4, unit="hours"),
    "high": PeriodSpec(amount=1, unit="working_days"),
}
OUTCOMES = {
    "legit": "Изменение законное",
    "reverted": "Изменение отменено, доступ восстановлен",
    "false_positive": "Ложное срабатывание",
}


@transaction.atomic
def do_record_network_change(account: Account, changes: dict[str, str], *, actor: Any) -> None:
    """Say, before changing the community through its connector, what gospablik changes
    (keys: title, screen_name, avatar_url, description), so it raises no alert."""
    record(EXPECTED_ACTION, actor=actor, obj=account, ministry=account.ministry, after=changes)


def is_expected(account: Account, change: Change, since: datetime) -> bool:
    field = EXPECTED_FIELDS.get(change.kind)
    if field is None:
        return False
    entries = AuditEntry.objects.filter(
        action=EXPECTED_ACTION,
        object_type="registry.account",
        object_id=str(account.pk),
        created_at__gte=since,
    )
    wanted = change.details.get("after")
    for entry in entries:
        after = entry.after or {}
        if field in after and (field == "avatar_url" or after[field] == wanted):
            return True
    return False


def is_duplicate(account: Account, change: Change, since: datetime) -> bool:
    """The same change already raised (by the network's event, or the last snapshot)."""
    return Alert.objects.filter(account=account, key=change.key, detected_at__gte=since).exists()


@transaction.atomic
def do_raise_alerts(
    account: Account, changes: list[Change], *, source: str, since: datetime
) -> list[Alert]:
    raised = []
    for change in changes:
        if is_expected(account, change, since) or is_duplicate(account, change, since):
            continue
        raised.append(_raise(account, change, source))
    return raised


def _raise(account: Account, change: Change, source: str) -> Alert:
    now = timezone.now()
    alert = Alert.objects.create(
        account=account,
        ministry=account.ministry,
        severity=change.severity,
        kind=change.kind,
        key=change.key,
        summary=change.summary[:1000],
        details=change.details,
        source=source,
        detected_at=now,
    )
    alert.duty = _open_duty(alert, now)
    alert.save(update_fields=["duty"])
    record(
        "security.alert",
        obj=alert,
        ministry=account.ministry,
        object_repr=f"{account.title}: {alert.summary}",
        after={"severity": alert.severity, "kind": alert.kind, "source": source},
    )
    alert_owners(alert.duty)
    if alert.severity == Alert.Severity.CRITICAL:
        _tell_heads(alert.duty)
    return alert


def _open_duty(alert: Alert, now: datetime) -> Duty:
    account = alert.account
    policy = policy_for(account.ministry)
    label = Alert.Severity(alert.severity).label
    return do_open_duty(
        account.ministry,
        kind="security_alert",
        owner_org=security_org(account),
        title=f"[{label}] {account.title}: {alert.summary}"[:500],
        start=now,
        period=ALERT_PERIODS.get(alert.severity),
        subject=Subject.of(alert),
        clause=policy.security.clause,
        description="Проверьте аккаунт в соцсети. Если изменение сделал не сотрудник: смените "
        "пароль владельца и ключи доступа, удалите посторонних администраторов, "
        "верните название и аватар. Запишите, что сделано.",
    )


def _tell_heads(duty: Duty) -> None:
    heads = Membership.objects.filter(
        organization__ministry_id=duty.ministry_id,
        organization__kind="ministry",
        role="head",
        is_active=True,
        user__is_active=True,
    ).select_related("user")
    for user in {m.user for m in heads}:
        Notification.objects.create(
            user=user, duty=duty, level=Notification.Level.ALERT, text=duty.title
        )
        if user.email:
            send_mail(
                f"gospablik: {duty.title[:120]}",
                duty.title,
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
                fail_silently=True,
            )


@transaction.atomic
def do_resolve_alert(alert: Alert, *, actor: Any, outcome: str, resolution: str) -> Alert:
    """Record what was done; a legitimate new administrator joins the allowed list."""
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if not alert.is_open:
        raise ValueError("Оповещение уже разобрано")
    if outcome not in OUTCOMES:
        raise ValueError("Неизвестный итог")
    alert.resolved_at, alert.resolved_by = timezone.now(), actor
    alert.outcome, alert.resolution = outcome, resolution
    alert.save()
    record(
        "security.alert_resolve",
        actor=actor,
        obj=alert,
        ministry=alert.ministry,
        object_repr=f"{alert.account.title}: {alert.summary}",
        after={"outcome": outcome, "resolution": resolution},
    )
    if outcome == "legit" and alert.kind in ("admin_added", "admin_role"):
        _allow(alert, actor)
    if alert.duty is not None and alert.duty.is_open:
        alert.duty = do_complete_duty(
            alert.duty,
            actor=actor,
            resolution={"outcome": OUTCOMES[outcome], "comment": resolution},
        )
    return alert


def _allow(alert: Alert, actor: Any) -> None:
    details = alert.details
    do_allow_admin(
        alert.account,
        user_id=str(details.get("user_id", "")),
        name=str(details.get("name") or details.get("user_id", "")),
        role=str(details.get("role") or "administrator"),
        actor=actor,
    )
