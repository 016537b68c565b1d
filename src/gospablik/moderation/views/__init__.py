"""Pages of the moderation module (Russian, server-rendered)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from gospablik.moderation.models import Comment
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.web.decorators import ministry_view

READ = (Perm.MODERATE, Perm.MODERATION_OVERSEE)
View = Callable[..., HttpResponse]


def moderation_view(*perms: Perm) -> Callable[[View], View]:
    """A ministry page for users holding any of ``perms`` (foreign ministry: 404, else 403)."""

    def door(user: Any, ministry: Ministry) -> None:
        if not any(has_perm(user, ministry, perm) for perm in perms):
            raise PermissionDenied("Недостаточно прав")

    return ministry_view(Perm.VIEW, door=door)


def abilities(request: HttpRequest, ministry: Ministry) -> dict[str, bool]:
    user = request.user
    return {
        "can_moderate": has_perm(user, ministry, Perm.MODERATE),
        "can_edit_rules": has_perm(user, ministry, Perm.MODERATION_RULES_EDIT),
    }


def get_comment(ministry: Ministry, pk: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("account", "verdict"), pk=pk, ministry=ministry
    )
