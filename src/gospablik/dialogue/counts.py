"""The menu's counts: open threads that need an answer, and how many are overdue."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from gospablik.dialogue.access import threads_for
from gospablik.dialogue.models import Thread


def dialogue_counts(user: Any, ministry: Any) -> dict[str, int] | None:
    threads = threads_for(user, ministry).filter(needs_answer=True, status__in=Thread.OPEN)
    counts = threads.aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=timezone.now()))
    )
    return counts if counts["open"] else None
