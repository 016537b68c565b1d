"""«В контент-план»: one click turns approved content into posts of the content plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from gospablik.approvals.access import Who, get_submission
from gospablik.approvals.actions.plan import to_content_plan
from gospablik.approvals.views.common import approvals_view, need
from gospablik.orgs.models import Ministry


@require_POST
@approvals_view
def to_plan(request: HttpRequest, ministry: Ministry, me: Who, pk: int) -> HttpResponse:
    submission = get_submission(ministry, me, pk)
    need(me.review)
    try:
        result = to_content_plan(submission, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("approvals:detail", ministry=ministry.key, pk=pk)
    messages.success(
        request,
        f"В контент-план передано публикаций: {len(result.posts)}, "
        f"запланировано: {len(result.scheduled)}.",
    )
    for note in result.notes:
        messages.warning(request, note)
    return redirect("approvals:detail", ministry=ministry.key, pk=pk)
