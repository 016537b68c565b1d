"""Second factor enforcement for every page and session-authenticated API call.

A person who has enrolled a device must enter a code after the password; a person whose
role requires the second factor and who has none is sent to enrol. Until then only the
login, logout and second-factor pages (and static files, webhooks) open.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from gospablik.security.actor import CurrentActorMiddleware
from gospablik.security.twofactor import second_factor_step

__all__ = ["CurrentActorMiddleware", "RequireTwoFactorMiddleware"]
OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/hooks/")


def needed_step(request: HttpRequest) -> str:
    """ "" when the request may proceed, else the name of the page that must come first."""
    if request.path.startswith(OPEN_PREFIXES):  # before the user: hooks carry no session
        return ""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    return second_factor_step(user, verified=bool(getattr(user, "is_verified", lambda: False)()))


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = needed_step(request)
        if not step:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Требуется второй фактор входа."}, status=403)
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
