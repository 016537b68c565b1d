"""Celery tasks of the audit log."""

from __future__ import annotations

from celery import shared_task

from gospablik.audit.anchor import write_checkpoint


@shared_task
def checkpoint() -> int:
    """Beat: sign the chain's head into the checkpoint file (every 5 minutes)."""
    return write_checkpoint().seq
