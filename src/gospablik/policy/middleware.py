"""Each ministry's policy looked up once per request (see ``policy.store``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gospablik.policy.store import policies_cached


class PolicyPerRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with policies_cached():
            return self.get_response(request)
