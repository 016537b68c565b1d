"""The response-time page: a week's figures overall and by account, network, organization."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.dialogue import metrics
from gospablik.dialogue.access import threads_for
from gospablik.dialogue.export import metrics_xlsx
from gospablik.dialogue.views import dialogue_view
from gospablik.dialogue.worktime import WorkingTime
from gospablik.networks.base import NETWORK_LABELS_RU
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for


@dialogue_view
def metrics_page(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    clock = WorkingTime.of(policy_for(ministry))
    current = metrics.week_of(timezone.now(), clock.tz)
    error = ""
    try:
        monday = metrics.parse_week(request.GET.get("week") or current)
    except ValueError as problem:
        error, monday = str(problem), metrics.parse_week(current)
    report = metrics.report(threads_for(request.user, ministry), monday, clock)
    for group in report["by_network"]:
        group["name"] = NETWORK_LABELS_RU.get(group["name"], group["name"])
    previous = _label(monday - timedelta(days=7))
    following = _label(monday + timedelta(days=7))
    return render(request, "dialogue/metrics.html", {
        "ministry": ministry, "report": report, "error": error,
        "previous": previous, "following": following,
    })  # fmt: skip


def _label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dialogue_view
def metrics_export(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    clock = WorkingTime.of(policy_for(ministry))
    try:
        now = metrics.week_of(timezone.now(), clock.tz)
        monday = metrics.parse_week(request.GET.get("week") or now)
    except ValueError as problem:
        return HttpResponse(str(problem), status=400, content_type="text/plain; charset=utf-8")
    report = metrics.report(threads_for(request.user, ministry), monday, clock)
    record("dialogue.metrics_export", actor=request.user, ministry=ministry,
           object_type="dialogue.metrics", object_id=report["week"],
           object_repr="Время ответа жителям (XLSX)")  # fmt: skip
    response = HttpResponse(metrics_xlsx(report), content_type=XLSX)
    name = f"dialogue-{ministry.key}-{report['week']}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
