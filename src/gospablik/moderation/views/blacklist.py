"""The blacklist: sanctions by author, unban, appeals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gospablik.audit.models import AuditEntry
from gospablik.moderation.bans import unban_on_networks
from gospablik.moderation.forms import AppealDecisionForm, AppealForm, ReasonForm
from gospablik.moderation.ladder import do_decide_appeal, do_file_appeal, do_lift
from gospablik.moderation.models import Sanction
from gospablik.moderation.views import READ, abilities, moderation_view
from gospablik.orgs.access import Perm
from gospablik.orgs.models import Ministry


def get_sanction(ministry: Ministry, pk: int) -> Sanction:
    return get_object_or_404(
        Sanction.objects.select_related("offender", "comment"), pk=pk, offender__ministry=ministry
    )


@moderation_view(*READ)
def blacklist(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    sanctions = Sanction.objects.filter(offender__ministry=ministry).select_related("offender")
    only = request.GET.get("only", "")
    now = timezone.now()
    if only == "in_force":
        sanctions = sanctions.filter(action=Sanction.Action.BAN, status=Sanction.Status.ACTIVE)
        sanctions = sanctions.exclude(until__lte=now)
    elif only == "appeals":
        sanctions = sanctions.filter(appeal=Sanction.Appeal.PENDING)
    else:
        only = ""
    page = Paginator(sanctions.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/blacklist.html",
        {"ministry": ministry, "page": page, "only": only, "now": now,
         "query": f"only={only}" if only else ""},
    )  # fmt: skip


@moderation_view(*READ)
def sanction_detail(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    sanction = get_sanction(ministry, pk)
    history = AuditEntry.objects.filter(
        object_type=Sanction._meta.label_lower, object_id=str(sanction.pk)
    ).order_by("seq")
    earlier = sanction.offender.sanctions.exclude(pk=sanction.pk).order_by("-created_at")
    return render(
        request,
        "moderation/sanction_detail.html",
        {
            "ministry": ministry,
            "s": sanction,
            "earlier": earlier,
            "history": history,
            "in_force": sanction.in_force(),
            "lift_form": ReasonForm(),
            "appeal_form": AppealForm(),
            "appeal_decision_form": AppealDecisionForm(),
            **abilities(request, ministry),
        },
    )


def _act(
    request: HttpRequest,
    ministry: Ministry,
    pk: int,
    form: Any,
    act: Callable[[Sanction, dict[str, Any]], Any],
) -> HttpResponse:
    sanction = get_sanction(ministry, pk)
    if not form.is_valid():
        messages.error(request, "Заполните форму")
    else:
        try:
            act(sanction, form.cleaned_data)
        except ValueError as error:
            messages.error(request, str(error))
    return redirect("moderation:sanction", ministry=ministry.key, pk=pk)


def _unban(request: HttpRequest, sanction: Sanction) -> None:
    sanction.refresh_from_db()
    errors = unban_on_networks(sanction)
    for error in errors:
        messages.error(request, f"Снять блокировку в соцсети не удалось: {error}")
    if not errors:
        messages.success(request, "Санкция снята")


@require_POST
@moderation_view(Perm.MODERATE)
def sanction_lift(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    def act(s: Sanction, data: dict[str, Any]) -> None:
        _unban(request, do_lift(s, actor=request.user, reason=data["reason"]))

    return _act(request, ministry, pk, ReasonForm(request.POST), act)


@require_POST
@moderation_view(Perm.MODERATE)
def sanction_appeal(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    def act(s: Sanction, data: dict[str, Any]) -> None:
        do_file_appeal(s, actor=request.user, text=data["text"])
        messages.success(request, "Обжалование записано")

    return _act(request, ministry, pk, AppealForm(request.POST), act)


@require_POST
@moderation_view(Perm.MODERATE)
def sanction_appeal_decision(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    def act(s: Sanction, data: dict[str, Any]) -> None:
        decided = do_decide_appeal(
            s, actor=request.user, granted=data["granted"], note=data["note"]
        )
        if data["granted"]:
            _unban(request, decided)
        else:
            messages.success(request, "Обжалование отклонено")

    return _act(request, ministry, pk, AppealDecisionForm(request.POST), act)
