"""Reading walls back: posts made directly in the network count toward the weekly cap."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.content.models import Publication, RemotePost
from gospablik.duties.faults import isolated
from gospablik.networks.base import Capability
from gospablik.networks.base import RemotePost as Remote
from gospablik.networks.connections import capabilities_of
from gospablik.networks.models import Connection
from gospablik.networks.outbound.reads import read
from gospablik.registry.models import Account

log = logging.getLogger("gospablik.content.importer")
LOOKBACK = timedelta(days=35)  # this week and the previous four


def importable() -> list[Account]:
    usable = Connection.objects.exclude(
        status__in=(Connection.Status.NEEDS_PERSON, Connection.Status.DISABLED)
    )
    accounts = Account.objects.filter(
        status=Account.Status.ACTIVE, pk__in=usable.values("account_id")
    )
    return list(accounts.select_related("ministry"))


def import_walls(now: datetime | None = None) -> dict[int, int]:
    """Import every connected account's recent wall; account id -> posts stored."""
    since = (now or timezone.now()) - LOOKBACK
    counts = {}
    for account in importable():  # one account's fault is recorded; the others go on
        step = partial(import_account, account, since)
        job, ministry = "content.import", account.ministry_id
        counts[account.pk] = isolated(job, account, ministry, step, savepoint=False) or 0
    return counts


def import_account(account: Account, since: datetime, limit: int = 300) -> int:
    connection = Connection.objects.filter(account=account).select_related("account").first()
    if connection is None or Capability.READ_WALL not in capabilities_of(account.network):
        return 0
    items = read(connection, lambda c: c.read_wall(since=since, limit=limit),
                 job="content.import", default=None)  # fmt: skip
    if items is None:
        return 0
    return store(account, [i for i in items if i.kind != "scheduled"])


@transaction.atomic
def store(account: Account, items: list[Remote]) -> int:
    ours = dict(
        Publication.objects.filter(account=account)
        .exclude(network_post_id="")
        .values_list("network_post_id", "pk")
    )
    created = 0
    for item in items:
        _row, is_new = RemotePost.objects.update_or_create(
            account=account,
            network_post_id=item.post_id,
            defaults={
                "date": item.date,
                "is_repost": item.is_repost,
                "kind": item.kind,
                "source": item.source or "",
                "text": item.text[:5000],
                "url": item.url,
                "publication_id": ours.get(item.post_id),
            },
        )
        created += is_new
    if created:
        record(
            "content.import",
            obj=account,
            ministry=account.ministry,
            after={"read": len(items), "new": created},
        )
    return len(items)
