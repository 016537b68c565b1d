"""Fault isolation for the periodic jobs: one tenant's error never stops the others.

Every beat job walks many ministries, accounts or duties. Each item runs in its own
savepoint through :func:`isolated`; an exception is logged, written to the audit log
and turned into one open ``job_failure`` duty of the ministry's own organization (the
people who can fix a policy or a connection), and the job goes on with the next item.
The duty needs no policy (it has no deadline), so it opens even for a ministry whose
missing policy is the fault itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.duties.models import Duty
from gospablik.orgs.models import Ministry, Organization

log = logging.getLogger("gospablik.beat")
T = TypeVar("T")
KIND = "job_failure"

JOB_LABELS = {
    "duties.tick": "проверка сроков обязанностей",
    "content.dispatch": "публикация по расписанию",
    "networks.outbound": "действия в соцсетях (публикации, удаления, ответы)",
    "moderation.poll": "опрос соцсетей без push-уведомлений",
    "networks.vk_longpoll": "чтение событий ВКонтакте (Long Poll)",
    "security.snapshots": "снимки безопасности аккаунтов",
    "networks.test": "проверка подключения к соцсети",
    "moderation.names": "чтение имён авторов из соцсети",
    "content.import": "чтение стены аккаунта",
}


def isolated(
    job: str,
    subject: models.Model,
    ministry_id: int | None,
    step: Callable[[], T],
    *,
    savepoint: bool = True,
) -> T | None:
    """Run ``step`` (in a savepoint unless it commits its own steps, like a network call
    that must be recorded before it is made); on any error record the fault, return None."""
    try:
        if not savepoint:
            return step()
        with transaction.atomic():
            return step()
    except Exception as error:  # noqa: BLE001 - the point is to survive any tenant's error
        log.exception("%s failed for %s", job, _label(subject))
        do_report_fault(job, subject, ministry_id, error)
        return None


@transaction.atomic
def do_report_fault(
    job: str, subject: models.Model, ministry_id: int | None, error: BaseException
) -> Duty | None:
    """Audit the fault and open (once per job and subject) a duty for the ministry."""
    text = f"{type(error).__name__}: {error}"[:900]
    record(
        "job.fault",
        object_type=subject._meta.label_lower,
        object_id=str(subject.pk),
        object_repr=_label(subject),
        ministry=ministry_id,
        after={"job": job, "error": text},
    )
    owner = _fixer(ministry_id)
    if owner is None:
        return None
    return _open_once(job, subject, owner, text)


def _fixer(ministry_id: int | None) -> Organization | None:
    if ministry_id is None:
        return None
    return (
        Organization.objects.filter(ministry_id=ministry_id, kind="ministry").order_by("pk").first()
    )


def _open_once(job: str, subject: models.Model, owner: Organization, text: str) -> Duty | None:
    subject_type, subject_id = f"{subject._meta.label_lower}@{job}", str(subject.pk)
    if Duty.objects.filter(
        kind=KIND, status=Duty.Status.OPEN, subject_type=subject_type, subject_id=subject_id
    ).exists():
        return None
    duty = Duty.objects.create(
        ministry_id=owner.ministry_id,
        kind=KIND,
        owner_org=owner,
        title=f"Устранить сбой: {JOB_LABELS.get(job, job)} — {_label(subject)}"[:500],
        description=f"Фоновая задача пропускает этот объект до исправления.\n{text}",
        subject_type=subject_type,
        subject_id=subject_id,
        started_at=timezone.now(),
    )
    record("duty.open", obj=duty, ministry=owner.ministry_id, after={"kind": KIND, "job": job})
    return duty


def _label(subject: Any) -> str:
    return str(subject)[:200]


def ministry_of(obj: Any) -> int | None:
    """The ministry id of a duty, an account or a connection (for :func:`isolated`)."""
    if isinstance(obj, Ministry):
        return obj.pk
    for path in ("ministry_id", "account.ministry_id"):
        value: Any = obj
        for part in path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            return int(value)
    return None
