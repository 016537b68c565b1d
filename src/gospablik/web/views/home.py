from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gospablik.audit.log import verify
from gospablik.audit.models import AuditEntry
from gospablik.duties.models import Duty
from gospablik.orgs.access import Perm, has_perm, memberships, ministries_for, user_orgs
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.web.audit_filters import AuditFilterForm
from gospablik.web.decorators import ministry_view
from gospablik.web.keyset import Order, keyset_page

SOONEST = Order("due_at", nullable=True)
LATEST_SEQ = Order("seq", descending=True)
NEWEST = Order("created_at", descending=True)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    ministries = list(ministries_for(request.user))
    if len(ministries) == 1:
        return redirect("web:board", ministry=ministries[0].key)
    return render(request, "web/home.html", {"ministries": ministries})


@ministry_view()
def board(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    """Open duties of my organizations (all of the ministry for heads), soonest first."""
    show_all = request.GET.get("all") == "1" and has_perm(request.user, ministry, Perm.AUDIT_VIEW)
    duties = Duty.objects.filter(ministry=ministry, status=Duty.Status.OPEN)
    if not show_all and not _is_ministry_member(request, ministry):
        duties = duties.filter(owner_org__in=user_orgs(request.user, ministry))
    page = keyset_page(duties.select_related("owner_org"), SOONEST, request.GET.get("cursor"))
    recent = Duty.objects.filter(ministry=ministry).exclude(status=Duty.Status.OPEN)
    return render(
        request,
        "web/board.html",
        {
            "ministry": ministry,
            "duties": page,
            "page": page,
            "query": "all=1" if show_all else "",
            "now": timezone.now(),
            "show_all": show_all,
            "can_see_all": has_perm(request.user, ministry, Perm.AUDIT_VIEW),
            "recent": recent.order_by("-done_at")[:10],
        },
    )


def _is_ministry_member(request: HttpRequest, ministry: Ministry) -> bool:
    return memberships(request.user, ministry).filter(organization__kind="ministry").exists()


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = request.user.notifications.select_related("duty", "duty__ministry")  # type: ignore[union-attr]
    page = keyset_page(items, NEWEST, request.GET.get("cursor"))
    return render(request, "web/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())  # type: ignore[union-attr]
    return redirect("web:notifications")


@ministry_view(Perm.AUDIT_VIEW)
def audit_log(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    entries = AuditEntry.objects.filter(ministry=ministry)
    form = AuditFilterForm(request.GET or None, ministry)
    entries = form.apply(entries, policy_for(ministry).tz())
    page = keyset_page(entries.select_related("actor"), LATEST_SEQ, request.GET.get("cursor"))
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {"ministry": ministry, "page": page, "form": form, "query": query.urlencode()}
    return render(request, "web/audit.html", context)


@require_POST
@ministry_view(Perm.AUDIT_VIEW)
def audit_verify(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    """Run the chain verification (the same check as «gospablik audit verify»)."""
    result = verify()
    if result.ok:
        messages.success(
            request,
            ngettext(
                "Цепочка журнала цела: проверена %(n)d запись.",
                "Цепочка журнала цела: проверено %(n)d записей.",
                result.checked,
            )
            % {"n": result.checked},
        )
    else:
        messages.error(
            request, _("Цепочка журнала нарушена: %(problem)s") % {"problem": result.problem}
        )
    return redirect("web:audit", ministry=ministry.key)


@ministry_view(Perm.MEMBERS_VIEW)
def people(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    orgs = ministry.organizations.prefetch_related("memberships__user")
    return render(request, "web/people.html", {"ministry": ministry, "orgs": orgs})
