"""«Диалоги»: the inbox of threads with filters, search and keyset pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gospablik.dialogue import inbox
from gospablik.dialogue.access import threads_for
from gospablik.dialogue.models import Thread
from gospablik.dialogue.views import dialogue_view
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account
from gospablik.registry.networks import NETWORK_CHOICES


@dialogue_view
def inbox_page(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    threads = threads_for(request.user, ministry).select_related(
        "account", "comment", "message", "assignee"
    )
    found = inbox.page(
        inbox.filtered(threads, request.GET, request.user), request.GET.get("after", "")
    )
    params = request.GET.copy()
    params.pop("after", None)
    group = request.GET.get("by", "")
    return render(request, "dialogue/inbox.html", {
        "ministry": ministry,
        "rows": found.rows,
        "next_cursor": found.next_cursor,
        "query": params.urlencode(),
        "params": request.GET,
        "group": group if group in ("post", "person") else "",
        "now": timezone.now(),
        "accounts": Account.objects.filter(ministry=ministry).order_by("title")[:200],
        "networks": sorted(NETWORK_CHOICES),
        "statuses": [("open", _("открытые")), *Thread.Status.choices, ("all", _("все"))],
        "categories": Thread.Category.choices,
    })  # fmt: skip
