"""Compliance with the regulation per account and week, on screen and as XLSX."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.content.compliance import WeekRow, compliance_rows, compliance_xlsx
from gospablik.dialogue.report import account_figures
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.web.decorators import ministry_view

DEFAULT_WEEKS = 8
MAX_WEEKS = 104
# issue 18: the page shows what needs attention; the XLSX has every account and week
SHOWN_ROWS = 300
SHOW = {
    "active": lambda row: row.total > 0,
    "over": lambda row: not row.within_cap,
    "all": lambda row: True,
}


def _date(raw: str | None, default: date) -> date:
    try:
        return date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


def period(request: HttpRequest) -> tuple[date, date]:
    today = timezone.localdate()
    last = _date(request.GET.get("to"), today)
    first = _date(request.GET.get("from"), last - timedelta(weeks=DEFAULT_WEEKS - 1))
    first = max(min(first, last), last - timedelta(weeks=MAX_WEEKS))
    return first, last


def _rows(request: HttpRequest, ministry: Ministry) -> tuple[date, date, list[WeekRow]]:
    first, last = period(request)
    return first, last, compliance_rows(ministry, first, last)


@ministry_view()
def compliance(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    first, last, rows = _rows(request, ministry)
    policy = policy_for(ministry)
    show = request.GET.get("show", "")
    show = show if show in SHOW else "active"
    wanted = [row for row in rows if SHOW[show](row)]
    return render(
        request,
        "content/compliance.html",
        {
            "ministry": ministry,
            "rows": wanted[:SHOWN_ROWS],
            "more_rows": max(0, len(wanted) - SHOWN_ROWS),
            "show": show,
            "first": first,
            "last": last,
            "cap": policy.repost_cap,
            "query": request.GET.urlencode(),
            "can_edit": has_perm(request.user, ministry, Perm.CONTENT_EDIT),
            "dialogue": account_figures(ministry, first, last),
        },
    )


@ministry_view()
def compliance_export(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    first, last, rows = _rows(request, ministry)
    record(
        "content.compliance.export",
        actor=request.user,
        ministry=ministry,
        object_type="content.compliance",
        object_id=f"{first}..{last}",
        object_repr="Выгрузка соблюдения Порядка (XLSX)",
        after={"rows": len(rows)},
    )
    response = HttpResponse(
        compliance_xlsx(rows, account_figures(ministry, first, last)),
        content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )
    name = f"compliance-{ministry.key}-{first}-{last}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
