"""Telling the people of an organization about a decision (in-app and by email)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

from gospablik.duties.models import Duty, Notification
from gospablik.orgs.models import Membership, Organization


def notify_org(org: Organization, text: str, path: str, duty: Duty | None = None) -> int:
    """Notify every active member of ``org``; ``path`` is the site-relative link."""
    link = f"{settings.SITE_URL.rstrip('/')}{path}"
    members = Membership.objects.filter(
        organization=org, is_active=True, user__is_active=True
    ).select_related("user")
    users = {m.user for m in members}
    for user in users:
        Notification.objects.create(
            user=user, duty=duty, level=Notification.Level.INFO, text=f"{text} {link}"[:1000]
        )
        if user.email:
            send_mail(
                f"gospablik: {text[:120]}",
                f"{text}\n\n{link}",
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
                fail_silently=True,
            )
    return len(users)
