"""Connecting registry accounts to their networks and building their connectors."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.networks.base import BaseConnector, Capability, ConnectorError, Profile
from gospablik.networks.http import TRANSPORT_OVERRIDES, HttpClient
from gospablik.networks.models import Connection, ConnectorMemory
from gospablik.networks.ratelimit import (
    InProcessRateLimiter,
    NoRateLimiter,
    RateLimiter,
    RedisRateLimiter,
    ReservingLimiter,
)
from gospablik.networks.registry import build_connector, get_connector_class
from gospablik.registry.models import Account


@lru_cache(maxsize=1)
def shared_limiter() -> ReservingLimiter:
    """Redis in production (shared by every worker process), in-process by default;
    none at all when ``NETWORK_RATE_LIMIT`` is off (emulator runs only)."""
    if not settings.NETWORK_RATE_LIMIT:
        return NoRateLimiter()
    if settings.REDIS_URL:
        return RedisRateLimiter(settings.REDIS_URL, prefix=settings.RATELIMIT_PREFIX)
    return InProcessRateLimiter()


class DatabaseMemory:
    """The connectors' Memory protocol on a table, shared by every worker process."""

    def get(self, key: str) -> Any:
        row = ConnectorMemory.objects.filter(key=key).first()
        return row.value if row else None

    def set(self, key: str, value: Any) -> None:
        ConnectorMemory.objects.update_or_create(key=key, defaults={"value": value})


__all__ = ["TRANSPORT_OVERRIDES", "connector_for", "shared_limiter"]


def connector_for(connection: Connection, limiter: RateLimiter | None = None) -> BaseConnector:
    """THE way to get a connector (``networks.connector_for``). ``limiter``: instead of
    the shared one (the queue passes a NoWaitLimiter wrapping it inside a request)."""
    network = connection.account.network
    transport, hosts = TRANSPORT_OVERRIDES.get(network), tuple(settings.NETWORK_ALLOW_HOSTS)
    http = _http_client(connection.pk, network, transport, hosts, settings.NETWORK_HTTP_TIMEOUT)
    return build_connector(
        network,
        connection.config,
        connection.secrets,
        http=http,
        limiter=limiter or shared_limiter(),
        memory=DatabaseMemory(),
    )


@lru_cache(maxsize=256)
def _http_client(
    connection_id: int,
    network: str,
    transport: httpx.BaseTransport | None,
    hosts: tuple[str, ...],
    timeout: float,
) -> HttpClient:
    """One client per connection, kept: its TLS context and open connections to the
    network are reused (a new client costs ~20 ms of CPU before its first request). Per
    connection, so that no cookie a network sets for one account reaches another's calls;
    httpx clients are safe to share between threads."""
    return HttpClient(
        network=network,
        transport=transport,
        allow_hosts=hosts,
        timeout=timeout,
        connect_timeout=min(timeout, 5.0),
    )


def capabilities_of(network: str) -> frozenset[Capability]:
    try:
        return get_connector_class(network).capabilities
    except (ImportError, AttributeError, ConnectorError):
        return frozenset()


def config_schema_of(network: str) -> tuple[Any, ...]:
    return tuple(get_connector_class(network).config_schema)


@transaction.atomic
def do_connect_account(
    account: Account, config: Mapping[str, Any], secrets: Mapping[str, str], *, actor: Any
) -> Connection:
    """Store (or replace) the connection; secrets are kept only when a new value is given."""
    connection, created = Connection.objects.select_for_update().get_or_create(account=account)
    before = {"config": connection.config, "secret_keys": sorted(connection.secrets)}
    kept = {k: v for k, v in connection.secrets.items() if k not in secrets or not secrets[k]}
    connection.config = dict(config)
    connection.secrets = {**kept, **{k: v for k, v in secrets.items() if v}}
    connection.status = Connection.Status.UNTESTED
    connection.save()
    record(
        "connection.save",
        actor=actor,
        obj=connection,
        ministry=account.ministry,
        before=None if created else before,
        after={"config": connection.config, "secret_keys": sorted(connection.secrets)},
    )
    return connection


def do_test_connection(connection: Connection, *, actor: Any) -> Profile | None:
    """Read the community profile; record the outcome on the connection."""
    from gospablik.networks.outbound.reads import read

    profile = read(connection, _read_profile, job="networks.test", default=None, actor=actor,
                   testing=True)  # fmt: skip
    if profile is None:
        return None
    with transaction.atomic():
        _store_check(connection, Connection.Status.OK)
        _record(connection, "connection.test", actor, {"status": "ok", "title": profile.title})
    connection.refresh_from_db()
    return profile


def _read_profile(connector: BaseConnector) -> Profile:
    return connector.read_profile()


def note_failure(connection: Connection, error: ConnectorError, *, actor: Any = None) -> None:
    """A captcha or an expired token stops the account's jobs until a person acts."""
    status = Connection.Status.NEEDS_PERSON if error.needs_person else Connection.Status.ERROR
    code = str(error.code or "")
    with transaction.atomic():
        _store_check(connection, status, error.message, code)
        after = {"status": status, "error": error.message, "code": code}
        _record(connection, "connection.error", actor, after)
        if error.needs_person:
            open_repair_duty(connection, error)
    connection.refresh_from_db()


def _store_check(connection: Connection, status: str, error: str = "", code: str = "") -> None:
    Connection.objects.filter(pk=connection.pk).update(
        status=status, last_error=error, last_error_code=code, last_checked_at=timezone.now()
    )
    from gospablik.security.standing import store_for  # the posture shows the status

    store_for(connection.account_id)


def _record(connection: Connection, action: str, actor: Any, after: dict[str, Any]) -> None:
    ministry = connection.account.ministry
    record(action, actor=actor, obj=connection, ministry=ministry, after=after)


def open_repair_duty(connection: Connection, error: ConnectorError) -> None:
    """Tell the people who maintain the account that it needs them (no retry loop)."""
    from gospablik.duties.actions import Subject, do_open_duty, open_duties_for
    from gospablik.duties.engine import alert_owners
    from gospablik.policy.store import policy_for

    subject = Subject.of(connection)
    if open_duties_for(subject, "connection_repair").exists():
        return
    account = connection.account
    policy = policy_for(account.ministry)
    owner = maintainer_org(account)
    duty = do_open_duty(
        account.ministry,
        kind="connection_repair",
        owner_org=owner,
        title=f"Восстановить подключение «{account.title}»: {error.message}",
        start=timezone.now(),
        period=None,
        subject=subject,
        clause=policy.network_clause(account.network) or "",
        description="Публикации и модерация этого аккаунта остановлены до исправления.",
    )
    alert_owners(duty)


def maintainer_org(account: Account) -> Any:
    """The organization that maintains ``account`` (the policy's, else its responsible one)."""
    from gospablik.orgs.models import Organization
    from gospablik.policy.store import policy_for

    keys = [o.key for o in policy_for(account.ministry).orgs_for("maintenance")]
    return Organization.objects.get(
        ministry=account.ministry, key=(keys or [account.responsible_org.key])[0]
    )


def refresh_connector_settings() -> None:
    """Forget the kept limiter and HTTP clients after NETWORK_* settings changed."""
    shared_limiter.cache_clear()
    _http_client.cache_clear()
