"""The ministry door for views: resolves the ministry in the URL with a permission.

The same door answers the menu (:func:`may_open`): a view's ``opens(user, ministry)``
runs exactly the checks its request would run, so the menu never shows a page that
would answer 403 and never keeps a second copy of the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

from gospablik.orgs.access import Perm, get_ministry_for_user, require
from gospablik.orgs.models import Ministry
from gospablik.policy.store import NoPolicy, policy_for

View = Callable[..., HttpResponse]
# A further check of a module (its own rule on top of the permission): raises
# PermissionDenied or Http404 when the user may not open the module's pages.
Door = Callable[[Any, Ministry], None]


def ministry_view(perm: Perm = Perm.VIEW, *, door: Door | None = None) -> Callable[[View], View]:
    def check(user: Any, ministry: Ministry) -> None:
        require(user, ministry, perm)
        if door is not None:
            door(user, ministry)

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, ministry: str, *args: Any, **kwargs: Any) -> HttpResponse:
            obj = get_ministry_for_user(request.user, ministry, perm)
            if door is not None:
                door(request.user, obj)
            try:
                timezone.activate(policy_for(obj).tz())
            except NoPolicy:
                timezone.deactivate()
            return view(request, obj, *args, **kwargs)

        wrapper.opens = _opens(check)  # type: ignore[attr-defined]
        return wrapper

    return decorate


def _opens(check: Door) -> Callable[[Any, Ministry], bool]:
    def opens(user: Any, ministry: Ministry) -> bool:
        try:
            check(user, ministry)
        except (PermissionDenied, Http404):
            return False
        return True

    return opens


def may_open(user: Any, ministry: Ministry | None, url: str) -> bool:
    """Whether ``user`` may open the page at ``url`` (the view's own door decides)."""
    try:
        func = resolve(url.split("?", 1)[0]).func
    except Resolver404:
        return False
    opens = getattr(func, "opens", None)
    if opens is None or ministry is None:
        return True
    return bool(opens(user, ministry))
