"""Takeover alerts: the list and one alert with its resolution."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.security.alerts import OUTCOMES, do_resolve_alert
from gospablik.security.forms import ResolveForm
from gospablik.security.models import Alert
from gospablik.web.decorators import ministry_view


@ministry_view(Perm.SECURITY_VIEW)
def alert_list(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    alerts = Alert.objects.filter(ministry=ministry).select_related("account")
    state = request.GET.get("state", "open")
    if state == "open":
        alerts = alerts.filter(resolved_at__isnull=True)
    page = Paginator(alerts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "security/alerts.html",
        {
            "ministry": ministry,
            "page": page,
            "state": state,
            "query": f"state={state}",
        },
    )


@ministry_view(Perm.SECURITY_VIEW)
def alert_detail(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    alert = get_object_or_404(
        Alert.objects.select_related("account", "duty", "resolved_by"), pk=pk, ministry=ministry
    )
    can_manage = has_perm(request.user, ministry, Perm.SECURITY_MANAGE)
    form = ResolveForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Недостаточно прав")
        if form.is_valid() and alert.is_open:
            do_resolve_alert(alert, actor=request.user, **form.cleaned_data)
            messages.success(request, "Оповещение разобрано.")
            return redirect("security:alert", ministry=ministry.key, pk=alert.pk)
    return render(
        request,
        "security/alert.html",
        {
            "ministry": ministry,
            "alert": alert,
            "form": form if can_manage else None,
            "outcome": OUTCOMES.get(alert.outcome, ""),
        },
    )
