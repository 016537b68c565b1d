"""Takeover detection: look at each connected account through its connector, compare with
the last look, raise alerts for what changed outside gospablik.

Each look is an operation of the outbound queue (``security.snapshot``), one per account
and cycle (the key names the cycle, so any number of workers queue it once); the queue
claims it, reads the network, and the outcome stores the look and raises the alerts in
one transaction. A scheduled read is not retried: the next cycle looks again. Network
events (VK Callback) raise alerts at once through :func:`on_network_event`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from gospablik.audit.log import record
from gospablik.networks import base
from gospablik.networks.base import BaseConnector, Capability, ConnectorError
from gospablik.networks.connections import note_failure
from gospablik.networks.models import Connection, InboundEvent
from gospablik.networks.outbound import (
    Operation,
    cancel,
    enqueue,
    executor,
    on_outcome,
    on_retry,
    run_once,
    run_one,
)
from gospablik.policy.store import per_pass
from gospablik.registry.models import Account
from gospablik.security.actions import allowed_map
from gospablik.security.alerts import do_raise_alerts
from gospablik.security.changes import AdminSeen, Change, Look, PostSeen, compare, same_image
from gospablik.security.events import changes_from_event
from gospablik.security.models import AccountSecurity, Alert, Snapshot

SNAPSHOT = "security.snapshot"
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


def _assess(account_id: Any) -> None:
    from gospablik.security.standing import store_for  # standing reads snapshots

    store_for(account_id)


@transaction.atomic
def _store(account: Account, prev: Snapshot | None, look: Look, now: datetime) -> list[Alert]:
    AccountSecurity.objects.filter(account=account).update(last_snapshot_error="")
    _assess(account.pk)
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


def take_snapshot(account: Account, *, now: datetime | None = None) -> list[Alert]:
    """Look at one account now (a person's "check now"); return the alerts raised."""
    moment = now or timezone.now()
    op = queue_snapshot(account, moment, key=f"now:{moment.isoformat()}")
    if op is None:
        return []
    run_one(op.pk, moment)
    op.refresh_from_db()
    return list(Alert.objects.filter(pk__in=op.result.get("alerts", [])))


def queue_snapshot(account: Account, at: datetime, *, key: str) -> Operation | None:
    connection = Connection.objects.filter(account=account).first()
    if connection is None or not connection.is_usable:
        return None
    payload = {"account": account.pk, "at": at.isoformat()}
    return enqueue(SNAPSHOT, connection, payload, key=f"snapshot:{key}", subject=account,
                   run_now=False, not_before=at)  # fmt: skip


def _look_json(look: Look) -> dict[str, Any]:
    admins = None if look.admins is None else [a.__dict__ for a in look.admins]
    posts = [p.__dict__ for p in look.unknown_posts]
    return {"title": look.title, "screen_name": look.screen_name,
            "avatar_url": look.avatar_url, "description": look.description,
            "admins": admins, "unknown_posts": posts}  # fmt: skip


def _look_of(data: dict[str, Any]) -> Look:
    admins = data["admins"]
    return Look(data["title"], data["screen_name"], data["avatar_url"], data["description"],
                None if admins is None else tuple(AdminSeen(**a) for a in admins),
                tuple(PostSeen(**p) for p in data["unknown_posts"]))  # fmt: skip


def _account(op: Operation) -> Account:
    return Account.objects.select_related("ministry").get(pk=op.payload["account"])


@executor(SNAPSHOT, job="security.snapshots")
def look(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    account = _account(op)
    prev = account.snapshots.first()
    at = parse_datetime(op.payload["at"]) or timezone.now()
    since = prev.checked_at if prev else at - timedelta(days=1)
    seen = read_look(connector, allowed_map(account), since - timedelta(minutes=5))
    return {"look": _look_json(seen)}


@on_outcome(SNAPSHOT)
def looked(op: Operation) -> None:
    account = _account(op)
    prev = account.snapshots.first()
    at = parse_datetime(op.payload["at"]) or timezone.now()
    if op.state == Operation.State.DONE:
        alerts = _store(account, prev, _look_of(op.result["look"]), at)
    else:
        since = prev.checked_at if prev else at - timedelta(days=1)
        alerts = _failed(account, op.connection, op.last_error, op.last_error_code, since)
    result = {**op.result, "alerts": [a.pk for a in alerts]}
    Operation.objects.filter(pk=op.pk).update(result=result)


@on_retry(SNAPSHOT)
def not_looked(op: Operation) -> None:
    """A temporary failure (or the connection needs a person) is noted; no retry loop."""
    AccountSecurity.objects.filter(account_id=op.payload["account"]).update(
        last_snapshot_error=op.last_error
    )
    _assess(op.payload["account"])
    cancel(op, op.last_error)
    if op.connection.status == Connection.Status.NEEDS_PERSON:
        since = timezone.now() - interval()
        _failed(_account(op), op.connection, op.last_error, op.last_error_code, since)


def _failed(
    account: Account, connection: Connection, message: str, code: str, since: datetime
) -> list[Alert]:
    """Lost access (revoked key, removed admin) is an alert: an intruder's first move is
    to lock the owners out."""
    AccountSecurity.objects.filter(account=account).update(last_snapshot_error=message)
    _assess(account.pk)
    connection.refresh_from_db()
    if connection.last_error_code != code or connection.status == "ok":
        error = ConnectorError(message, permanent=True, code=code, network=account.network)
        note_failure(connection, error)  # once per distinct failure, not every cycle
    lost = Change(
        "access_lost",
        "high",
        f"access:{code}",
        f"gospablik потерял доступ к аккаунту: {message}",
        {"code": code},
    )
    return do_raise_alerts(account, [lost], source=Alert.Source.SNAPSHOT, since=since)


# --- the periodic job ---------------------------------------------------------------------


def _watched() -> None:
    """Every connected account gets its security row (the snapshot schedule)."""
    missing = Account.objects.filter(connection__isnull=False, security__isnull=True)
    AccountSecurity.objects.bulk_create(
        [AccountSecurity(account=a) for a in missing], ignore_conflicts=True
    )


def queue_due(now: datetime) -> None:
    """Queue this cycle's look at every due account (once, whoever else does it too)."""
    cycle = int(now.timestamp() // interval().total_seconds())
    due = (
        AccountSecurity.objects.filter(
            Q(next_snapshot_at__lte=now) | Q(next_snapshot_at__isnull=True)
        )
        .filter(account__connection__isnull=False)
        .exclude(account__status=Account.Status.DELETED)
        .select_related("account")
        .order_by("next_snapshot_at", "pk")
    )
    for row in due[: BATCH * 20]:
        queue_snapshot(row.account, now, key=f"{row.account_id}:{cycle}")
        AccountSecurity.objects.filter(pk=row.pk).update(next_snapshot_at=now + interval())


@per_pass
def snapshot_all(now: datetime | None = None) -> int:
    """One cycle: every due account is looked at once. Returns how many were."""
    moment = now or timezone.now()
    _watched()
    queue_due(moment)
    done = 0
    while step := run_once(moment, kinds=[SNAPSHOT]).handled:
        done += step
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
