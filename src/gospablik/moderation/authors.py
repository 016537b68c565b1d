"""Authors' names where a network's events carry only ids (a VK Callback sends ``from_id``).

Names come from the connector's ``read_names`` (VK ``users.get``): right before a deletion
is archived, so that the archive names its author, and from a beat task for everything
else, so that the queue, the inbox and the blacklist show people rather than numbers.
A name is never worth a lost deletion: a failed look-up leaves the name blank.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import SYSTEM, record
from gospablik.moderation.models import Comment, Message, Offender
from gospablik.networks.base import Capability
from gospablik.networks.connections import capabilities_of
from gospablik.networks.models import Connection
from gospablik.networks.outbound.reads import read
from gospablik.registry.models import Account

log = logging.getLogger(__name__)
WINDOW = timedelta(hours=6)  # older rows whose names are still unknown stay numbers
NAME_LENGTH = 300


def lookup(account: Account, author_ids: Iterable[str]) -> dict[str, str]:
    """Names by author id; ``{}`` when the network cannot tell or the call fails."""
    ids = sorted({a for a in author_ids if a})
    if not ids or Capability.READ_NAMES not in capabilities_of(account.network):
        return {}
    connection = Connection.objects.filter(account=account).select_related("account").first()
    if connection is None or not connection.is_usable:
        return {}
    nothing: dict[str, str] = {}
    names = read(connection, lambda c: c.read_names(ids), job="moderation.names", default=nothing)
    return {author: name[:NAME_LENGTH] for author, name in names.items() if name}


def name_of(account: Account, author_id: str) -> str:
    return lookup(account, [author_id]).get(author_id, "")


def name_author(comment: Comment) -> None:
    """Name the author of one comment (and their other rows) before a moderator's deletion."""
    names = lookup(comment.account, [comment.author_id])
    if names:
        _apply(comment.account, names)
        comment.author_name = names.get(comment.author_id, comment.author_name)


def name_missing_authors(now: datetime | None = None) -> int:
    """Give recent comments and messages with a blank author name (and those authors on
    the blacklist) the name the network knows; returns how many rows got one."""
    since = (now or timezone.now()) - WINDOW
    missing: dict[int, set[str]] = defaultdict(set)
    for model in (Comment, Message):
        rows = model.objects.filter(author_name="", received_at__gte=since).exclude(author_id="")
        for account_id, author_id in rows.values_list("account_id", "author_id").distinct():
            missing[account_id].add(author_id)
    named = 0
    for account in Account.objects.filter(pk__in=missing).select_related("ministry"):
        names = lookup(account, missing[account.pk])
        if names:
            named += _apply(account, names)
    return named


@transaction.atomic
def _apply(account: Account, names: dict[str, str]) -> int:
    named = 0
    for author_id, name in names.items():
        for rows in (
            Comment.objects.filter(account=account, author_id=author_id),
            Message.objects.filter(account=account, author_id=author_id),
            Offender.objects.filter(
                ministry_id=account.ministry_id, network=account.network, author_id=author_id
            ),
        ):
            named += rows.filter(author_name="").update(author_name=name)
    record(
        "moderation.author_names",
        actor=SYSTEM,
        obj=account,
        ministry=account.ministry_id,
        after={"names": names},
        reason="Имена авторов по данным соцсети",
    )
    return named
