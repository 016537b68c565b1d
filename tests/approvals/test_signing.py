"""One signed, numbered document per round lists exactly that round's remarks."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from gospablik.approvals.actions.remarks import (
    do_add_remark,
    do_edit_remark,
    do_merge_remarks,
    do_set_remark_status,
)
from gospablik.approvals.actions.signing import do_sign_round
from gospablik.approvals.actions.submissions import SubmissionData, do_submit, do_update_submission
from gospablik.audit.models import AuditEntry
from gospablik.duties.models import Duty, Notification
from tests.approvals.conftest import fresh_code

START = datetime(2025, 5, 14, 10, tzinfo=ZoneInfo("Asia/Novokuznetsk"))


def paragraphs(round_) -> list[str]:
    with round_.docx.open("rb") as handle:
        return [p.text for p in Document(io.BytesIO(handle.read())).paragraphs]


def sign(submission, signer, device, decision="returned"):
    return do_sign_round(submission, actor=signer, decision=decision, otp_code=fresh_code(device))


@pytest.fixture
def remarks(special, komiac, reviewer):
    item = special.items.get()
    return [
        do_add_remark(special, actor=komiac, text="Уточните адреса поликлиник"),
        do_add_remark(
            special,
            actor=reviewer,
            text="Не «бесплатна», а «бесплатная»",
            anchor="passage",
            item=item,
            quote="бесплатна",
        ),
        do_add_remark(special, actor=reviewer, text="Лишнее замечание"),
    ]


def test_it_lists_exactly_the_open_remarks_in_the_docx(special, remarks, signer, device):
    do_set_remark_status(remarks[2], actor=signer, status="dropped")
    round_ = sign(special, signer, device)
    text = paragraphs(round_)
    numbered = [p for p in text if p[:2] in ("1.", "2.", "3.")]
    assert numbered == [
        "1. Материал в целом. Уточните адреса поликлиник",
        "2. Публикация №1, фрагмент «бесплатна». Не «бесплатна», а «бесплатная»",
    ]
    assert "Лишнее замечание" not in "\n".join(text)
    assert any("№ ЦУР-" in p and f"/{round_.number}" in p for p in text)
    assert any("Минздрав" in p or "Министерство здравоохранения Кузбасса" in p for p in text)
    assert any("Неделя вакцинации" in p for p in text)


def test_it_puts_the_merged_and_edited_text_in_the_document(special, remarks, signer, device):
    do_merge_remarks([remarks[0], remarks[2]], actor=signer, text="Адреса и часы работы")
    do_edit_remark(remarks[1], actor=signer, text="Исправьте окончание")
    text = "\n".join(paragraphs(sign(special, signer, device)))
    assert "1. Материал в целом. Адреса и часы работы" in text
    assert "Исправьте окончание" in text and "Лишнее" not in text


def test_it_renders_the_pdf(special, remarks, signer, device):
    round_ = sign(special, signer, device)
    with round_.pdf.open("rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        assert "Уточните адреса поликлиник" in out.stdout.decode()


def test_it_records_the_hashes_in_the_audit_log(special, remarks, signer, device):
    round_ = sign(special, signer, device)
    entry = AuditEntry.objects.get(action="approvals.sign", object_id=str(round_.pk))
    with round_.docx.open("rb") as handle:
        assert entry.after["docx_sha256"] == hashlib.sha256(handle.read()).hexdigest()
    with round_.pdf.open("rb") as handle:
        assert entry.after["pdf_sha256"] == hashlib.sha256(handle.read()).hexdigest()
    # Document order: remarks on the whole material first, then by post and passage.
    assert entry.after["remarks"] == [remarks[0].text, remarks[2].text, remarks[1].text]
    assert entry.actor == signer


def test_it_refuses_a_remark_after_signing(special, remarks, signer, device, komiac):
    sign(special, signer, device)
    with pytest.raises(ValidationError, match="подписан"):
        do_add_remark(special, actor=komiac, text="Ещё одно")


def test_it_refuses_to_edit_the_list_after_signing(special, remarks, signer, device):
    sign(special, signer, device)
    with pytest.raises(ValidationError):
        do_edit_remark(remarks[0], actor=signer, text="Поздно")


def test_it_completes_the_duty_and_returns_the_submission(special, remarks, signer, device):
    round_ = sign(special, signer, device)
    special.refresh_from_db()
    assert special.status == "returned"
    assert round_.duty.status == Duty.Status.DONE
    assert round_.on_time is True


def test_it_marks_a_late_answer(health, cur, signer, device):
    from tests.approvals.conftest import make_submission

    with time_machine.travel(START, tick=False):
        submission = make_submission(health, cur, kind="operational")
    with time_machine.travel(START + timedelta(hours=5), tick=False):
        round_ = sign(submission, signer, device, decision="approved")
    assert round_.on_time is False
    assert round_.duty.was_on_time() is False


def test_it_sends_the_decision_to_cur(special, remarks, signer, device, cur):
    round_ = sign(special, signer, device)
    note = Notification.objects.get(user=cur, text__contains=round_.document_number)
    assert f"/approvals/{special.pk}/" in note.text


def test_it_refuses_to_approve_with_open_remarks(special, remarks, signer, device):
    with pytest.raises(ValidationError, match="замечания"):
        sign(special, signer, device, decision="approved")


def test_it_refuses_to_return_without_remarks(special, signer, device):
    with pytest.raises(ValidationError, match="хотя бы одно"):
        sign(special, signer, device, decision="returned")


def test_it_approves_without_remarks_as_a_signed_decision(special, signer, device):
    round_ = sign(special, signer, device, decision="approved")
    assert "Контент согласован. Замечаний нет." in paragraphs(round_)
    special.refresh_from_db()
    assert special.status == "approved"


def test_it_starts_a_new_round_only_from_a_resubmission(special, remarks, signer, device, cur):
    sign(special, signer, device)
    item = special.items.get()
    from gospablik.approvals.actions.submissions import ItemData

    do_update_submission(
        special,
        actor=cur,
        data=SubmissionData("special_project", "Неделя"),
        items=[ItemData(id=item.pk, text="Прививка бесплатная")],
    )
    round_two = do_submit(special, actor=cur)
    assert round_two.number == 2 and round_two.duty.is_open
    assert special.rounds.get(number=1).remarks.count() == 3
    assert round_two.snapshot["items"][0]["text"] == "Прививка бесплатная"


def test_reviewers_cannot_sign(special, reviewer):
    with pytest.raises(PermissionDenied):
        do_sign_round(special, actor=reviewer, decision="approved", otp_code="000000")


def test_the_ministry_head_outside_the_approving_org_cannot_sign(special, head):
    with pytest.raises(PermissionDenied):
        do_sign_round(special, actor=head, decision="approved", otp_code="000000")


def test_the_signer_cannot_sign_without_a_device(special, signer):
    with pytest.raises(ValidationError, match="второй фактор"):
        do_sign_round(special, actor=signer, decision="approved", otp_code="123456")


def test_the_signer_cannot_sign_with_a_wrong_code(special, signer, device):
    good = fresh_code(device)
    bad = f"{(int(good) + 1) % 10**6:06d}"
    with pytest.raises(ValidationError, match="неверен"):
        do_sign_round(special, actor=signer, decision="approved", otp_code=bad)
    special.refresh_from_db()
    assert special.status == "submitted"


def test_the_same_code_cannot_sign_twice(health, cur, special, signer, device):
    from tests.approvals.conftest import make_submission

    code = fresh_code(device)
    do_sign_round(special, actor=signer, decision="approved", otp_code=code)
    other = make_submission(health, cur, title="Второй")
    with pytest.raises(ValidationError, match="неверен"):
        do_sign_round(other, actor=signer, decision="approved", otp_code=code)
