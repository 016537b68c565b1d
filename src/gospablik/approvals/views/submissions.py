"""Submission pages: the list, ЦУР's forms, the detail page, history and files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gospablik.approvals.access import Who, get_submission, submissions_for
from gospablik.approvals.actions.submissions import (
    do_create_submission,
    do_submit,
    do_update_submission,
    do_withdraw,
)
from gospablik.approvals.forms import SubmissionForm, WithdrawForm, item_formset
from gospablik.approvals.models import ItemFile, Round, Submission
from gospablik.approvals.timeline import timeline
from gospablik.approvals.views.common import add_errors, approvals_view, download, need, round_sla
from gospablik.approvals.views.detail import detail_context
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for

Status = Submission.Status


@approvals_view
def submission_list(request: HttpRequest, ministry: Ministry, me: Who) -> HttpResponse:
    qs = submissions_for(ministry, me).prefetch_related("rounds")
    kind, status = request.GET.get("kind", ""), request.GET.get("status", "")
    if kind in Submission.Kind.values:
        qs = qs.filter(kind=kind)
    if status in Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    rows = [(s, _last(s), round_sla(_last(s))) for s in page]
    return render(
        request,
        "approvals/list.html",
        {
            "ministry": ministry,
            "me": me,
            "page": page,
            "rows": rows,
            "kinds": Submission.Kind.choices,
            "statuses": Status.choices,
            "kind": kind,
            "status": status,
        },
    )


def _last(submission: Submission) -> Round | None:
    rounds = sorted(submission.rounds.all(), key=lambda r: r.number)
    return rounds[-1] if rounds else None


def _networks(ministry: Ministry) -> list[str]:
    return [n.network for n in policy_for(ministry).networks]


@approvals_view
def submission_new(request: HttpRequest, ministry: Ministry, me: Who) -> HttpResponse:
    need(bool(me.submit_orgs))
    form = SubmissionForm(request.POST or None)
    items = item_formset(
        request.POST or None, request.FILES or None, networks=_networks(ministry), items=[], extra=3
    )
    if request.method == "POST" and form.is_valid() and items.is_valid():
        try:
            with transaction.atomic():
                submission = do_create_submission(
                    ministry,
                    actor=request.user,
                    cur_org=me.submit_orgs[0],
                    data=form.data_object(),
                    items=_item_data(items),
                )
                _maybe_submit(request, submission)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("approvals:detail", ministry=ministry.key, pk=submission.pk)
    return render(
        request,
        "approvals/submission_form.html",
        {"ministry": ministry, "form": form, "items": items},
    )


@approvals_view
def submission_edit(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    submission = get_submission(ministry, me, pk)
    need(submission.cur_org in me.submit_orgs)
    if submission.status not in (Status.DRAFT, Status.RETURNED):
        messages.error(request, "Изменить можно только черновик или возвращённый материал.")
        return redirect("approvals:detail", ministry=ministry.key, pk=pk)
    form = SubmissionForm(request.POST or None, instance=submission)
    items = item_formset(
        request.POST or None,
        request.FILES or None,
        networks=_networks(ministry),
        items=list(submission.items.all()),
        extra=1,
    )
    if request.method == "POST" and form.is_valid() and items.is_valid():
        try:
            with transaction.atomic():
                do_update_submission(
                    submission, actor=request.user, data=form.data_object(), items=_item_data(items)
                )
                _maybe_submit(request, submission)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("approvals:detail", ministry=ministry.key, pk=pk)
    return render(
        request,
        "approvals/submission_form.html",
        {"ministry": ministry, "form": form, "items": items, "submission": submission},
    )


def _item_data(items: Any) -> list[Any]:
    return [f.data_object() for f in items if not f.is_blank()]


def _maybe_submit(request: HttpRequest, submission: Submission) -> None:
    if request.POST.get("go") == "submit":
        _submit_now(request, submission)
    else:
        messages.success(request, "Черновик сохранён.")


def _submit_now(request: HttpRequest, submission: Submission) -> None:
    round_ = do_submit(submission, actor=request.user)
    when = timezone.localtime(round_.due_at).strftime("%d.%m.%Y %H:%M") if round_.due_at else ""
    messages.success(request, f"Отправлено на согласование. Срок ответа — {when}.")


@approvals_view
def submission_detail(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    submission = get_submission(ministry, me, pk)
    return render(
        request, "approvals/detail.html", detail_context(request, ministry, me, submission)
    )


@require_POST
@approvals_view
def submission_submit(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    submission = get_submission(ministry, me, pk)
    need(submission.cur_org in me.submit_orgs)
    try:
        _submit_now(request, submission)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("approvals:detail", ministry=ministry.key, pk=pk)


@require_POST
@approvals_view
def submission_withdraw(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    submission = get_submission(ministry, me, pk)
    need(submission.cur_org in me.submit_orgs)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        do_withdraw(submission, actor=request.user, reason=reason)
        messages.success(request, "Материал отозван.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("approvals:detail", ministry=ministry.key, pk=pk)


@approvals_view
def submission_history(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    submission = get_submission(ministry, me, pk)
    events = timeline(submission, internal=me.oversee, now=timezone.now())
    return render(
        request,
        "approvals/history.html",
        {"ministry": ministry, "submission": submission, "events": events},
    )


@approvals_view
def round_document(
    request: HttpRequest, ministry: Ministry, me: Who, pk: int, number: int, fmt: str
) -> HttpResponseBase:
    submission = get_submission(ministry, me, pk)
    round_ = get_object_or_404(Round, submission=submission, number=number)
    if not round_.is_signed:
        raise Http404("Решение по этому раунду ещё не подписано")
    field = round_.pdf if fmt == "pdf" else round_.docx
    return download(field, f"remarks-{submission.pk}-{number}.{fmt}")


@approvals_view
def item_file(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponseBase:
    stored = get_object_or_404(ItemFile.objects.select_related("item"), pk=pk)
    get_submission(ministry, me, stored.item.submission_id)
    return download(stored.file, stored.name)
