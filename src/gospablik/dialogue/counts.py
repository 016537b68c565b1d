"""The menu's counts: open threads that need an answer, and how many are overdue.

Counted up to :data:`LIMIT` (the menu shows "999+"): the menu never grows with the data.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from gospablik.dialogue.access import threads_for
from gospablik.dialogue.models import Thread

LIMIT = 1000


def dialogue_counts(user: Any, ministry: Any) -> dict[str, str] | None:
    threads = threads_for(user, ministry).filter(needs_answer=True, status__in=Thread.OPEN)
    open_ = _bounded(threads)
    if not open_:
        return None
    overdue = _bounded(threads.filter(due_at__lt=timezone.now()))
    return {"open": _label(open_), "overdue": _label(overdue) if overdue else ""}


def _bounded(qs: Any) -> int:
    return len(qs.order_by().values_list("pk", flat=True)[:LIMIT])


def _label(count: int) -> str:
    return f"{LIMIT - 1}+" if count >= LIMIT else str(count)
