"""The inbox query: filters and keyset pagination over threads (pages never grow)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from gospablik.dialogue.models import Thread
from gospablik.dialogue.search import matching

PAGE = 50
SHOWN = ("account", "comment", "message", "assignee")
OPEN_FILTER = "open"


@dataclass(frozen=True)
class Page:
    rows: list[Thread]
    next_cursor: str


def filtered(qs: QuerySet[Thread], params: Any, user: Any) -> QuerySet[Thread]:
    """Apply the inbox filters; unknown values are ignored (the form shows what applied)."""
    status = params.get("status") or "open"
    if status in Thread.Status.values:
        qs = qs.filter(status=status)
    elif status == OPEN_FILTER:
        qs = qs.filter(status__in=Thread.OPEN)
    qs = _simple(qs, params)
    assignee = params.get("assignee") or ""
    if assignee == "me":
        qs = qs.filter(assignee=user)
    elif assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    if params.get("overdue") == "1":
        qs = qs.filter(status__in=Thread.OPEN, due_at__lt=timezone.now())
    query = (params.get("q") or "").strip()
    if query:
        qs = qs.filter(matching(query))
    return qs


def _simple(qs: QuerySet[Thread], params: Any) -> QuerySet[Thread]:
    account = params.get("account") or ""
    if account.isdigit():
        qs = qs.filter(account_id=int(account))
    if params.get("network"):
        qs = qs.filter(network=params["network"])
    if params.get("category") in Thread.Category.values:
        qs = qs.filter(category=params["category"])
    if params.get("kind") in Thread.Kind.values:
        qs = qs.filter(kind=params["kind"])
    post = params.get("post") or ""
    if post:
        qs = qs.filter(post_id=post)
    person = params.get("person") or ""
    if person:
        qs = qs.filter(author_id=person)
    return qs


def page(qs: QuerySet[Thread], cursor: str = "", size: int = PAGE) -> Page:
    """Newest first; ``cursor`` is the last row of the previous page ("<iso>|<id>")."""
    after = _cursor(cursor)
    if after is not None:
        moment, pk = after
        qs = qs.filter(Q(received_at__lt=moment) | Q(received_at=moment, id__lt=pk))
    # Two steps: the page's ids from the thread table alone (an index walk, no joins),
    # then those rows with what the page shows.
    ids = list(qs.order_by("-received_at", "-id").values_list("pk", flat=True)[: size + 1])
    more = len(ids) > size
    by_id = qs.model.objects.filter(pk__in=ids[:size]).select_related(*SHOWN).in_bulk()
    rows = [by_id[pk] for pk in ids[:size] if pk in by_id]
    last = rows[-1] if rows and more else None
    return Page(rows, f"{last.received_at.isoformat()}|{last.pk}" if last else "")


def _cursor(value: str) -> tuple[datetime, int] | None:
    moment, _, pk = value.partition("|")
    parsed = parse_datetime(moment) if moment else None
    if parsed is None or not pk.isdigit():
        return None
    return parsed, int(pk)


def next_thread(qs: QuerySet[Thread], thread: Thread) -> Thread | None:
    """The thread after ``thread`` in inbox order (the keyboard's "next")."""
    older = Q(received_at__lt=thread.received_at) | Q(
        received_at=thread.received_at, id__lt=thread.pk
    )
    return qs.filter(older).order_by("-received_at", "-id").first()
