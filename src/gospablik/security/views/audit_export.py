"""Export of the audit log for an inspection (heads and security officers)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gospablik.audit.log import record
from gospablik.orgs.access import Perm
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.security.auditexport import entries_for, to_csv, to_xlsx
from gospablik.security.forms import AuditExportForm
from gospablik.web.decorators import ministry_view

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@ministry_view(Perm.AUDIT_VIEW)
def audit_export(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    form = AuditExportForm(request.GET or None)
    if not form.is_valid():
        return render(request, "security/audit_export.html", {"ministry": ministry, "form": form})
    data = form.cleaned_data
    entries = entries_for(ministry, data["date_from"], data["date_to"], policy_for(ministry).tz())
    record(
        "audit.export",
        actor=request.user,
        ministry=ministry,
        object_type="audit",
        object_id=data["fmt"],
        object_repr=f"Выгрузка журнала аудита ({data['fmt']})",
        after={
            "from": str(data["date_from"] or ""),
            "to": str(data["date_to"] or ""),
            "rows": entries.count(),
        },
    )
    body = to_xlsx(entries) if data["fmt"] == "xlsx" else to_csv(entries)
    response = HttpResponse(body, content_type=TYPES[data["fmt"]])
    response["Content-Disposition"] = f'attachment; filename="audit-{ministry.key}.{data["fmt"]}"'
    return response
