"""The resident's card: comments and messages across the ministry's accounts on a network."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gospablik.dialogue.access import threads_for
from gospablik.dialogue.views import dialogue_view
from gospablik.moderation.models import Sanction
from gospablik.orgs.models import Ministry

LIMIT = 200


@dialogue_view
def person_page(
    request: HttpRequest, ministry: Ministry, network: str, author: str
) -> HttpResponse:
    threads = (
        threads_for(request.user, ministry)
        .filter(network=network, author_id=author)
        .select_related("account", "comment", "message", "assignee")
        .order_by("-received_at", "-id")
    )
    rows = list(threads[:LIMIT])
    if not rows:
        raise Http404("Нет такого жителя")
    sanctions = Sanction.objects.filter(
        offender__ministry=ministry, offender__network=network, offender__author_id=author
    )[:50]
    return render(request, "dialogue/person.html", {
        "ministry": ministry,
        "rows": rows,
        "name": rows[0].author_name,
        "network": network,
        "open": sum(1 for r in rows if r.is_open),
        "answers": sum(r.answers.count() for r in rows[:50]),
        "sanctions": sanctions,
        "truncated": len(rows) == LIMIT,
    })  # fmt: skip
