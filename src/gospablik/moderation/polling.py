"""Polling the networks that push nothing (OK discussions): recent posts' comments go
through the same intake as pushed ones; comments already stored are skipped."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from django.utils import timezone

from gospablik.duties.faults import isolated
from gospablik.moderation.intake import intake_comment, is_own
from gospablik.moderation.models import Comment
from gospablik.networks.base import BaseConnector, Capability, RemoteComment
from gospablik.networks.connections import capabilities_of
from gospablik.networks.models import Connection
from gospablik.networks.outbound.reads import read
from gospablik.policy.store import per_pass
from gospablik.registry.models import Account

log = logging.getLogger(__name__)
WINDOW = timedelta(days=7)  # comments on posts older than this are not polled
POSTS = 30
NEEDED = {Capability.READ_WALL, Capability.READ_COMMENTS}


def polled_networks() -> list[str]:
    from gospablik.networks.registry import CONNECTOR_PATHS

    return [
        network
        for network in CONNECTOR_PATHS
        if NEEDED <= capabilities_of(network)
        and Capability.PUSH_EVENTS not in capabilities_of(network)
    ]


@per_pass
def poll_all(now: datetime | None = None) -> int:
    """One pass over every connected account of a network without push; new comments."""
    found = 0
    connections = Connection.objects.filter(account__network__in=polled_networks()).exclude(
        account__status=Account.Status.DELETED
    )
    for connection in connections.select_related("account__ministry"):
        if connection.is_usable:
            step = partial(poll_account, connection, now or timezone.now())
            ministry = connection.account.ministry_id
            found += isolated("moderation.poll", connection, ministry, step, savepoint=False) or 0
    return found


def poll_account(connection: Connection, now: datetime) -> int:
    account = connection.account

    def new_comments(connector: BaseConnector) -> list[RemoteComment]:
        posts = connector.read_wall(since=now - WINDOW, limit=POSTS)
        return [
            c
            for post in posts
            for c in _new_comments(account, connector.read_comments(post.post_id))
        ]

    nothing: list[RemoteComment] = []
    fresh = read(connection, new_comments, job="moderation.poll", default=nothing)
    return sum(1 for remote in fresh if intake_comment(account, remote) is not None)


def _new_comments(account: Account, comments: list[RemoteComment]) -> list[RemoteComment]:
    ids = [c.comment_id for c in comments]
    known = set(
        Comment.objects.filter(account=account, network_comment_id__in=ids).values_list(
            "network_comment_id", flat=True
        )
    )
    return [c for c in comments if c.comment_id not in known and not is_own(account, c)]
