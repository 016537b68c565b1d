"""The periodic check: reminders before the deadline, escalation after it.

Each due duty is claimed with SELECT ... FOR UPDATE SKIP LOCKED, so any number of
workers on any number of machines never remind or escalate twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.duties.faults import isolated
from gospablik.duties.models import Duty, Notification
from gospablik.duties.outbox import Outbox, Recipients
from gospablik.orgs.access import WORKING_ROLES
from gospablik.policy.store import per_pass, policy_for

BATCH = 100
RETRY_AFTER = timedelta(hours=1)  # a duty whose check failed is looked at again after this


@per_pass
def tick(now: datetime | None = None) -> int:
    """Process every duty whose next check is due; return how many were handled."""
    moment = now or timezone.now()
    handled, recipients = 0, Recipients()
    while True:
        batch = _process_batch(moment, recipients)
        handled += batch
        if batch < BATCH:
            return handled


def _process_batch(now: datetime, recipients: Recipients) -> int:
    outbox = Outbox()
    with transaction.atomic():
        duties = list(
            Duty.objects.select_for_update(skip_locked=True)
            .filter(status=Duty.Status.OPEN, next_check_at__lte=now)
            .select_related("ministry", "owner_org")
            .order_by("next_check_at")[:BATCH]
        )
        for duty in duties:
            step = partial(_check, duty, now, recipients)
            sent = isolated("duties.tick", duty, duty.ministry_id, step)
            if sent is not None:
                outbox.take(sent)  # a failed duty's savepoint took its notifications back
                continue
            # the fault is recorded; the duty waits instead of blocking every batch
            Duty.objects.filter(pk=duty.pk).update(next_check_at=now + RETRY_AFTER)
        outbox.store()
    outbox.send()  # after the commit: no mail about a check that was rolled back
    return len(duties)


def _check(duty: Duty, now: datetime, recipients: Recipients) -> Outbox:
    assert duty.due_at is not None
    policy = policy_for(duty.ministry)
    tz, outbox = policy.tz(), Outbox()
    if now >= duty.due_at:
        _escalate(duty, escalation_role(policy, duty.kind), tz, recipients, outbox)
        duty.next_check_at = None
    else:
        _remind(duty, tz, recipients, outbox)
        duty.next_check_at = _next_reminder(duty, now, policy.reminders.before_hours)
    duty.save(update_fields=["next_check_at", "reminders_sent", "escalated_at"])
    return outbox


def escalation_role(policy: Any, kind: str) -> str:
    """The role an overdue duty escalates to: the dialogue's own target for its duties."""
    dialogue = policy.dialogue
    if kind.startswith("dialogue_") and dialogue is not None and dialogue.escalate_to_role:
        return str(dialogue.escalate_to_role)
    return str(policy.reminders.escalate_to_role)


def _next_reminder(duty: Duty, now: datetime, before_hours: list[int]) -> datetime:
    assert duty.due_at is not None
    later = [duty.due_at - timedelta(hours=h) for h in before_hours]
    upcoming = sorted(m for m in later if m > now)
    return upcoming[0] if upcoming else duty.due_at


def _remind(duty: Duty, tz: tzinfo, recipients: Recipients, outbox: Outbox) -> None:
    users = recipients.of_org(duty.owner_org_id, WORKING_ROLES)
    text = f"Напоминание: «{duty.title}» — срок {_local(duty.due_at, tz)}"
    outbox.notify(users, duty, Notification.Level.REMINDER, text)
    duty.reminders_sent += 1


def _escalate(duty: Duty, role: str, tz: tzinfo, recipients: Recipients, outbox: Outbox) -> None:
    heads = recipients.of_kind(duty.ministry_id, "ministry", {role})
    owners = recipients.of_org(duty.owner_org_id, WORKING_ROLES)
    text = f"Просрочено: «{duty.title}» ({duty.owner_org}) — срок был {_local(duty.due_at, tz)}"
    outbox.notify(heads | owners, duty, Notification.Level.ESCALATION, text)
    duty.escalated_at = timezone.now()
    record(
        "duty.escalate",
        obj=duty,
        ministry=duty.ministry,
        after={"escalated_to": sorted(u.get_username() for u in heads)},
    )


def _local(moment: datetime | None, tz: tzinfo) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(tz).strftime("%d.%m.%Y %H:%M")


def alert_owners(duty: Duty) -> None:
    """Notify the owning organization at once (alerts do not wait for a reminder stage)."""
    outbox = Outbox()
    users = Recipients().of_org(duty.owner_org_id, WORKING_ROLES)
    outbox.notify(users, duty, Notification.Level.ALERT, duty.title)
    outbox.deliver()
