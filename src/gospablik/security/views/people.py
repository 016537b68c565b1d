"""Who in the ministry has the second factor, and its reset by the security officer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Membership, Ministry
from gospablik.security.twofactor import PROTECTED_ROLES, do_reset_second_factor
from gospablik.web.decorators import ministry_view


@dataclass
class Person:
    user: Any
    roles: list[str] = field(default_factory=list)
    required: bool = False
    enrolled: bool = False


def _people(ministry: Ministry) -> list[Person]:
    rows = Membership.objects.filter(organization__ministry=ministry, is_active=True)
    enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    people: dict[int, Person] = {}
    for m in rows.select_related("user", "organization").order_by("user__username"):
        person = people.setdefault(m.user_id, Person(m.user, enrolled=m.user_id in enrolled))
        person.roles.append(f"{m.get_role_display()} — {m.organization.short_name}")
        person.required = person.required or m.role in PROTECTED_ROLES
    return list(people.values())


@ministry_view(Perm.SECURITY_VIEW)
def people(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    return render(
        request,
        "security/people.html",
        {
            "ministry": ministry,
            "people": _people(ministry),
            "can_manage": has_perm(request.user, ministry, Perm.SECURITY_MANAGE),
        },
    )


@ministry_view(Perm.SECURITY_MANAGE)
@require_POST
def reset_second_factor(request: HttpRequest, ministry: Ministry, user_id: int) -> HttpResponse:
    """After checking who asks (in person, by phone): the person enrols a new app."""
    member = Membership.objects.filter(
        organization__ministry=ministry, user_id=user_id, is_active=True, role__in=PROTECTED_ROLES
    ).first()
    if member is None:
        raise Http404("Нет такого сотрудника")
    user = get_user_model().objects.get(pk=user_id)
    removed = do_reset_second_factor(user, ministry=ministry, actor=request.user)
    messages.success(request, f"Второй фактор сброшен: {user.get_username()} ({removed}).")
    return redirect("security:people", ministry=ministry.key)
