"""The moderation report per account and period, with XLSX export."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.moderation.forms import ReportForm
from gospablik.moderation.reports import build_report, report_xlsx
from gospablik.moderation.views import READ, moderation_view
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


SHOWN_ROWS = 300


def _form(request: HttpRequest, ministry: Ministry) -> ReportForm:
    today = timezone.localdate()
    initial = {"since": (today - timedelta(days=29)).isoformat(), "until": today.isoformat()}
    data = request.GET if "since" in request.GET else initial
    return ReportForm(data, ministry=ministry)


@moderation_view(*READ)
def report_page(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    form = _form(request, ministry)
    report = None
    if form.is_valid():
        d = form.cleaned_data
        report = build_report(
            ministry, d["since"], d["until"], policy_for(ministry).tz(), d["account"]
        )
    rows = report.rows if report else []
    return render(
        request,
        "moderation/report.html",
        {
            "ministry": ministry,
            "form": form,
            "report": report,
            "rows": rows[:SHOWN_ROWS],  # issue 18: the XLSX has every account
            "more_rows": max(0, len(rows) - SHOWN_ROWS),
            "query": request.GET.urlencode(),
        },
    )


@moderation_view(*READ)
def report_export(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    form = _form(request, ministry)
    if not form.is_valid():
        return HttpResponse("Неверный период", status=400, content_type="text/plain; charset=utf-8")
    d = form.cleaned_data
    report = build_report(ministry, d["since"], d["until"], policy_for(ministry).tz(), d["account"])
    record(
        "moderation.report_export",
        actor=request.user,
        ministry=ministry,
        object_type="moderation.report",
        object_id=f"{d['since']}..{d['until']}",
        object_repr="Отчёт о модерации (XLSX)",
        after={"rows": len(report.rows)},
    )
    response = HttpResponse(report_xlsx(report), content_type=XLSX)
    name = f"moderation-{ministry.key}-{d['since']}-{d['until']}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
