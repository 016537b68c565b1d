"""The monthly on-time report of approvals and information requests, with XLSX export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gospablik.approvals.access import Who
from gospablik.approvals.forms import MonthForm
from gospablik.approvals.reports import monthly_report, report_xlsx
from gospablik.approvals.views.common import approvals_view, need
from gospablik.audit.log import record
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month(request: HttpRequest) -> tuple[MonthForm, int, int]:
    today = timezone.localdate()
    form = MonthForm(request.GET or {"month": f"{today:%Y-%m}"})
    year, month = form.cleaned_data["month"] if form.is_valid() else (today.year, today.month)
    return form, year, month


@approvals_view
def report(request: HttpRequest, ministry: Ministry, me: Who) -> HttpResponse:
    need(me.oversee)
    form, year, month = _month(request)
    rows = monthly_report(ministry, year, month, policy_for(ministry).tz(), timezone.now())
    context = {"ministry": ministry, "form": form, "rows": rows, "month": f"{year}-{month:02d}"}
    return render(request, "approvals/report.html", context)


@approvals_view
def report_export(request: HttpRequest, ministry: Ministry, me: Who) -> HttpResponse:
    need(me.oversee)
    _, year, month = _month(request)
    rows = monthly_report(ministry, year, month, policy_for(ministry).tz(), timezone.now())
    title = f"{ministry.name}: сроки согласования контента ЦУР за {month:02d}.{year}"
    record(
        "approvals.report.export",
        actor=request.user,
        ministry=ministry,
        object_type="approvals.report",
        object_id=f"{year}-{month:02d}",
        object_repr=title,
        after={"rows": len(rows)},
    )
    response = HttpResponse(report_xlsx(title, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="approvals-{year}-{month:02d}.xlsx"'
    return response
