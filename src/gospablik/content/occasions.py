"""Info occasions (инфоповоды, п.1.2.2): what posts are made from."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gospablik.audit.log import record, snapshot
from gospablik.content.models import InfoOccasion
from gospablik.orgs.models import Ministry

FIELDS = ("title", "source", "occurred_on", "facts_provider", "description")


@transaction.atomic
def do_create_occasion(ministry: Ministry, data: dict[str, Any], *, actor: Any) -> InfoOccasion:
    occasion = InfoOccasion(ministry=ministry, **{k: data[k] for k in FIELDS if k in data})
    occasion.created_by = actor if getattr(actor, "is_authenticated", False) else None
    occasion.save()
    record(
        "content.occasion.create",
        actor=actor,
        obj=occasion,
        ministry=ministry,
        after=snapshot(occasion),
    )
    return occasion


@transaction.atomic
def do_update_occasion(occasion: InfoOccasion, data: dict[str, Any], *, actor: Any) -> InfoOccasion:
    before = snapshot(occasion)
    for name in FIELDS:
        if name in data:
            setattr(occasion, name, data[name])
    occasion.save()
    record(
        "content.occasion.update",
        actor=actor,
        obj=occasion,
        ministry=occasion.ministry,
        before=before,
        after=snapshot(occasion),
    )
    return occasion


@transaction.atomic
def do_delete_occasion(occasion: InfoOccasion, *, actor: Any) -> None:
    """Posts made from it keep existing, without the link."""
    record(
        "content.occasion.delete",
        actor=actor,
        obj=occasion,
        ministry=occasion.ministry,
        before=snapshot(occasion),
    )
    occasion.delete()
