"""Background work of the networks module: the VK Bots Long Poll fallback."""

from __future__ import annotations

from functools import partial

from celery import shared_task

from gospablik.duties.faults import isolated
from gospablik.networks.base import ConnectorError
from gospablik.networks.connections import DatabaseMemory, connector_for, note_failure
from gospablik.networks.inbound import receive
from gospablik.networks.models import Connection
from gospablik.networks.vk.connector import VKConnector
from gospablik.networks.vk.longpoll import LongPoll
from gospablik.policy.store import per_pass


@per_pass
def poll_vk_once() -> int:
    """Read new events of VK communities that have no Callback server (Callback is primary)."""
    received = 0
    connections = Connection.objects.filter(
        account__network="vk", status__in=[Connection.Status.OK, Connection.Status.UNTESTED]
    ).select_related("account")
    for connection in connections:
        if not connection.secrets.get("callback_secret"):
            step = partial(_poll, connection)
            ministry = connection.account.ministry_id
            received += (
                isolated("networks.vk_longpoll", connection, ministry, step, savepoint=False) or 0
            )
    return received


def _poll(connection: Connection) -> int:
    memory, key = DatabaseMemory(), f"vk:longpoll:{connection.pk}"
    connector = connector_for(connection)
    assert isinstance(connector, VKConnector)
    try:
        ts, events = LongPoll(connector, wait=0).poll_once(memory.get(key))
    except ConnectorError as error:
        note_failure(connection, error, actor="vk-longpoll")
        return 0
    memory.set(key, ts)
    return sum(receive(connection, event) for event in events)


@shared_task(name="gospablik.networks.tasks.vk_longpoll")
def vk_longpoll() -> int:
    return poll_vk_once()


# The outbound queue's tasks live beside it; importing them here registers them with the
# worker (autodiscovery looks at ``<app>.tasks``).
from gospablik.networks.outbound.tasks import run_due, run_operation  # noqa: E402

__all__ = ["poll_vk_once", "run_due", "run_operation", "vk_longpoll"]
