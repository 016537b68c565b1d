"""The signed decision of a round: one numbered document, a fresh second factor, the duty done.

The TOTP code is verified outside the signing transaction so that a wrong code is
counted by django-otp's throttling even though the signing itself does not happen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gospablik.approvals import documents, otp
from gospablik.approvals.access import approval_spec, can_sign
from gospablik.approvals.actions.remarks import open_round
from gospablik.approvals.models import Round, Submission
from gospablik.approvals.notify import notify_org
from gospablik.audit.log import record
from gospablik.duties.actions import do_complete_duty
from gospablik.orgs.access import memberships
from gospablik.orgs.roles import ROLE_LABELS
from gospablik.policy.citation import cite
from gospablik.policy.inflect import inflect
from gospablik.policy.store import policy_for

DECISIONS = {Round.Decision.APPROVED, Round.Decision.RETURNED}


def do_sign_round(submission: Submission, *, actor: Any, decision: str, otp_code: str) -> Round:
    """Check who signs and the decision, verify the code, then sign atomically."""
    _precheck(submission, actor, decision)
    if not otp.has_device(actor):
        raise ValidationError({"otp": otp.NO_DEVICE}, code="no_device")
    if not otp.verify_fresh(actor, otp_code):
        raise ValidationError({"otp": otp.BAD_CODE}, code="bad_code")
    return _sign(submission, actor, decision)


def _precheck(submission: Submission, actor: Any, decision: str) -> None:
    if not can_sign(actor, submission.ministry):
        raise PermissionDenied("Подписывает руководитель согласующей организации")
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Выберите решение: согласовать или вернуть"})
    with transaction.atomic():
        round_ = open_round(submission)
        count = len(documents.listed_remarks(round_))
    if decision == Round.Decision.APPROVED and count:
        raise ValidationError(
            {"decision": "В перечне есть замечания: снимите их или верните материал с замечаниями"}
        )
    if decision == Round.Decision.RETURNED and not count:
        raise ValidationError({"decision": "Чтобы вернуть материал, нужно хотя бы одно замечание"})


@transaction.atomic
def _sign(submission: Submission, actor: Any, decision: str) -> Round:
    _precheck(submission, actor, decision)
    round_ = open_round(submission)
    now = timezone.now()
    doc = _document(round_, actor, decision, now)
    docx, pdf = documents.to_docx(doc), documents.to_pdf(doc)
    _store(round_, doc, docx, pdf)
    round_.decision, round_.decided_at, round_.signer = decision, now, actor
    round_.on_time = round_.due_at is None or now <= round_.due_at
    round_.save()
    _complete_duty(round_, actor)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    submission.status = (
        Submission.Status.APPROVED
        if decision == Round.Decision.APPROVED
        else Submission.Status.RETURNED
    )
    submission.save(update_fields=["status", "updated_at"])
    _audit(round_, doc, actor)
    _send(round_, doc)
    return round_


def _document(round_: Round, actor: Any, decision: str, now: datetime) -> documents.RemarksDocument:
    submission = round_.submission
    spec = approval_spec(submission.ministry)
    tz = policy_for(submission.ministry).tz()
    return documents.RemarksDocument(
        number=documents.document_number(round_),
        ministry=submission.ministry.name,
        approver=_signer_org(actor, submission),
        recipient=inflect(submission.cur_org.name, "datv"),
        submission=submission.title,
        kind=str(submission.get_kind_display()),
        round_number=round_.number,
        submitted_at=round_.submitted_at.astimezone(tz),
        decision=decision,
        clause=cite(spec.clause, policy_for(submission.ministry)),
        signer=actor.get_full_name() or actor.get_username(),
        signer_role=str(ROLE_LABELS.get(spec.signer_role, spec.signer_role)),
        signed_at=now.astimezone(tz),
        remarks=documents.lines(documents.listed_remarks(round_)),
    )


def _signer_org(actor: Any, submission: Submission) -> str:
    spec = approval_spec(submission.ministry)
    mine = memberships(actor, submission.ministry).filter(role=spec.signer_role)
    org = next((m.organization for m in mine), None)
    return org.name if org else submission.ministry.name


def _store(round_: Round, doc: documents.RemarksDocument, docx: bytes, pdf: bytes) -> None:
    stem = f"remarks-{round_.submission_id}-{round_.number}"
    round_.document_number, round_.signer_org = doc.number, doc.approver[:400]
    round_.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    round_.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    round_.docx_sha256, round_.pdf_sha256 = documents.sha256(docx), documents.sha256(pdf)


def _complete_duty(round_: Round, actor: Any) -> None:
    duty = round_.duty
    if duty is not None and duty.is_open:
        resolution = {
            "decision": round_.decision,
            "document": round_.document_number,
            "docx_sha256": round_.docx_sha256,
        }
        round_.duty = do_complete_duty(duty, actor=actor, resolution=resolution)


def _audit(round_: Round, doc: documents.RemarksDocument, actor: Any) -> None:
    record(
        "approvals.sign",
        actor=actor,
        obj=round_,
        ministry=round_.submission.ministry,
        after={
            "document": doc.number,
            "decision": round_.decision,
            "remarks": [line.text for line in doc.remarks],
            "docx_sha256": round_.docx_sha256,
            "pdf_sha256": round_.pdf_sha256,
            "signed_at": doc.signed_at.isoformat(),
            "due_at": round_.due_at.isoformat() if round_.due_at else None,
            "on_time": round_.on_time,
            "second_factor": "totp",
        },
    )


def _send(round_: Round, doc: documents.RemarksDocument) -> None:
    submission = round_.submission
    path = reverse(
        "approvals:detail", kwargs={"ministry": submission.ministry.key, "pk": submission.pk}
    )
    verdict = (
        "согласовано"
        if round_.decision == Round.Decision.APPROVED
        else (f"возвращено, замечаний: {len(doc.remarks)}")
    )
    notify_org(
        submission.cur_org,
        f"Решение № {doc.number} по «{submission.title[:200]}»: {verdict}.",
        path,
    )
