"""All comments, and one comment with its versions, archive copies and history."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gospablik.audit.models import AuditEntry
from gospablik.moderation.actions import DecisionError, restore
from gospablik.moderation.forms import DecisionForm, ReasonForm
from gospablik.moderation.highlight import highlighted
from gospablik.moderation.models import Comment, Sanction
from gospablik.moderation.views import READ, abilities, get_comment, moderation_view
from gospablik.moderation.views.queue import card
from gospablik.networks.base import Capability
from gospablik.networks.connections import capabilities_of
from gospablik.orgs.access import Perm
from gospablik.orgs.models import Ministry
from gospablik.web.keyset import Order, keyset_page

NEWEST = Order("received_at", descending=True)


@moderation_view(*READ)
def comment_list(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    items = Comment.objects.filter(ministry=ministry).select_related("account", "verdict")
    status = request.GET.get("status", "")
    if status in Comment.Status.values:
        items = items.filter(status=status)
    page = keyset_page(items, NEWEST, request.GET.get("cursor"))
    return render(
        request,
        "moderation/comments.html",
        {
            "ministry": ministry,
            "page": page,
            "status": status,
            "statuses": Comment.Status.choices,
            "query": f"status={status}" if status else "",
        },
    )


@moderation_view(*READ)
def comment_detail(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    comment = get_comment(ministry, pk)
    archives = list(comment.archives.order_by("-pk"))
    restorable = any(a.restored_at is None and a.network_failed_at is None for a in archives)
    history = AuditEntry.objects.filter(
        object_type=Comment._meta.label_lower, object_id=str(comment.pk)
    ).order_by("seq")
    return render(
        request,
        "moderation/comment_detail.html",
        {
            "ministry": ministry,
            "item": card(comment),
            "c": comment,
            "versions": [
                (v, highlighted(v.text, v.findings))
                for v in comment.classifications.order_by("-version", "-pk")
            ],
            "archives": archives,
            "sanctions": Sanction.objects.filter(comment=comment).select_related("offender"),
            "can_restore": restorable,
            "network_restores": Capability.RESTORE_COMMENT in capabilities_of(comment.network),
            "history": history,
            "decision_form": DecisionForm(),
            "restore_form": ReasonForm(),
            **abilities(request, ministry),
        },
    )


@require_POST
@moderation_view(Perm.MODERATE)
def comment_restore(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    comment = get_comment(ministry, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите основание восстановления")
    else:
        try:
            restore(comment, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, "Комментарий восстановлен")
        except DecisionError as error:
            messages.error(request, str(error))
    return redirect("moderation:comment", ministry=ministry.key, pk=pk)
