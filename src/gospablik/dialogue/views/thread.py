"""The thread page: the resident's text, classification, clocks, answer, notes, actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gospablik.dialogue import actions, inbox
from gospablik.dialogue.access import get_thread_for_user, may_answer, threads_for
from gospablik.dialogue.answering import (
    AnswerRefused,
    do_answer,
    do_approve_answer,
    do_reject_answer,
    do_retry_answer,
)
from gospablik.dialogue.forms import (
    AnswerForm,
    AppealForm,
    AssignForm,
    CategoryForm,
    NoteForm,
    RouteForm,
    StatusForm,
)
from gospablik.dialogue.models import Answer, Template, Thread
from gospablik.dialogue.views import dialogue_view
from gospablik.orgs.access import WORKING_ROLES
from gospablik.orgs.models import Ministry, Organization
from gospablik.policy.store import policy_for


def colleagues(ministry: Ministry) -> Any:
    return (
        get_user_model()
        .objects.filter(
            memberships__organization__ministry=ministry,
            memberships__is_active=True,
            memberships__role__in=WORKING_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


def _context(
    request: HttpRequest, ministry: Ministry, thread: Thread, **forms: Any
) -> dict[str, Any]:
    policy = policy_for(ministry)
    topics = {t.key: t.name for t in policy.dialogue.topics} if policy.dialogue else {}
    return {
        "ministry": ministry,
        "t": thread,
        "topic_name": topics.get(thread.topic, ""),
        "answers": thread.answers.select_related("author", "approver"),
        "notes": thread.notes.select_related("author"),
        "reclassifications": thread.reclassifications.select_related("actor")[:20],
        "templates": Template.objects.filter(ministry=ministry).order_by("title")[:100],
        "can_answer": may_answer(request.user, thread),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "note_form": NoteForm(prefix="note"),
        "assign_form": AssignForm(
            users=colleagues(ministry), initial={"assignee": thread.assignee_id}
        ),
        "category_form": CategoryForm(initial={"category": thread.category}),
        "status_form": StatusForm(),
        "appeal_form": AppealForm(),
        "route_form": RouteForm(
            orgs=Organization.objects.filter(ministry=ministry),
            initial={"org": thread.routed_org_id},
        ),
        "next": inbox.next_thread(threads_for(request.user, ministry), thread),
    }


@dialogue_view
def thread_page(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, ministry, pk)
    return render(request, "dialogue/thread.html", _context(request, ministry, thread))


@dialogue_view
def answers_fragment(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, ministry, pk)
    answers = thread.answers.select_related("author", "approver")
    return render(
        request, "dialogue/_answers.html", {"ministry": ministry, "t": thread, "answers": answers}
    )


@require_POST
@dialogue_view
def answer(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, ministry, pk)
    form = AnswerForm(request.POST)
    form.is_valid()
    try:
        do_answer(thread, form.cleaned_data.get("text") or "", actor=request.user,
                  interim=bool(form.cleaned_data.get("interim")))  # fmt: skip
    except AnswerRefused as error:
        for text in error.messages:
            messages.error(request, text)
        context = _context(request, ministry, thread, answer_form=form)  # the draft is kept
        return render(request, "dialogue/thread.html", context, status=400)
    messages.success(request, _("Ответ поставлен в очередь отправки."))
    return redirect("dialogue:thread", ministry.key, thread.pk)


ACTS = ("note", "assign", "category", "status", "appeal", "route", "approve", "reject", "retry")


@require_POST
@dialogue_view
def act(request: HttpRequest, ministry: Ministry, pk: int, name: str) -> HttpResponse:
    if name not in ACTS:
        raise Http404("Нет такого действия")
    thread = get_thread_for_user(request.user, ministry, pk)
    try:
        _run(request, ministry, thread, name)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
    return redirect(reverse("dialogue:thread", args=[ministry.key, thread.pk]))


def _run(request: HttpRequest, ministry: Ministry, thread: Thread, name: str) -> None:
    data, user = request.POST, request.user
    if name == "note":
        actions.do_add_note(thread, data.get("note-text", ""), actor=user)
    elif name == "assign":
        form = AssignForm(data, users=colleagues(ministry))
        if not form.is_valid():
            raise ValidationError("Выберите сотрудника из списка")
        actions.do_assign(thread, form.cleaned_data["assignee"], actor=user)
    elif name == "category":
        actions.do_reclassify(thread, data.get("category", ""), actor=user)
    elif name == "status":
        actions.do_set_status(
            thread, data.get("status", ""), actor=user, reason=data.get("reason", "")
        )
    elif name == "appeal":
        actions.do_register_appeal(thread, data.get("number", ""), actor=user)
    elif name == "route":
        route = RouteForm(data, orgs=Organization.objects.filter(ministry=ministry))
        if not route.is_valid():
            raise ValidationError("Выберите организацию из списка")
        actions.do_route(thread, route.cleaned_data["org"], actor=user)
    else:
        _answer_act(thread, name, data, user)


def _answer_act(thread: Thread, name: str, data: Any, user: Any) -> None:
    answer = thread.answers.filter(pk=int(data.get("answer") or 0)).first()
    if answer is None:
        raise ValidationError("Нет такого ответа")
    if name == "approve":
        do_approve_answer(answer, actor=user)
    elif name == "reject":
        do_reject_answer(answer, actor=user, reason=data.get("reason", ""))
    else:
        do_retry_answer(answer, actor=user)


def answer_state_label(answer: Answer) -> str:
    return str(answer.get_state_display())
