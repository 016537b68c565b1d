from __future__ import annotations

from celery import shared_task

from gospablik.passport.check import check_all


@shared_task(name="gospablik.passport.tasks.check_passports")
def check_passports() -> int:
    return check_all()
