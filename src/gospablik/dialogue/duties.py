"""The dialogue's deadlines as duties of the duty engine (reminders, escalation, reports).

A thread that needs an answer opens ``dialogue_answer`` (the first-answer clock). An
interim answer completes it and opens ``dialogue_final_answer`` (the final clock); the
final answer completes whichever is open. A registered formal appeal opens
``dialogue_formal_appeal`` (59-ФЗ), an answer waiting for approval ``dialogue_approval``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models

from gospablik.duties.actions import (
    Subject,
    do_cancel_duty,
    do_complete_duty,
    do_open_duty,
    open_duties_for,
)
from gospablik.duties.models import Duty
from gospablik.orgs.models import Organization
from gospablik.policy.schema import DialogueSpec, PeriodSpec
from gospablik.policy.store import policy_for

ANSWER = "dialogue_answer"
FINAL = "dialogue_final_answer"
APPEAL = "dialogue_formal_appeal"
APPROVAL = "dialogue_approval"
KINDS = (ANSWER, FINAL, APPEAL, APPROVAL)


def answering_org(thread: Any, spec: DialogueSpec) -> Organization:
    if thread.routed_org_id:
        return thread.routed_org
    found = Organization.objects.filter(
        ministry=thread.ministry_id, key__in=spec.answering_orgs[:1]
    ).first()
    return found or thread.account.responsible_org


def open_clock(
    thread: Any, kind: str, start: datetime, period: PeriodSpec, title: str, spec: DialogueSpec
) -> Duty:
    return do_open_duty(
        thread.ministry,
        kind=kind,
        owner_org=answering_org(thread, spec),
        title=title,
        start=start,
        period=period,
        subject=Subject.of(thread),
        clause=period.clause or spec.clause,
        description=thread.text[:500],
    )


def open_answer_clock(thread: Any, spec: DialogueSpec) -> Duty:
    where = thread.account.title
    title = f"Ответить жителю ({thread.get_category_display().lower()}, «{where}»)"
    return open_clock(thread, ANSWER, thread.received_at, spec.answer_within, title, spec)


def close_clocks(thread: models.Model, kinds: tuple[str, ...], actor: Any, why: str) -> None:
    for duty in open_duties_for(Subject.of(thread)).filter(kind__in=kinds):
        do_complete_duty(duty, actor=actor, resolution={"dialogue": why})


def cancel_clocks(thread: models.Model, kinds: tuple[str, ...], actor: Any, reason: str) -> None:
    for duty in open_duties_for(Subject.of(thread)).filter(kind__in=kinds):
        do_cancel_duty(duty, actor=actor, reason=reason)


def spec_for(ministry: Any) -> DialogueSpec | None:
    return policy_for(ministry).dialogue
