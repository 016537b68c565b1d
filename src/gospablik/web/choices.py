"""Account selectors that stay small: a drop-down while a ministry has few accounts,
a search with its first matches once it has hundreds (a region has thousands)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gospablik.registry.models import Account

ACCOUNT_CHOICES = 200  # more accounts than this: the filter is a search, not a list
MATCHES = 50


def account_choices(
    accounts: QuerySet[Account], search: str, order: tuple[str, ...] = ("title", "pk")
) -> dict[str, Any]:
    """Template context: ``accounts`` (the list, or None for a search), ``account_q``
    and ``account_matches``."""
    ordered = accounts.order_by(*order)
    if ordered[: ACCOUNT_CHOICES + 1].count() <= ACCOUNT_CHOICES:
        return {"accounts": ordered, "account_q": "", "account_matches": []}
    query = search.strip()[:100]
    found = list(ordered.filter(title__icontains=query)[:MATCHES]) if query else []
    return {"accounts": None, "account_q": query, "account_matches": found}
