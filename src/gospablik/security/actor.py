"""Who is acting in the current request, for audit entries written by signal handlers.

Actions take their actor as an argument; signal handlers (a connection's keys saved, a
membership changed, a second-factor device added) cannot, so the request's user is kept
here for the duration of the request. Outside a request (Celery, CLI) it is None.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_request: ContextVar[HttpRequest | None] = ContextVar("gospablik_request", default=None)


def current_actor() -> Any:
    """The authenticated user of the current request (read late: DRF authenticates tokens
    inside the view and sets the user then), or None."""
    request = _request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def client_ip(request: HttpRequest | None) -> str:
    """The address Django saw (a reverse proxy must set REMOTE_ADDR correctly)."""
    if request is None:
        return ""
    return str(getattr(request, "axes_ip_address", "") or request.META.get("REMOTE_ADDR", ""))


class CurrentActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
