"""Information request pages: ЦУР files and accepts, the ministry assigns and answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gospablik.approvals.access import Who, get_request, orgs_with, requests_for
from gospablik.approvals.actions.requests import (
    do_accept_answer,
    do_answer_request,
    do_ask_again,
    do_assign_request,
    do_file_request,
    do_withdraw_request,
)
from gospablik.approvals.forms import (
    AnswerForm,
    AskAgainForm,
    AssignForm,
    RequestForm,
    WithdrawForm,
)
from gospablik.approvals.models import InformationRequest, RequestFile
from gospablik.approvals.sla import sla_of
from gospablik.approvals.views.common import add_errors, approvals_view, download, need
from gospablik.orgs.models import Ministry

Status = InformationRequest.Status


@approvals_view
def request_list(request: HttpRequest, ministry: Ministry, me: Who) -> HttpResponse:
    qs = requests_for(ministry, me)
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [(r, sla_of(r.due_at, _done(r), now)) for r in page]
    return render(
        request,
        "approvals/requests.html",
        {
            "ministry": ministry,
            "me": me,
            "page": page,
            "rows": rows,
            "statuses": Status.choices,
            "status": status,
        },
    )


def _done(item: InformationRequest) -> Any:
    return item.duty.done_at if item.duty is not None else None


@approvals_view
def request_new(request: HttpRequest, ministry: Ministry, me: Who) -> HttpResponse:
    need(bool(me.submit_orgs))
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = do_file_request(
                ministry, actor=request.user, cur_org=me.submit_orgs[0], **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Запрос направлен.")
            return redirect("approvals:request", ministry=ministry.key, pk=item.pk)
    return render(request, "approvals/request_form.html", {"ministry": ministry, "form": form})


def _assignees(ministry: Ministry) -> Any:
    orgs = orgs_with(ministry, "information_requests")
    users = get_user_model().objects.filter(
        memberships__organization__in=orgs, memberships__is_active=True, is_active=True
    )
    return users.distinct().order_by("username")


@approvals_view
def request_detail(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    item = get_request(ministry, me, pk)
    mine = item.cur_org in me.cur_orgs
    forms = {
        "assign": AssignForm(users=_assignees(ministry)) if me.answer else None,
        "answer": AnswerForm() if me.answer else None,
        "again": AskAgainForm() if mine else None,
        "withdraw": WithdrawForm() if mine else None,
    }
    if request.method == "POST":
        response = _post(request, ministry, item, me, forms)
        if response is not None:
            return response
    return _render(
        request, ministry, item, me, forms, status=400 if request.method == "POST" else 200
    )


def _post(
    request: HttpRequest,
    ministry: Ministry,
    item: InformationRequest,
    me: Who,
    forms: dict[str, Any],
) -> HttpResponse | None:
    op = request.POST.get("op", "")
    handler = HANDLERS.get(op)
    allowed = me.answer if op in ("assign", "answer") else item.cur_org in me.cur_orgs
    need(handler is not None and allowed)
    assert handler is not None
    form = handler.form(request, ministry)
    forms[handler.slot] = form
    if form is None or form.is_valid():
        try:
            handler.run(request, item, form.cleaned_data if form is not None else {})
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect("approvals:request", ministry=ministry.key, pk=item.pk)
            add_errors(form, error)
        else:
            messages.success(request, handler.done)
            return redirect("approvals:request", ministry=ministry.key, pk=item.pk)
    return None


class Handler:
    def __init__(
        self,
        slot: str,
        form: Callable[[HttpRequest, Ministry], Any],
        run: Callable[[HttpRequest, InformationRequest, dict[str, Any]], Any],
        done: str,
    ) -> None:
        self.slot, self.form, self.run, self.done = slot, form, run, done


HANDLERS = {
    "assign": Handler(
        "assign",
        lambda r, m: AssignForm(r.POST, users=_assignees(m)),
        lambda r, i, d: do_assign_request(i, actor=r.user, assignee=d["assignee"]),
        "Исполнитель назначен.",
    ),
    "answer": Handler(
        "answer",
        lambda r, m: AnswerForm(r.POST, r.FILES),
        lambda r, i, d: do_answer_request(i, actor=r.user, text=d["text"], files=d["attachments"]),
        "Ответ отправлен в ЦУР.",
    ),
    "accept": Handler(
        "accept",
        lambda r, m: None,
        lambda r, i, d: do_accept_answer(i, actor=r.user),
        "Ответ принят.",
    ),
    "again": Handler(
        "again",
        lambda r, m: AskAgainForm(r.POST),
        lambda r, i, d: do_ask_again(i, actor=r.user, text=d["text"], needed_by=d["needed_by"]),
        "Повторный запрос направлен.",
    ),
    "withdraw": Handler(
        "withdraw",
        lambda r, m: WithdrawForm(r.POST),
        lambda r, i, d: do_withdraw_request(i, actor=r.user, reason=d["reason"]),
        "Запрос отозван.",
    ),
}


def _render(
    request: HttpRequest,
    ministry: Ministry,
    item: InformationRequest,
    me: Who,
    forms: dict[str, Any],
    status: int,
) -> HttpResponse:
    mine = item.cur_org in me.cur_orgs
    context = {
        "ministry": ministry,
        "item": item,
        "thread": item.messages.select_related("author").prefetch_related("files"),
        "sla": sla_of(item.due_at, _done(item), timezone.now()),
        "forms": forms,
        "open": item.status == Status.OPEN,
        "answered": item.status == Status.ANSWERED,
        "can_answer": me.answer,
        "mine": mine,
    }
    return render(request, "approvals/request_detail.html", context, status=status)


@approvals_view
def request_file(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponseBase:
    stored = get_object_or_404(RequestFile.objects.select_related("message"), pk=pk)
    get_request(ministry, me, stored.message.request_id)
    return download(stored.file, stored.name)
