"""Information requests of ЦУР (000 п.2 абз.6): filed, assigned, answered, accepted or asked again.

Each time the ministry owes an answer there is an open duty: when the request is filed
and each time ЦУР asks again. Its deadline is the date ЦУР needs the answer by,
bounded by the policy's ``information_request_max``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gospablik.approvals.access import approval_spec, first_org_with, orgs_with
from gospablik.approvals.deadlines import request_period
from gospablik.approvals.models import InformationRequest, RequestFile, RequestMessage
from gospablik.approvals.notify import notify_org
from gospablik.audit.log import record, snapshot
from gospablik.duties.actions import Subject, do_cancel_duty, do_complete_duty, do_open_duty
from gospablik.duties.engine import alert_owners
from gospablik.duties.models import Duty, Notification
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Membership, Ministry, Organization
from gospablik.policy.store import policy_for

Status = InformationRequest.Status
Kind = RequestMessage.Kind


@transaction.atomic
def do_file_request(
    ministry: Ministry,
    *,
    actor: Any,
    cur_org: Organization,
    topic: str,
    questions: str,
    needed_by: date,
) -> InformationRequest:
    approval_spec(ministry)
    if cur_org.ministry_id != ministry.pk or cur_org.kind != "cur":
        raise ValidationError(
            {"cur_org": "Запрос подаёт организация вида «ЦУР» этого министерства"}
        )
    request = InformationRequest.objects.create(
        ministry=ministry,
        cur_org=cur_org,
        created_by=actor,
        topic=topic,
        questions=questions,
        needed_by=needed_by,
        answer_org=first_org_with(ministry, "information_requests"),
    )
    RequestMessage.objects.create(request=request, kind=Kind.QUESTION, author=actor, text=questions)
    _open_duty(request, actor, needed_by)
    record(
        "approvals.request.create",
        actor=actor,
        obj=request,
        ministry=ministry,
        after=snapshot(request),
    )
    return request


def _open_duty(request: InformationRequest, actor: Any, needed_by: date) -> Duty:
    ministry, now = request.ministry, timezone.now()
    policy = policy_for(ministry)
    try:
        period = request_period(policy, approval_spec(ministry), now, needed_by)
    except ValueError as error:
        raise ValidationError({"needed_by": str(error)}) from error
    clause = next((a.clause for a in policy.assignments_for("information_requests")), "")
    duty = do_open_duty(
        ministry,
        kind="information_request",
        owner_org=request.answer_org,
        title=f"Ответить на запрос ЦУР «{request.topic[:300]}»",
        start=now,
        period=period,
        subject=Subject.of(request),
        clause=clause,
        recipient=request.cur_org.name,
        actor=actor,
    )
    request.duty, request.due_at = duty, duty.due_at
    request.save(update_fields=["duty", "due_at"])
    alert_owners(duty)
    return duty


def _answerer(request: InformationRequest, actor: Any) -> None:
    if not has_perm(actor, request.ministry, Perm.INFO_ANSWER):
        raise PermissionDenied("Отвечает организация, которой порядок поручил запросы ЦУР")


def _locked(request: InformationRequest, *allowed: str) -> InformationRequest:
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in allowed:
        raise ValidationError(
            f"Запрос в состоянии «{request.get_status_display()}»: действие недоступно"
        )
    return request


@transaction.atomic
def do_assign_request(
    request: InformationRequest, *, actor: Any, assignee: Any
) -> InformationRequest:
    _answerer(request, actor)
    request = _locked(request, Status.OPEN)
    orgs = orgs_with(request.ministry, "information_requests")
    if not Membership.objects.filter(user=assignee, organization__in=orgs, is_active=True).exists():
        raise ValidationError(
            {"assignee": "Исполнитель должен работать в организации, отвечающей на запросы"}
        )
    before = snapshot(request)
    request.assigned_to = assignee
    request.save(update_fields=["assigned_to"])
    Notification.objects.create(
        user=assignee,
        duty=request.duty,
        level=Notification.Level.INFO,
        text=f"Вам поручен запрос ЦУР «{request.topic[:300]}»",
    )
    record(
        "approvals.request.assign",
        actor=actor,
        obj=request,
        ministry=request.ministry,
        before=before,
        after=snapshot(request),
    )
    return request


@transaction.atomic
def do_answer_request(
    request: InformationRequest, *, actor: Any, text: str, files: Sequence[UploadedFile] = ()
) -> RequestMessage:
    _answerer(request, actor)
    request = _locked(request, Status.OPEN)
    if not text.strip() and not files:
        raise ValidationError({"text": "Ответ пуст: напишите текст или приложите файлы"})
    now = timezone.now()
    on_time = request.due_at is None or now <= request.due_at
    message = RequestMessage.objects.create(
        request=request, kind=Kind.ANSWER, author=actor, text=text.strip(), on_time=on_time
    )
    _attach(message, files)
    if request.duty is not None and request.duty.is_open:
        do_complete_duty(request.duty, actor=actor, resolution={"answer": message.pk})
    _set_status(request, Status.ANSWERED, actor, "approvals.request.answer")
    notify_org(request.cur_org, f"Ответ на запрос «{request.topic[:200]}»", _path(request))
    return message


@transaction.atomic
def do_accept_answer(request: InformationRequest, *, actor: Any) -> InformationRequest:
    _cur_member(request, actor)
    request = _locked(request, Status.ANSWERED)
    RequestMessage.objects.create(request=request, kind=Kind.ACCEPT, author=actor)
    return _set_status(request, Status.ACCEPTED, actor, "approvals.request.accept")


@transaction.atomic
def do_ask_again(
    request: InformationRequest, *, actor: Any, text: str, needed_by: date
) -> InformationRequest:
    """ЦУР is not satisfied: the ministry owes a new answer by a new date."""
    _cur_member(request, actor)
    request = _locked(request, Status.ANSWERED)
    if not text.strip():
        raise ValidationError({"text": "Напишите, чего не хватает в ответе"})
    RequestMessage.objects.create(request=request, kind=Kind.ASK_AGAIN, author=actor, text=text)
    request.needed_by = needed_by
    request.save(update_fields=["needed_by"])
    _open_duty(request, actor, needed_by)
    return _set_status(request, Status.OPEN, actor, "approvals.request.ask_again")


@transaction.atomic
def do_withdraw_request(
    request: InformationRequest, *, actor: Any, reason: str = ""
) -> InformationRequest:
    _cur_member(request, actor)
    request = _locked(request, Status.OPEN, Status.ANSWERED)
    if request.duty is not None and request.duty.is_open:
        do_cancel_duty(request.duty, actor=actor, reason=reason or "ЦУР отозвал запрос")
    return _set_status(request, Status.WITHDRAWN, actor, "approvals.request.withdraw")


def _cur_member(request: InformationRequest, actor: Any) -> None:
    if not Membership.objects.filter(
        user=actor, organization=request.cur_org, is_active=True
    ).exists():
        raise PermissionDenied("Это может сделать только ЦУР, подавший запрос")


def _set_status(
    request: InformationRequest, status: str, actor: Any, action: str
) -> InformationRequest:
    before = snapshot(request)
    request.status = status
    request.save(update_fields=["status"])
    record(
        action,
        actor=actor,
        obj=request,
        ministry=request.ministry,
        before=before,
        after=snapshot(request),
    )
    return request


def _attach(message: RequestMessage, files: Sequence[UploadedFile]) -> None:
    for upload in files:
        RequestFile.objects.create(
            message=message,
            file=upload,
            name=(upload.name or "файл")[-200:],
            size=upload.size or 0,
            content_type=(upload.content_type or "")[:100],
        )


def _path(request: InformationRequest) -> str:
    return reverse("approvals:request", kwargs={"ministry": request.ministry.key, "pk": request.pk})
