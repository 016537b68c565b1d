"""The review queue: oldest first, highlighted spans, one-key and bulk decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gospablik.moderation.actions import DecisionError, decide
from gospablik.moderation.forms import BulkDecisionForm, DecisionForm
from gospablik.moderation.highlight import highlighted
from gospablik.moderation.labels import category_label
from gospablik.moderation.models import Comment
from gospablik.moderation.views import READ, abilities, get_comment, moderation_view
from gospablik.orgs.access import Perm
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account
from gospablik.web.choices import account_choices
from gospablik.web.keyset import Order, keyset_page

OLDEST = Order("received_at")
SHOWN_SCORE = 0.05
DONE = {"delete": "удалён", "keep": "оставлен", "ban": "удалён, автору назначена санкция"}


def card(comment: Comment) -> dict[str, Any]:
    """What the queue and the detail page show of a comment."""
    verdict = comment.verdict
    findings = verdict.findings if verdict is not None and verdict.text == comment.text else []
    return {
        "comment": comment,
        "html": highlighted(comment.text, findings),
        "findings": [
            {"explanation": f["explanation"], "rules": sorted({s["rule"] for s in f["spans"]})}
            for f in findings
        ],
        "labels": [category_label(c) for c in (verdict.labels if verdict else [])],
        "scores": [
            (category_label(name), score)
            for name, score in sorted(
                (verdict.scores if verdict else {}).items(), key=lambda kv: -kv[1]
            )
            if score >= SHOWN_SCORE
        ],
        "rules": verdict.rules if verdict else [],
        "overdue": comment.review_due_at is not None and comment.review_due_at < timezone.now(),
    }


@moderation_view(*READ)
def queue(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    items = Comment.objects.filter(ministry=ministry, status=Comment.Status.REVIEW)
    account = request.GET.get("account", "")
    account = account if account.isdigit() else ""
    if account:
        items = items.filter(account_id=int(account))
    page = keyset_page(
        items.select_related("account", "verdict"), OLDEST, request.GET.get("cursor")
    )
    accounts = Account.objects.filter(ministry=ministry)
    return render(
        request,
        "moderation/queue.html",
        {
            "ministry": ministry,
            "page": page,
            "cards": [card(c) for c in page],
            **account_choices(accounts, request.GET.get("account_q", "")),
            "account": account,
            "query": f"account={account}" if account else "",
            **abilities(request, ministry),
        },
    )


@require_POST
@moderation_view(Perm.MODERATE)
def decide_one(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    comment = get_comment(ministry, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Неизвестное решение")
    else:
        _decide(request, comment, form.cleaned_data["decision"], form.cleaned_data["reason"])
    if request.POST.get("next") == "detail":
        return redirect("moderation:comment", ministry=ministry.key, pk=pk)
    return redirect("moderation:queue", ministry=ministry.key)


def _decide(request: HttpRequest, comment: Comment, decision: str, reason: str) -> bool:
    try:
        decide(comment, decision, actor=request.user, reason=reason)
    except DecisionError as error:
        messages.error(request, f"Комментарий {comment.network_comment_id}: {error}")
        return False
    comment.refresh_from_db()
    note = f" ({comment.network_note})" if comment.network_note else ""
    messages.success(request, f"Комментарий {comment.network_comment_id} {DONE[decision]}{note}")
    return True


@require_POST
@moderation_view(Perm.MODERATE)
def decide_bulk(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    ids = list(
        Comment.objects.filter(
            ministry=ministry, pk__in=_ints(request.POST.getlist("ids"))
        ).values_list("pk", flat=True)
    )
    form = BulkDecisionForm(request.POST, ids=ids)
    if not form.is_valid() or not form.cleaned_data["ids"]:
        messages.error(request, "Отметьте комментарии и выберите решение")
        return redirect("moderation:queue", ministry=ministry.key)
    for pk in form.cleaned_data["ids"]:
        _decide(
            request,
            get_comment(ministry, pk),
            form.cleaned_data["decision"],
            form.cleaned_data["reason"],
        )
    return redirect("moderation:queue", ministry=ministry.key)


def _ints(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]
