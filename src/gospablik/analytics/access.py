"""The one door to an account's statistics."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from gospablik.orgs.access import Perm, require
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account


def get_account_for_user(user: Any, ministry: Ministry, pk: int, perm: Perm = Perm.VIEW) -> Account:
    """404 for an account of another ministry, 403 without ``perm`` in this one."""
    require(user, ministry, perm)
    return get_object_or_404(Account.objects.select_related("ministry"), pk=pk, ministry=ministry)
