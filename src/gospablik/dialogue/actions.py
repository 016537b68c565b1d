"""Named actions on threads: assign, reclassify, set status, note, route, register appeal.

Each is atomic and writes its audit entry. Answers are in :mod:`.answering`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record, snapshot
from gospablik.dialogue.duties import (
    ANSWER,
    APPEAL,
    FINAL,
    cancel_clocks,
    open_answer_clock,
    open_clock,
    spec_for,
)
from gospablik.dialogue.models import Note, Reclassification, Template, Thread
from gospablik.orgs.models import Organization

AUDIT_EXCLUDE = ("reasons",)


def _locked(thread: Thread) -> Thread:
    return (
        Thread.objects.select_for_update().select_related("account", "ministry").get(pk=thread.pk)
    )


def _audit(action: str, thread: Thread, actor: Any, before: dict[str, Any], **extra: Any) -> None:
    record(action, actor=actor, obj=thread, ministry=thread.ministry, before=before,
           after=snapshot(thread, AUDIT_EXCLUDE), **extra)  # fmt: skip


@transaction.atomic
def do_assign(thread: Thread, assignee: Any, *, actor: Any) -> Thread:
    thread = _locked(thread)
    before = snapshot(thread, AUDIT_EXCLUDE)
    thread.assignee = assignee
    if thread.status == Thread.Status.NEW and assignee is not None:
        thread.status = Thread.Status.IN_PROGRESS
    thread.save()
    _audit("dialogue.assign", thread, actor, before)
    return thread


@transaction.atomic
def do_reclassify(thread: Thread, category: str, *, actor: Any) -> Thread:
    """A person's correction: kept, and the answer clock follows the new category."""
    if category not in Thread.Category.values:
        raise ValidationError("Неизвестная категория")
    thread = _locked(thread)
    if category == thread.category:
        return thread
    before = snapshot(thread, AUDIT_EXCLUDE)
    Reclassification.objects.create(
        thread=thread, before=thread.category, after=category, text=thread.text, actor=actor
    )
    thread.category = category
    thread.needs_answer = category in ("question", "complaint", "request")
    _follow_category(thread, actor)
    thread.save()
    _audit("dialogue.reclassify", thread, actor, before)
    return thread


def _follow_category(thread: Thread, actor: Any) -> None:
    spec = spec_for(thread.ministry)
    if not thread.needs_answer:
        cancel_clocks(thread, (ANSWER, FINAL), actor, "Ответ не требуется (категория исправлена)")
        thread.due_at = None
        if thread.is_open:
            thread.status = Thread.Status.NOT_NEEDED
    elif thread.due_at is None and spec is not None and thread.answered_at is None:
        if thread.status == Thread.Status.NOT_NEEDED:
            thread.status = Thread.Status.NEW
        duty = open_answer_clock(thread, spec)
        thread.due_at = thread.first_due_at = duty.due_at


@transaction.atomic
def do_set_status(thread: Thread, status: str, *, actor: Any, reason: str = "") -> Thread:
    """«Ответ не требуется» or back to work; answered and hidden come from events."""
    allowed = (Thread.Status.NOT_NEEDED, Thread.Status.IN_PROGRESS, Thread.Status.NEW)
    if status not in allowed:
        raise ValidationError("Это состояние ставится само: по ответу или решению модерации")
    thread = _locked(thread)
    before = snapshot(thread, AUDIT_EXCLUDE)
    thread.status = status
    if status == Thread.Status.NOT_NEEDED:
        cancel_clocks(thread, (ANSWER, FINAL), actor, reason or "Ответ не требуется")
        thread.due_at = None
    thread.save()
    _audit("dialogue.status", thread, actor, before, reason=reason)
    return thread


@transaction.atomic
def do_add_note(thread: Thread, text: str, *, actor: Any) -> Note:
    body = text.strip()
    if not body:
        raise ValidationError("Заметка пуста")
    note = Note.objects.create(thread=thread, text=body[:5000], author=actor)
    record("dialogue.note", actor=actor, obj=thread, ministry=thread.ministry,
           after={"note": note.pk, "text": note.text})  # fmt: skip
    return note


@transaction.atomic
def do_route(thread: Thread, org: Organization | None, *, actor: Any) -> Thread:
    """Send a thread to the organization that must supply the substance (or back)."""
    thread = _locked(thread)
    if org is not None and org.ministry_id != thread.ministry_id:
        raise ValidationError("Организация другого министерства")
    before = snapshot(thread, AUDIT_EXCLUDE)
    thread.routed_org = org
    thread.save()
    _audit("dialogue.route", thread, actor, before)
    return thread


@transaction.atomic
def do_register_appeal(thread: Thread, number: str, *, actor: Any) -> Thread:
    """Register a comment as a formal appeal (59-ФЗ): its own 30-day clock."""
    spec = spec_for(thread.ministry)
    if spec is None:
        raise ValidationError("В порядке министерства нет раздела о диалогах")
    thread = _locked(thread)
    if thread.appeal_registered_at is not None:
        raise ValidationError("Обращение уже зарегистрировано")
    before = snapshot(thread, AUDIT_EXCLUDE)
    thread.appeal_registered_at, thread.appeal_number = timezone.now(), number.strip()[:64]
    title = f"Ответить на обращение № {thread.appeal_number or thread.pk} (59-ФЗ)"
    duty = open_clock(thread, APPEAL, thread.appeal_registered_at,
                      spec.formal_appeal_within, title, spec)  # fmt: skip
    thread.appeal_due_at = duty.due_at
    thread.save()
    _audit("dialogue.register_appeal", thread, actor, before)
    return thread


@transaction.atomic
def do_save_template(
    ministry: Any, *, title: str, text: str, category: str, actor: Any
) -> Template:
    if not title.strip() or not text.strip():
        raise ValidationError("Нужны название и текст шаблона")
    template = Template.objects.create(
        ministry=ministry, title=title.strip()[:200], text=text.strip(), category=category,
        created_by=actor,
    )  # fmt: skip
    record("dialogue.template", actor=actor, obj=template, ministry=ministry,
           after=snapshot(template))  # fmt: skip
    return template


def fill_template(template: Template, thread: Thread, address: str = "") -> str:
    """``{имя}`` — the resident's name (first word), ``{адрес}`` — the given address."""
    name = thread.author_name.split()[0] if thread.author_name.strip() else ""
    return template.text.replace("{имя}", name).replace("{адрес}", address)
