"""Periodic security jobs (Celery beat: see CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task

from gospablik.security import rotation, snapshots


@shared_task(name="gospablik.security.tasks.snapshot_all")
def snapshot_all() -> int:
    return snapshots.snapshot_all()


@shared_task(name="gospablik.security.tasks.check_credentials")
def check_credentials() -> int:
    return rotation.check_credentials()
