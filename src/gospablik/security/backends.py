"""Login lockout (django-axes) as the first authentication backend."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check for every login that comes with a request.

    Authentication without a request (code calling ``authenticate()`` directly, the test
    client's ``login()``) has no client address to lock out; it is passed on to the next
    backend instead of failing. Every web login (the login page, the admin, DRF basic
    auth) carries its request and is checked.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        super().authenticate(request, username, password, **kwargs)
        return None
