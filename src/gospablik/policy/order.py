"""Publishing the order itself (order 000 п.3.1 and 3.2): one duty per step, each closed with
its own evidence (a URL or a registration number); the publication is done when all are."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db import transaction

from gospablik.audit.log import record
from gospablik.duties.actions import Subject, do_open_duty
from gospablik.duties.models import Duty
from gospablik.orgs.models import Ministry, Organization
from gospablik.policy.schema import Policy, PublicationStepSpec
from gospablik.policy.store import policy_for

MAIN_KIND = "order_publication"
STEP_KIND = "order_publication_step"
KINDS = (MAIN_KIND, STEP_KIND)


def order_subject(ministry: Ministry) -> Subject:
    return Subject("orgs.ministry", str(ministry.pk))


@transaction.atomic
def do_record_order_signed(ministry: Ministry, signed_on: date, *, actor: Any) -> Duty:
    """The order was signed: its placement (п.3.2) and every extra step (п.3.1) become duties.

    Returns the duty of the placement on the ministry's site.
    """
    policy = policy_for(ministry)
    spec = policy.order_publication
    owner = Organization.objects.get(ministry=ministry, key=spec.responsible)
    start = datetime.combine(signed_on, time(0, 0), tzinfo=policy.tz())
    record(
        "order.signed",
        actor=actor,
        ministry=ministry,
        object_type="orgs.ministry",
        object_id=str(ministry.pk),
        object_repr=policy.document,
        after={"signed_on": signed_on.isoformat()},
    )
    main = do_open_duty(
        ministry,
        kind=MAIN_KIND,
        owner_org=owner,
        title=f"Разместить приказ: {', '.join(spec.where)}",
        start=start,
        period=spec.period,
        subject=order_subject(ministry),
        clause=spec.clause,
        description=policy.document,
        actor=actor,
    )
    for step in spec.extra_steps:
        _open_step(ministry, policy, owner, step, start, actor)
    return main


def _open_step(
    ministry: Ministry,
    policy: Policy,
    owner: Organization,
    step: PublicationStepSpec,
    start: datetime,
    actor: Any,
) -> Duty:
    where = f": {'; '.join(step.where)}" if step.where else ""
    return do_open_duty(
        ministry,
        kind=STEP_KIND,
        owner_org=owner,
        title=f"{step.action[:1].upper()}{step.action[1:]}{where}"[:500],
        start=start,
        period=step.period,
        subject=order_subject(ministry),
        clause=step.clause,
        description=policy.document,
        actor=actor,
    )


def order_steps(ministry: Ministry) -> list[Duty]:
    """The duties of the latest signing, placement first."""
    subject = order_subject(ministry)
    duties = Duty.objects.filter(
        ministry=ministry, kind__in=KINDS, subject_type=subject.type, subject_id=subject.id
    ).order_by("-started_at", "pk")
    latest = duties.first()
    return [] if latest is None else list(duties.filter(started_at=latest.started_at))


def publication_done(ministry: Ministry) -> bool:
    """True when every step of the latest signing is done (each with its evidence)."""
    steps = order_steps(ministry)
    return bool(steps) and all(d.status == Duty.Status.DONE for d in steps)
