"""Pages of the dialogue («Диалоги»), server-rendered, Russian."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from gospablik.orgs.access import WORKING_ROLES, Perm, memberships
from gospablik.orgs.models import Ministry
from gospablik.web.decorators import ministry_view

View = Callable[..., HttpResponse]


def _working_staff(user: Any, ministry: Ministry) -> None:
    if not any(m.role in WORKING_ROLES for m in memberships(user, ministry)):
        raise PermissionDenied("Недостаточно прав")


def dialogue_view(view: View) -> View:
    """A ministry page for its working staff (foreign ministry: 404, viewers: 403)."""
    return ministry_view(Perm.VIEW, door=_working_staff)(view)
