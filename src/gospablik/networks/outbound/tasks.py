"""Celery tasks of the outbound queue (beat: ``outbound-run`` in settings)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="gospablik.networks.outbound.run_due")
def run_due() -> int:
    """Attempt every due operation (beat: every few seconds)."""
    from .queue import run_due as run

    return run()


@shared_task(name="gospablik.networks.outbound.run_operation")
def run_operation(pk: int) -> str:
    """One operation a request left to the worker: here it waits for its rate-limit slot."""
    from .queue import run_one

    return run_one(pk)
