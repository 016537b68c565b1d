"""The signed list of remarks of one round (000 п.2 абз.7): DOCX and PDF."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string

from gospablik.approvals.models import Remark, Round
from gospablik.policy.inflect import inflect

DECISION_TEXT = {
    "approved": "Контент согласован. Замечаний нет.",
    "returned": "Контент возвращён на доработку. Исчерпывающий перечень замечаний:",
}


@dataclass(frozen=True)
class RemarkLine:
    number: int
    anchor: str
    text: str


@dataclass(frozen=True)
class RemarksDocument:
    number: str
    ministry: str
    approver: str
    recipient: str
    submission: str
    kind: str
    round_number: int
    submitted_at: datetime
    decision: str
    clause: str
    signer: str
    signer_role: str
    signed_at: datetime
    remarks: Sequence[RemarkLine]

    @property
    def title(self) -> str:
        return f"Решение по согласованию контента № {self.number}"

    @property
    def purpose(self) -> str:
        return (
            "О согласовании контента для аккаунтов "
            f"{inflect(self.ministry, 'gent')} в социальных сетях"
        )

    @property
    def signed_text(self) -> str:
        """Local date and time of signing (``signed_at`` is already in the policy's zone)."""
        return f"{self.signed_at:%d.%m.%Y %H:%M}"

    @property
    def decision_text(self) -> str:
        return DECISION_TEXT[self.decision]


def document_number(round_: Round) -> str:
    """«ЦУР-<submission>/<round>»: unique and readable on paper.

    >>> from types import SimpleNamespace
    >>> document_number(SimpleNamespace(submission_id=12, number=2))
    'ЦУР-12/2'
    """
    return f"ЦУР-{round_.submission_id}/{round_.number}"


def listed_remarks(round_: Round) -> list[Remark]:
    """The remarks that make the list, in document order (post, passage, filing)."""
    remarks = round_.remarks.filter(status=Remark.Status.OPEN).select_related("item", "file")
    return sorted(remarks, key=lambda r: (r.item.position if r.item else 0, r.start or 0, r.pk))


def lines(remarks: Sequence[Remark]) -> list[RemarkLine]:
    return [RemarkLine(n, r.anchor_text, r.text) for n, r in enumerate(remarks, start=1)]


def sha256(data: bytes) -> str:
    """Hex SHA-256 of a document.

    >>> sha256(b"")[:16]
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(data).hexdigest()


def to_docx(doc: RemarksDocument) -> bytes:
    from docx import Document

    out = Document()
    out.add_paragraph(doc.approver)
    out.add_paragraph(f"{doc.signed_text}    № {doc.number}")
    out.add_paragraph(f"Кому: {doc.recipient}")
    out.add_heading(doc.title, level=2)
    out.add_paragraph(doc.purpose)
    for label, value in _props(doc):
        out.add_paragraph(f"{label}: {value}")
    out.add_paragraph(doc.decision_text)
    for line in doc.remarks:
        out.add_paragraph(f"{line.number}. {line.anchor}. {line.text}")
    out.add_paragraph(f"Всего замечаний: {len(doc.remarks)}")
    out.add_paragraph(f"{doc.signer_role}: {doc.signer}")
    out.add_paragraph(f"Подписано {doc.signed_text} (второй фактор подтверждён)")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def to_pdf(doc: RemarksDocument) -> bytes:
    from weasyprint import HTML

    html = render_to_string("approvals/remarks_document.html", {"doc": doc, "props": _props(doc)})
    return bytes(HTML(string=html).write_pdf())


def _props(doc: RemarksDocument) -> list[tuple[str, str]]:
    return [
        ("Министерство", doc.ministry),
        ("Материал", f"«{doc.submission}» ({doc.kind})"),
        ("Раунд согласования", str(doc.round_number)),
        ("Поступил на согласование", f"{doc.submitted_at:%d.%m.%Y %H:%M}"),
        ("Основание", doc.clause),
    ]
