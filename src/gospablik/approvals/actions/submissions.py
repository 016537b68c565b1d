"""ЦУР's side: drafting, submitting (each submission opens a round with a duty), withdrawing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from gospablik.approvals.access import approval_spec, first_org_with
from gospablik.approvals.deadlines import round_period
from gospablik.approvals.models import ItemFile, Round, Submission, SubmissionItem
from gospablik.audit.log import record, snapshot
from gospablik.duties.actions import Subject, do_cancel_duty, do_open_duty, open_duties_for
from gospablik.duties.engine import alert_owners
from gospablik.orgs.models import Ministry, Organization
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account
from gospablik.styleguide.gate import gate_problems

EDITABLE = (Submission.Status.DRAFT, Submission.Status.RETURNED)
FIELDS = ("kind", "title", "description", "schedule")


@dataclass(frozen=True)
class SubmissionData:
    kind: str
    title: str
    description: str = ""
    schedule: str = ""


@dataclass(frozen=True)
class ItemData:
    """One post as ЦУР wrote it; ``id`` names an existing post to change or delete."""

    text: str
    networks: Sequence[str] = ()
    planned_at: datetime | None = None
    account_ids: Sequence[int] = ()
    files: Sequence[UploadedFile] = field(default_factory=tuple)
    id: int | None = None
    delete: bool = False


@transaction.atomic
def do_create_submission(
    ministry: Ministry,
    *,
    actor: Any,
    cur_org: Organization,
    data: SubmissionData,
    items: Sequence[ItemData],
) -> Submission:
    approval_spec(ministry)
    if cur_org.ministry_id != ministry.pk or cur_org.kind != "cur":
        raise ValidationError(
            {"cur_org": "Материал подаёт организация вида «ЦУР» этого министерства"}
        )
    _check(ministry, data, items, existing=0)
    submission = Submission.objects.create(
        ministry=ministry, cur_org=cur_org, submitted_by=actor, **_fields(data)
    )
    _apply_items(submission, items)
    record(
        "approvals.create",
        actor=actor,
        obj=submission,
        ministry=ministry,
        after=content_snapshot(submission),
    )
    return submission


@transaction.atomic
def do_update_submission(
    submission: Submission, *, actor: Any, data: SubmissionData, items: Sequence[ItemData]
) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in EDITABLE:
        raise ValidationError("Изменить можно только черновик или возвращённый материал")
    _check(submission.ministry, data, items, existing=submission.items.count())
    before = content_snapshot(submission)
    for name, value in _fields(data).items():
        setattr(submission, name, value)
    submission.save()
    _apply_items(submission, items)
    after = content_snapshot(submission)
    record(
        "approvals.update",
        actor=actor,
        obj=submission,
        ministry=submission.ministry,
        before=before,
        after=after,
    )
    return submission


@transaction.atomic
def do_submit(submission: Submission, *, actor: Any) -> Round:
    """Send a draft, or a returned submission again: a new round and a new duty."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in EDITABLE:
        raise ValidationError("Материал уже на согласовании, согласован или отозван")
    if not submission.items.exists():
        raise ValidationError("Добавьте хотя бы одну публикацию")
    problems = [
        f"Публикация №{item.position}: {problem}"
        for item in submission.items.all()
        for problem in gate_problems(submission.ministry, item, item.text)
    ]
    if problems:
        raise ValidationError(problems)
    before = snapshot(submission)
    round_ = _open_round(submission, actor, timezone.now())
    submission.status = Submission.Status.SUBMITTED
    submission.save(update_fields=["status", "updated_at"])
    record(
        "approvals.submit",
        actor=actor,
        obj=submission,
        ministry=submission.ministry,
        before=before,
        after={**snapshot(submission), "round": round_.number, "due_at": _iso(round_.due_at)},
    )
    return round_


@transaction.atomic
def do_withdraw(submission: Submission, *, actor: Any, reason: str = "") -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status in (Submission.Status.APPROVED, Submission.Status.WITHDRAWN):
        raise ValidationError("Согласованный или уже отозванный материал отозвать нельзя")
    before = snapshot(submission)
    for duty in open_duties_for(Subject.of(submission)):
        do_cancel_duty(duty, actor=actor, reason=reason or "ЦУР отозвал материал")
    submission.status = Submission.Status.WITHDRAWN
    submission.save(update_fields=["status", "updated_at"])
    record(
        "approvals.withdraw",
        actor=actor,
        obj=submission,
        ministry=submission.ministry,
        before=before,
        after=snapshot(submission),
        reason=reason,
    )
    return submission


def _open_round(submission: Submission, actor: Any, now: datetime) -> Round:
    ministry = submission.ministry
    spec = approval_spec(ministry)
    period = round_period(spec, submission.kind)
    last = submission.rounds.order_by("-number").first()
    number = (last.number if last else 0) + 1
    round_ = Round.objects.create(
        submission=submission,
        number=number,
        submitted_at=now,
        submitted_by=actor,
        snapshot=content_snapshot(submission),
    )
    duty = do_open_duty(
        ministry,
        kind=submission.duty_kind,
        owner_org=first_org_with(ministry, "content_approval"),
        title=f"Согласовать «{submission.title[:300]}» (раунд {number})",
        start=now,
        period=period,
        subject=Subject.of(submission),
        clause=period.clause or spec.clause,
        recipient=submission.cur_org.name,
        description=f"{submission.get_kind_display()}; ответ — подписанное решение",
        actor=actor,
    )
    round_.duty, round_.due_at = duty, duty.due_at
    round_.save(update_fields=["duty", "due_at"])
    alert_owners(duty)
    return round_


def _check(
    ministry: Ministry, data: SubmissionData, items: Sequence[ItemData], existing: int
) -> None:
    if data.kind not in Submission.Kind.values:
        raise ValidationError({"kind": "Неизвестный вид материала"})
    kept = existing - sum(1 for i in items if i.id is not None and i.delete)
    added = sum(1 for i in items if i.id is None and not i.delete)
    if kept + added < 1:
        raise ValidationError("Добавьте хотя бы одну публикацию")
    policy = policy_for(ministry)
    for item in items:
        bad = [n for n in item.networks if not policy.allows_network(n)]
        if bad:
            raise ValidationError(
                f"Порядок министерства не предусматривает соцсети: {', '.join(bad)}"
            )


def _fields(data: SubmissionData) -> dict[str, str]:
    return {name: getattr(data, name) for name in FIELDS}


def _apply_items(submission: Submission, items: Sequence[ItemData]) -> None:
    for data in items:
        if data.id is not None:
            item = submission.items.filter(pk=data.id).first()
            if item is None:
                raise ValidationError("Публикация не относится к этому материалу")
            if data.delete:
                item.delete()
                continue
        elif data.delete:
            continue
        else:
            item = SubmissionItem(submission=submission, position=10_000)
        _save_item(item, data)
    for position, item in enumerate(submission.items.order_by("position", "pk"), start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def _save_item(item: SubmissionItem, data: ItemData) -> None:
    item.text, item.networks, item.planned_at = data.text, list(data.networks), data.planned_at
    item.save()
    accounts = Account.objects.filter(ministry=item.submission.ministry, pk__in=data.account_ids)
    item.accounts.set(accounts)
    for upload in data.files:
        ItemFile.objects.create(
            item=item,
            file=upload,
            name=(upload.name or "файл")[-200:],
            size=upload.size or 0,
            content_type=(upload.content_type or "")[:100],
        )


def content_snapshot(submission: Submission) -> dict[str, Any]:
    """What was submitted, as JSON: kept with each round and in the audit log."""
    items = submission.items.prefetch_related("files", "accounts")
    return {
        **{name: getattr(submission, name) for name in FIELDS},
        "items": [
            {
                "id": item.pk,
                "position": item.position,
                "text": item.text,
                "networks": item.networks,
                "accounts": [a.pk for a in item.accounts.all()],
                "planned_at": _iso(item.planned_at),
                "files": [f.name for f in item.files.all()],
            }
            for item in items
        ],
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
