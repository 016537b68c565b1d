"""The content plan: calendar, drafts, failures, drag-and-drop rescheduling."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from gospablik.content.actions import do_reschedule
from gospablik.content.compliance import compliance_rows
from gospablik.content.formats import FORMAT_LABELS_RU
from gospablik.content.models import Post, Publication
from gospablik.content.plan import (
    WEEKDAYS_RU,
    Filters,
    build_days,
    parse_anchor,
    span,
    title,
    weeks,
)
from gospablik.content.views.common import get_post, json_error, json_ok, messages_of
from gospablik.networks.base import NETWORK_LABELS_RU
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account
from gospablik.web.choices import account_choices
from gospablik.web.decorators import ministry_view

WEEK_ROWS_ACCOUNTS = 30


@ministry_view()
def plan(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    tz, today = policy_for(ministry).tz(), timezone.localdate()
    view = "month" if request.GET.get("view") == "month" else "week"
    anchor = parse_anchor(request.GET.get("date"), today)
    filters = Filters.of(request.GET)
    start, end, previous, following = span(view, anchor)
    days = build_days(ministry, view, anchor, filters, tz, today)
    accounts = Account.objects.filter(ministry=ministry).exclude(status=Account.Status.PLANNED)
    query = request.GET.copy()
    query.pop("date", None)
    return render(
        request,
        "content/plan.html",
        {
            "ministry": ministry,
            "view": view,
            "title": title(view, start, end, anchor),
            "weeks": weeks(days),
            "weekdays": [gettext(d) for d in WEEKDAYS_RU],
            "previous": previous.isoformat(),
            "following": following.isoformat(),
            "today": today.isoformat(),
            "filters": filters,
            "query": query.urlencode(),
            **account_choices(accounts, request.GET.get("account_q", ""), ("network", "title")),
            "networks": sorted(set(accounts.values_list("network", flat=True).distinct())),
            "network_labels": {k: gettext(v) for k, v in NETWORK_LABELS_RU.items()},
            "formats": {k: gettext(v) for k, v in FORMAT_LABELS_RU.items()},
            "statuses": Post.Status.choices,
            "rows": week_rows(ministry, start, end, filters, accounts),
            "drafts": Post.objects.filter(ministry=ministry, status=Post.Status.DRAFT)[:30],
            "failed": Post.objects.filter(ministry=ministry, status=Post.Status.FAILED)[:30],
            "can_edit": has_perm(request.user, ministry, Perm.CONTENT_EDIT),
        },
    )


def week_rows(
    ministry: Ministry, start: date, end: date, filters: Filters, accounts: QuerySet[Account]
) -> list[Any]:
    """The weekly counts by account: of the chosen account, or of the first accounts with
    publications (the compliance page has them all, with filters)."""
    chosen = filters.accounts(accounts)
    if not filters.account:
        active = Publication.objects.filter(
            account__in=chosen, post__publish_at__date__gte=start, post__publish_at__date__lte=end
        )
        chosen = chosen.filter(pk__in=active.values("account_id")[:WEEK_ROWS_ACCOUNTS])
    return compliance_rows(ministry, start, end, list(chosen), planned=True)


def moved(post: Post, raw_date: str, raw_time: str) -> datetime:
    """The post's local time of day on another date (or at ``raw_time``)."""
    day = date.fromisoformat(raw_date)
    current = timezone.localtime(post.publish_at) if post.publish_at else None
    at = time.fromisoformat(raw_time) if raw_time else (current.time() if current else time(10))
    return timezone.make_aware(datetime.combine(day, at.replace(second=0, microsecond=0)))


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def reschedule(request: HttpRequest, ministry: Ministry, pk: int) -> JsonResponse:
    post = get_post(ministry, pk)
    try:
        at = moved(post, request.POST.get("date", ""), request.POST.get("time", ""))
    except ValueError:
        return json_error(["Неверная дата"])
    try:
        do_reschedule(post, at, actor=request.user)
    except ValidationError as error:
        return json_error(messages_of(error))
    return json_ok(publish_at=timezone.localtime(at).isoformat())
