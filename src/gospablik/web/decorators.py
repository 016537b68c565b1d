"""The ministry door for views: resolves the ministry in the URL with a permission."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from gospablik.orgs.access import Perm, get_ministry_for_user
from gospablik.policy.store import NoPolicy, policy_for

View = Callable[..., HttpResponse]


def ministry_view(perm: Perm = Perm.VIEW) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, ministry: str, *args: Any, **kwargs: Any) -> HttpResponse:
            obj = get_ministry_for_user(request.user, ministry, perm)
            try:
                timezone.activate(policy_for(obj).tz())
            except NoPolicy:
                timezone.deactivate()
            return view(request, obj, *args, **kwargs)

        return wrapper

    return decorate
