"""The approvals door for pages: ministry, policy switch, who the user is here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from gospablik.approvals.access import OFF_MESSAGE, ApprovalsOff, who
from gospablik.approvals.models import Round
from gospablik.approvals.sla import Sla, sla_of
from gospablik.orgs.models import Ministry
from gospablik.web.decorators import ministry_view

View = Callable[..., HttpResponseBase]


def _door(user: Any, ministry: Ministry) -> None:
    need(who(user, ministry).can_view)


def approvals_view(view: View) -> View:
    """``view(request, ministry, me, ...)``; a ministry without approvals gets the notice."""

    @wraps(view)
    def inner(
        request: HttpRequest, ministry: Ministry, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        return view(request, ministry, who(request.user, ministry), *args, **kwargs)

    # ministry_view is typed for HttpResponse; file downloads return a streaming response.
    gated = ministry_view(door=_door)(cast("Callable[..., HttpResponse]", inner))

    @wraps(gated)
    def shown(request: HttpRequest, ministry: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return gated(request, ministry, *args, **kwargs)
        except ApprovalsOff:
            context = {"ministry": Ministry.objects.get(key=ministry), "message": OFF_MESSAGE}
            return render(request, "approvals/off.html", context, status=404)

    return cast("View", shown)


def need(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Недостаточно прав")


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def round_sla(round_: Round | None) -> Sla:
    if round_ is None:
        return Sla("", "")
    return sla_of(round_.due_at, round_.decided_at, timezone.now())


def download(field: Any, filename: str) -> FileResponse:
    """A stored file as an attachment (never rendered inline: uploads are untrusted)."""
    if not field:
        raise Http404("Файла нет")
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/octet-stream",
    )
