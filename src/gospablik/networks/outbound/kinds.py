"""What each kind of operation does (executor), reads back (check) and causes (outcome).

Modules register at import time::

    @executor("moderation.delete_comment")
    def run(connector, op): ...          # -> dict of result ids; raises ConnectorError

    @read_back("moderation.delete_comment")
    def check(connector, op): ...        # -> result dict when it already happened, else None

    @on_outcome("moderation.delete_comment")
    def handler(op): ...                 # in the transaction that writes op.state

``on_outcome`` sees ``op.state`` in done / failed / needs_person; ``on_retry`` (optional)
sees a temporary failure that was rescheduled (``op.last_error``, ``op.next_try_at``).

A worker attempts a claimed batch, then records it in one transaction; two optional
hooks make that cheap: ``@prepare(kind)`` loads what the batch's operations need in a few
queries (``prepare(ops)``, before the attempts), and ``@on_done_batch(kind)`` reacts to
all of a batch's done operations of the kind at once (``handler(ops)``; without it
``on_outcome`` runs for each). ``executor(kind, job=…)`` names the beat job a kind stands
for when a fault is recorded (default "networks.outbound").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from gospablik.networks.base import BaseConnector

    from .models import Operation

Executor = Callable[["BaseConnector", "Operation"], dict[str, Any]]
Checker = Callable[["BaseConnector", "Operation"], "dict[str, Any] | None"]
Handler = Callable[["Operation"], None]
F = TypeVar("F", bound=Callable[..., Any])

EXECUTORS: dict[str, Executor] = {}
CHECKERS: dict[str, Checker] = {}
OUTCOMES: dict[str, Handler] = {}
RETRIES: dict[str, Handler] = {}
BatchHandler = Callable[[list["Operation"]], None]
PREPARERS: dict[str, BatchHandler] = {}
DONE_BATCH: dict[str, BatchHandler] = {}
JOBS: dict[str, str] = {}
# Modules that register kinds; imported before a worker runs an operation.
KIND_MODULES: list[str] = [
    "gospablik.content.outbound",
    "gospablik.moderation.network",
    "gospablik.moderation.bans",
    "gospablik.moderation.inbox",
    "gospablik.security.snapshots",
    "gospablik.dialogue.delivery",
    "gospablik.analytics.queued",
]


def _register(table: dict[str, Any], kind: str) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        table[kind] = func
        return func

    return decorate


def executor(kind: str, *, job: str = "networks.outbound") -> Callable[[F], F]:
    """``run(connector, op) -> dict``: do the operation once on the network. ``job``: the
    beat job the kind stands for, as a fault's duty names it."""
    JOBS[kind] = job
    return _register(EXECUTORS, kind)


def read_back(kind: str) -> Callable[[F], F]:
    """``check(connector, op) -> dict | None``: the check-before-retry of a kind whose
    earlier attempt may have been applied (``maybe_applied``, a lost lease)."""
    return _register(CHECKERS, kind)


def on_outcome(kind: str) -> Callable[[F], F]:
    """``handler(op)``: react to done / failed / needs_person in the outcome's transaction."""
    return _register(OUTCOMES, kind)


def on_retry(kind: str) -> Callable[[F], F]:
    """``handler(op)``: react to a rescheduled temporary failure (optional)."""
    return _register(RETRIES, kind)


def prepare(kind: str) -> Callable[[F], F]:
    """``prepare(ops)``: load what a claimed batch of the kind needs, in bulk (optional)."""
    return _register(PREPARERS, kind)


def on_done_batch(kind: str) -> Callable[[F], F]:
    """``handler(ops)``: react to a batch's done operations of the kind at once, in the
    transaction that records them (optional; else ``on_outcome`` for each)."""
    return _register(DONE_BATCH, kind)


def load_kinds() -> None:
    """Import the modules that register kinds (a worker may not have imported them)."""
    import importlib

    for name in KIND_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
