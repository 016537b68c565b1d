"""The inbox of private messages to the communities."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gospablik.moderation.forms import AnswerForm, AssignForm
from gospablik.moderation.highlight import highlighted
from gospablik.moderation.inbox import (
    NOT_SENT,
    answer_and_send,
    assignees,
    do_assign,
    do_close,
)
from gospablik.moderation.models import Message
from gospablik.moderation.views import moderation_view
from gospablik.networks.base import Capability
from gospablik.networks.connections import capabilities_of
from gospablik.orgs.access import Perm
from gospablik.orgs.models import Ministry


def get_message(ministry: Ministry, pk: int) -> Message:
    return get_object_or_404(Message.objects.select_related("account"), pk=pk, ministry=ministry)


@moderation_view(Perm.MODERATE)
def inbox(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    items = Message.objects.filter(ministry=ministry).select_related("account", "assigned_to")
    status = request.GET.get("status", "open")
    if status == "open":
        items = items.filter(status__in=[Message.Status.NEW, Message.Status.ASSIGNED])
    elif status == "flagged":
        items = items.filter(flagged=True)
    elif status == "mine":
        items = items.filter(assigned_to_id=request.user.pk)
    else:
        status = "all"
    page = Paginator(items.order_by("received_at", "pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/inbox.html",
        {"ministry": ministry, "page": page, "status": status, "query": f"status={status}"},
    )


@moderation_view(Perm.MODERATE)
def message_detail(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    message = get_message(ministry, pk)
    return render(
        request,
        "moderation/message_detail.html",
        {
            "ministry": ministry,
            "m": message,
            "html": highlighted(message.text, message.findings),
            "assign_form": AssignForm(users=assignees(message.account)),
            "answer_form": AnswerForm(),
            "can_send": (can_send := Capability.SEND_MESSAGE in capabilities_of(message.network)),
            "not_sent": "" if can_send else NOT_SENT,
        },
    )


@require_POST
@moderation_view(Perm.MODERATE)
def message_act(request: HttpRequest, ministry: Ministry, pk: int, act: str) -> HttpResponse:
    message = get_message(ministry, pk)
    if act == "assign":
        form = AssignForm(request.POST, users=assignees(message.account))
        if form.is_valid():
            do_assign(message, form.cleaned_data["assignee"], actor=request.user)
    elif act == "answer":
        form = AnswerForm(request.POST)  # type: ignore[assignment]
        if form.is_valid():
            message = answer_and_send(message, form.cleaned_data["text"], actor=request.user)
            notify = messages.success if message.answer_sent else messages.warning
            notify(request, message.answer_note or NOT_SENT)
    elif act == "close":
        do_close(message, actor=request.user)
        return redirect("moderation:inbox", ministry=ministry.key)
    else:
        raise Http404("Нет такого действия")
    if not form.is_valid():
        messages.error(request, "Заполните форму")
    return redirect("moderation:message", ministry=ministry.key, pk=pk)
