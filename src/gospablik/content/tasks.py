"""Celery tasks of the content module (the beat schedule is in settings). Publishing
itself runs on the networks' outbound queue (``gospablik.networks.outbound.run_due``)."""

from celery import shared_task

from gospablik.content import followups, importer


@shared_task(name="gospablik.content.tasks.import_walls")
def import_walls() -> int:
    """Read walls back so posts made in the network count toward the weekly cap."""
    return sum(importer.import_walls().values())


@shared_task(name="gospablik.content.tasks.open_followups")
def open_followups() -> int:
    """Open the results duty of contests and campaigns whose results date has come."""
    return followups.open_followups()
