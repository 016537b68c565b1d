"""The ministry's side: adding remarks, the signer's consolidation page and signing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gospablik.approvals import otp
from gospablik.approvals.access import Who, get_submission
from gospablik.approvals.actions.remarks import (
    do_add_remark,
    do_edit_remark,
    do_merge_remarks,
    do_set_remark_status,
)
from gospablik.approvals.actions.signing import do_sign_round
from gospablik.approvals.forms import RemarkForm, RemarkTextForm, SignForm
from gospablik.approvals.models import Remark, Submission
from gospablik.approvals.views.common import add_errors, approvals_view, need, round_sla
from gospablik.approvals.views.detail import detail_context, shown_remarks
from gospablik.orgs.models import Ministry


@require_POST
@approvals_view
def remark_add(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    submission = get_submission(ministry, me, pk)
    need(me.review)
    form = RemarkForm(request.POST, submission=submission)
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_add_remark(
                submission,
                actor=request.user,
                text=data["text"],
                anchor=data["anchor"],
                item=data["item"],
                file=data["file"],
                start=data["start"],
                end=data["end"],
                quote=data["quote"] or "",
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Замечание добавлено.")
            return redirect("approvals:detail", ministry=ministry.key, pk=pk)
    context = detail_context(request, ministry, me, submission, remark_form=form)
    return render(request, "approvals/detail.html", context, status=400)


OPS = {"edit", "merge", "drop", "restore"}


@approvals_view
def consolidate(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    """The signer sees every remark of the round, edits, merges or drops them, and signs."""
    submission = get_submission(ministry, me, pk)
    need(me.sign)
    op = request.POST.get("op", "")
    if request.method == "POST" and op in OPS:
        try:
            _apply(request, submission, op)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("approvals:consolidate", ministry=ministry.key, pk=pk)
    return _page(request, ministry, me, submission, SignForm())


def _apply(request: HttpRequest, submission: Submission, op: str) -> None:
    ids = [int(i) for i in request.POST.getlist("remark") if i.isdigit()]
    remarks = list(Remark.objects.filter(round__submission=submission, pk__in=ids))
    remarks.sort(key=lambda r: ids.index(r.pk))
    if not remarks:
        raise ValidationError("Не выбрано ни одного замечания")
    text = request.POST.get("text", "")
    if op == "edit":
        do_edit_remark(remarks[0], actor=request.user, text=text)
    elif op == "merge":
        do_merge_remarks(remarks, actor=request.user, text=text)
    else:
        status = Remark.Status.DROPPED if op == "drop" else Remark.Status.OPEN
        do_set_remark_status(
            remarks[0], actor=request.user, status=status, reason=request.POST.get("reason", "")
        )
    messages.success(request, "Перечень замечаний обновлён.")


@require_POST
@approvals_view
def sign(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    submission = get_submission(ministry, me, pk)
    need(me.sign)
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            round_ = do_sign_round(
                submission,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                otp_code=form.cleaned_data["otp"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"Решение № {round_.document_number} подписано и отправлено в ЦУР."
            )
            return redirect("approvals:detail", ministry=ministry.key, pk=pk)
    return _page(request, ministry, me, submission, form, status=400)


def _page(
    request: HttpRequest,
    ministry: Ministry,
    me: Who,
    submission: Submission,
    form: SignForm,
    status: int = 200,
) -> HttpResponse:
    rounds = list(submission.rounds.order_by("number"))
    current, remarks = shown_remarks(submission, me, rounds)
    takes = bool(
        current and not current.is_signed and submission.status == Submission.Status.SUBMITTED
    )
    context = {
        "ministry": ministry,
        "submission": submission,
        "current": current,
        "sla": round_sla(current),
        "remarks": remarks,
        "takes_remarks": takes,
        "form": form,
        "text_form": RemarkTextForm(),
        "has_otp": otp.has_device(request.user),
        "otp_setup_url": otp.setup_url(),
    }
    return render(request, "approvals/consolidate.html", context, status=status)
