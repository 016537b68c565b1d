"""Opening, completing and cancelling duties: the only way their state changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from gospablik.audit.log import record, snapshot
from gospablik.duties.evidence import evidence_problem
from gospablik.duties.models import Duty
from gospablik.orgs.models import Ministry, Organization
from gospablik.policy.schema import PeriodSpec
from gospablik.policy.store import current_version, parsed

AUDIT_EXCLUDE = ("next_check_at", "reminders_sent")


@dataclass(frozen=True)
class Subject:
    type: str
    id: str

    @classmethod
    def of(cls, obj: models.Model) -> Subject:
        return cls(obj._meta.label_lower, str(obj.pk))


@transaction.atomic
def do_open_duty(
    ministry: Ministry,
    *,
    kind: str,
    owner_org: Organization,
    title: str,
    start: datetime,
    period: PeriodSpec | None,
    subject: Subject | None = None,
    clause: str = "",
    recipient: str = "",
    description: str = "",
    actor: Any = None,
) -> Duty:
    version = current_version(ministry)
    policy = parsed(version)
    due = policy.due_at(start, period) if period is not None else None
    duty = Duty.objects.create(
        ministry=ministry,
        kind=kind,
        owner_org=owner_org,
        title=title,
        description=description,
        clause=clause,
        recipient=recipient,
        subject_type=subject.type if subject else "",
        subject_id=subject.id if subject else "",
        period_text=period.to_period().describe_ru() if period else "",
        policy_version=version.version,
        started_at=start,
        due_at=due,
    )
    duty.next_check_at = first_check(duty, policy.reminders.before_hours)
    duty.save(update_fields=["next_check_at"])
    record(
        "duty.open", actor=actor, obj=duty, ministry=ministry, after=snapshot(duty, AUDIT_EXCLUDE)
    )
    return duty


def first_check(duty: Duty, before_hours: list[int]) -> datetime | None:
    """The earliest reminder moment still ahead of the duty's start, else its due moment."""
    if duty.due_at is None:
        return None
    for hours in sorted(before_hours, reverse=True):
        moment = duty.due_at - timedelta(hours=hours)
        if moment > duty.started_at:
            return moment
    return duty.due_at


class DutyClosed(ValueError):
    """Someone closed the duty first (two people at once, a double submit)."""


@transaction.atomic
def do_complete_duty(duty: Duty, *, actor: Any, resolution: dict[str, Any]) -> Duty:
    duty = Duty.objects.select_for_update().get(pk=duty.pk)
    if not duty.is_open:
        raise DutyClosed("Обязанность уже закрыта")
    problem = evidence_problem(duty.kind, str(resolution.get("reference", "")))
    if problem:
        raise ValidationError({"reference": problem})
    before = snapshot(duty, AUDIT_EXCLUDE)
    duty.status, duty.done_at, duty.done_by = Duty.Status.DONE, timezone.now(), actor
    duty.resolution, duty.next_check_at = resolution, None
    duty.save()
    record(
        "duty.complete",
        actor=actor,
        obj=duty,
        ministry=duty.ministry,
        before=before,
        after=snapshot(duty, AUDIT_EXCLUDE),
    )
    return duty


@transaction.atomic
def do_cancel_duty(duty: Duty, *, actor: Any, reason: str) -> Duty:
    duty = Duty.objects.select_for_update().get(pk=duty.pk)
    if not duty.is_open:
        return duty
    before = snapshot(duty, AUDIT_EXCLUDE)
    duty.status, duty.next_check_at = Duty.Status.CANCELLED, None
    duty.resolution = {"cancel_reason": reason}
    duty.save()
    record(
        "duty.cancel",
        actor=actor,
        obj=duty,
        ministry=duty.ministry,
        before=before,
        after=snapshot(duty, AUDIT_EXCLUDE),
        reason=reason,
    )
    return duty


def open_duties_for(subject: Subject, kind: str | None = None) -> models.QuerySet[Duty]:
    qs = Duty.objects.filter(
        subject_type=subject.type, subject_id=subject.id, status=Duty.Status.OPEN
    )
    return qs.filter(kind=kind) if kind else qs
