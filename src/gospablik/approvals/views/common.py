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


def approvals_view(view: View) -> View:
    """``view(request, ministry, me, ...)``; a ministry without approvals gets the notice."""

    @wraps(view)
    def wrapper(
        request: HttpRequest, ministry: Ministry, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        try:
            me = who(request.user, ministry)
        except ApprovalsOff:
            context = {"ministry": ministry, "message": OFF_MESSAGE}
            return render(request, "approvals/off.html", context, status=404)
        if not me.can_view:
            raise PermissionDenied("Недостаточно прав")
        return view(request, ministry, me, *args, **kwargs)

    # ministry_view is typed for HttpResponse; file downloads return a streaming response.
    return ministry_view()(cast("Callable[..., HttpResponse]", wrapper))


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
