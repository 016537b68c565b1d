"""Takeover detection: look at each connected account through its connector, compare with
the last look, raise alerts for what changed outside gospablik.

The periodic task claims due accounts with SELECT … FOR UPDATE SKIP LOCKED, so any number
of workers never look at one account twice in a cycle; the network I/O runs outside the
lock. Network events (VK Callback) raise alerts at once through :func:`on_network_event`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.duties.faults import isolated
from gospablik.networks import base
from gospablik.networks.base import BaseConnector, Capability, ConnectorError
from gospablik.networks.connections import connector_for, note_failure
from gospablik.networks.models import Connection, InboundEvent
from gospablik.registry.models import Account
from gospablik.security.actions import allowed_map
from gospablik.security.alerts import do_raise_alerts
from gospablik.security.changes import AdminSeen, Change, Look, PostSeen, compare, same_image
from gospablik.security.events import changes_from_event
from gospablik.security.models import AccountSecurity, Alert, Snapshot

Build = Callable[[Connection], BaseConnector]
BATCH = 50
POSTS_KEPT = 20


def interval() -> timedelta:
    return timedelta(seconds=getattr(settings, "SECURITY_SNAPSHOT_SECONDS", 600))


# --- reading the network ------------------------------------------------------------------


def read_look(connector: BaseConnector, allowed: dict[str, str], since: datetime) -> Look:
    profile = connector.read_profile()
    return Look(
        title=profile.title,
        screen_name=profile.screen_name,
        avatar_url=profile.avatar_url,
        description=profile.description,
        admins=_admins(connector),
        unknown_posts=_unknown_posts(connector, profile.community_id, allowed, since),
    )


def _admins(connector: BaseConnector) -> tuple[AdminSeen, ...] | None:
    if Capability.READ_ADMINS not in connector.capabilities:
        return None
    found = {AdminSeen(a.user_id, a.name, a.role) for a in connector.read_admins()}
    return tuple(sorted(found, key=lambda a: a.user_id))


def _unknown_posts(
    connector: BaseConnector, community_id: str, allowed: dict[str, str], since: datetime
) -> tuple[PostSeen, ...]:
    if Capability.READ_WALL not in connector.capabilities:
        return ()
    known = {community_id, f"-{community_id.lstrip('-')}", *allowed}
    posts = connector.read_wall(since=since, limit=POSTS_KEPT)
    return tuple(
        PostSeen(p.post_id, p.author_id or "", p.text[:1000], p.url)
        for p in posts
        if p.author_id and p.author_id not in known and p.kind != "scheduled"
    )


# --- storing and comparing ----------------------------------------------------------------


def look_of(snap: Snapshot) -> Look:
    admins = None if snap.admins is None else tuple(AdminSeen(**a) for a in snap.admins)
    posts = tuple(PostSeen(**p) for p in snap.unknown_posts or [])
    return Look(snap.title, snap.screen_name, snap.avatar_url, snap.description, admins, posts)


def same_state(a: Look, b: Look) -> bool:
    """Equal apart from the posts (those are a window, not a state)."""
    return (
        (a.title, a.screen_name, a.description, a.admins)
        == (b.title, b.screen_name, b.description, b.admins)
    ) and same_image(a.avatar_url, b.avatar_url)


def _posts_json(*groups: tuple[PostSeen, ...]) -> list[dict[str, str]]:
    merged = {p.post_id: p for group in groups for p in group}
    return [p.__dict__ for p in list(merged.values())[-POSTS_KEPT:]]


@transaction.atomic
def _store(account: Account, prev: Snapshot | None, look: Look, now: datetime) -> list[Alert]:
    AccountSecurity.objects.filter(account=account).update(last_snapshot_error="")
    before = look_of(prev) if prev is not None else None
    since = prev.checked_at if prev is not None else now
    if prev is not None and before is not None and same_state(before, look):
        prev.checked_at = now
        prev.unknown_posts = _posts_json(before.unknown_posts, look.unknown_posts)
        prev.save(update_fields=["checked_at", "unknown_posts"])
    else:
        _new_snapshot(account, look, now)
    if prev is None or before is None:
        return []  # the first look is the baseline; the posture page judges it
    changes = compare(before, look, allowed_map(account))
    return do_raise_alerts(account, changes, source=Alert.Source.SNAPSHOT, since=since)


def _new_snapshot(account: Account, look: Look, now: datetime) -> Snapshot:
    snap = Snapshot.objects.create(
        account=account,
        taken_at=now,
        checked_at=now,
        title=look.title,
        screen_name=look.screen_name,
        avatar_url=look.avatar_url,
        description=look.description,
        admins=None if look.admins is None else [a.__dict__ for a in look.admins],
        unknown_posts=_posts_json(look.unknown_posts),
    )
    record(
        "security.snapshot",
        obj=snap,
        ministry=account.ministry,
        object_repr=f"Снимок «{account.title}»",
        after={"title": look.title, "admins": len(look.admins or ())},
    )
    return snap


def take_snapshot(
    account: Account, *, build: Build = connector_for, now: datetime | None = None
) -> list[Alert]:
    """Look at one account now; return the alerts raised."""
    moment = now or timezone.now()
    connection = Connection.objects.filter(account=account).first()
    if connection is None or not connection.is_usable:
        return []
    prev = account.snapshots.first()
    since = prev.checked_at if prev else moment - timedelta(days=1)
    try:
        look = read_look(build(connection), allowed_map(account), since - timedelta(minutes=5))
    except ConnectorError as error:
        return _failed(account, connection, error, since)
    return _store(account, prev, look, moment)


def _failed(
    account: Account, connection: Connection, error: ConnectorError, since: datetime
) -> list[Alert]:
    """A temporary failure is noted; lost access (revoked key, removed admin) is an alert:
    an intruder's first move is to lock the owners out."""
    AccountSecurity.objects.filter(account=account).update(last_snapshot_error=error.message)
    if not error.permanent:
        return []
    if connection.last_error_code != str(error.code or "") or connection.status == "ok":
        note_failure(connection, error)  # once per distinct failure, not every cycle
    lost = Change(
        "access_lost",
        "high",
        f"access:{error.code}",
        f"gospablik потерял доступ к аккаунту: {error.message}",
        {"code": str(error.code or "")},
    )
    return do_raise_alerts(account, [lost], source=Alert.Source.SNAPSHOT, since=since)


# --- the periodic job ---------------------------------------------------------------------


def _watched() -> None:
    """Every connected account gets its security row (the snapshot schedule)."""
    missing = Account.objects.filter(connection__isnull=False, security__isnull=True)
    AccountSecurity.objects.bulk_create(
        [AccountSecurity(account=a) for a in missing], ignore_conflicts=True
    )


def _claim(now: datetime) -> list[Account]:
    with transaction.atomic():
        rows = list(
            AccountSecurity.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(Q(next_snapshot_at__lte=now) | Q(next_snapshot_at__isnull=True))
            .filter(account__connection__isnull=False)
            .exclude(account__status=Account.Status.DELETED)
            .order_by("next_snapshot_at", "pk")[:BATCH]
        )
        AccountSecurity.objects.filter(pk__in=[r.pk for r in rows]).update(
            next_snapshot_at=now + interval()
        )
    return [r.account for r in rows]


def snapshot_all(now: datetime | None = None, *, build: Build = connector_for) -> int:
    """One cycle: every due account is looked at once. Returns how many were."""
    moment = now or timezone.now()
    _watched()
    done = 0
    while True:
        accounts = _claim(moment)
        for account in accounts:
            step = partial(take_snapshot, account, build=build, now=moment)
            isolated("security.snapshots", account, account.ministry_id, step, savepoint=False)
        done += len(accounts)
        if len(accounts) < BATCH:
            return done


# --- network events -----------------------------------------------------------------------


def on_network_event(stored: InboundEvent, event: base.InboundEvent) -> None:
    """An admin, settings or avatar event from the network: alert without waiting."""
    account = stored.connection.account
    allowed = allowed_map(account)
    changes = changes_from_event(event.network, event.kind, event.event_id, event.payload, allowed)
    prev = account.snapshots.first()
    since = prev.checked_at if prev else timezone.now() - timedelta(hours=1)
    do_raise_alerts(account, changes, source=Alert.Source.EVENT, since=since)
