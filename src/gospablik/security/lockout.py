"""Login lockout with two thresholds (django-axes handler).

Axes locks a username at one address after ``AXES_FAILURE_LIMIT`` failures (guessing from
one place). Failures for one username from all addresses together (password spraying from
many places) lock it only at ``GOSPABLIK_LOGIN_USERNAME_LIMIT`` — higher — and never at an
address where that person logged in successfully within the last 30 days: a stranger
cannot lock a colleague out of their own workplace by typing wrong passwords for their
login; the spraying still stops. See docs/security.md, "Login lockout".
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_ip_address,
    get_client_username,
    get_cool_off,
    get_failure_limit,
)
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

KNOWN_FOR = timedelta(days=30)


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """Axes compares this with its limit, both before a login and after a failure."""
        failures = super().get_failures(request, credentials)
        if sprayed(request, credentials):
            return max(failures, get_failure_limit(request, credentials))
        return failures


def sprayed(request: Any, credentials: dict[str, Any] | None) -> bool:
    """Too many failures for this username from all addresses, asked from an address the
    person has not logged in from recently."""
    username = get_client_username(request, credentials)
    if not username:
        return False
    now = timezone.now()
    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=now - (get_cool_off(request) or timedelta(hours=1))
    )
    failures = recent.aggregate(n=Sum("failures_since_start"))["n"] or 0
    if failures < settings.GOSPABLIK_LOGIN_USERNAME_LIMIT:
        return False
    address = get_client_ip_address(request)
    return not AccessLog.objects.filter(
        username=username, ip_address=address, attempt_time__gte=now - KNOWN_FOR
    ).exists()
