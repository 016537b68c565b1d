"""Notifications and mails of a beat job pass, written together (issue 18): one
``bulk_create`` for the notifications of a batch, one mail connection for its mails,
and each organization's recipients looked up once per pass."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from gospablik.duties.models import Duty, Notification
from gospablik.orgs.models import Membership


@dataclass
class Outbox:
    notifications: list[Notification] = field(default_factory=list)
    mails: list[EmailMessage] = field(default_factory=list)

    def notify(self, users: Iterable[Any], duty: Duty, level: str, text: str) -> None:
        link = f"{settings.SITE_URL}/{duty.ministry.key}/duties/{duty.pk}/"
        for user in users:
            self.notifications.append(Notification(user=user, duty=duty, level=level, text=text))
            if user.email:
                self.mails.append(
                    EmailMessage(
                        f"gospablik: {text[:120]}",
                        f"{text}\n\n{link}",
                        settings.DEFAULT_FROM_EMAIL,
                        [user.email],
                    )
                )

    def take(self, other: Outbox) -> None:
        self.notifications += other.notifications
        self.mails += other.mails

    def store(self) -> None:
        """The notifications, in one statement (inside the caller's transaction)."""
        Notification.objects.bulk_create(self.notifications, batch_size=500)
        self.notifications = []

    def send(self) -> None:
        """The mails, over one connection; a mail server's failure loses no notification."""
        if self.mails:
            with get_connection(fail_silently=True) as connection:
                connection.send_messages(self.mails)
        self.mails = []

    def deliver(self) -> None:
        self.store()
        self.send()


class Recipients:
    """Active members of an organization in given roles, looked up once per pass."""

    def __init__(self) -> None:
        self._seen: dict[tuple[Any, ...], set[Any]] = {}

    def of_org(self, org_id: int, roles: Iterable[str]) -> set[Any]:
        key = ("org", org_id, frozenset(roles))
        if key not in self._seen:
            self._seen[key] = _users(organization_id=org_id, role__in=key[2])
        return self._seen[key]

    def of_kind(self, ministry_id: int, kind: str, roles: Iterable[str]) -> set[Any]:
        key = ("kind", ministry_id, kind, frozenset(roles))
        if key not in self._seen:
            self._seen[key] = _users(
                organization__ministry_id=ministry_id, organization__kind=kind, role__in=key[3]
            )
        return self._seen[key]


def _users(**scope: Any) -> set[Any]:
    members = Membership.objects.filter(is_active=True, user__is_active=True, **scope)
    return {m.user for m in members.select_related("user")}
