"""Pages of the dialogue («Диалоги»), server-rendered, Russian."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from gospablik.orgs.access import WORKING_ROLES, Perm, memberships
from gospablik.orgs.models import Ministry
from gospablik.web.decorators import ministry_view

View = Callable[..., HttpResponse]


def dialogue_view(view: View) -> View:
    """A ministry page for its working staff (foreign ministry: 404, viewers: 403)."""

    @wraps(view)
    def checked(
        request: HttpRequest, ministry: Ministry, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        if not any(m.role in WORKING_ROLES for m in memberships(request.user, ministry)):
            raise PermissionDenied("Недостаточно прав")
        return view(request, ministry, *args, **kwargs)

    return ministry_view(Perm.VIEW)(checked)
