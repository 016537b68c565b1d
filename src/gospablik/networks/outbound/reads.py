"""Reads on the outbound queue's machinery: nothing to do exactly once, so no row — but
the same connector (and with it the shared rate limiter), the same error mapping and
the same fault isolation as an operation.

The mapping, as :func:`.step.on_error` has it for operations: a connection that needs
a person is held (no call is made); an error that needs a person notes the failure on
the connection and opens its repair duty; any other network error gives ``default`` and
is logged; an unexpected error is recorded as the job's fault (a duty) and gives
``default``, so one broken account never stops a loop over the others. The interactive
connection test (``testing``) runs even on a held connection — it is how one is fixed —
and notes every failure, as a test's outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from gospablik.duties.faults import do_report_fault
from gospablik.networks.base import BaseConnector, ConnectorError
from gospablik.networks.connections import connector_for, note_failure
from gospablik.networks.models import Connection

from .claim import HELD

log = logging.getLogger("gospablik.networks.outbound")
T = TypeVar("T")


def read(
    connection: Connection,
    call: Callable[[BaseConnector], T],
    *,
    job: str,
    default: T,
    actor: object = None,
    testing: bool = False,
) -> T:
    """``call(connector)`` for ``connection``; ``default`` when it could not be done."""
    if connection.status in HELD and not testing:
        return default
    try:
        return call(connector_for(connection))
    except ConnectorError as error:
        log.info("%s: account %s: %s", job, connection.account_id, error.message)
        if error.needs_person or testing:
            note_failure(connection, error, actor=actor)
        return default
    except Exception as error:  # noqa: BLE001 - one account's bug must not stop the job
        log.exception("%s failed for connection %s", job, connection.pk)
        do_report_fault(job, connection, connection.account.ministry_id, error)
        return default
