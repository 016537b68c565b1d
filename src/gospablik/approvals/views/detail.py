"""What the detail page of a submission shows to whom.

Reviewers and the signer see the remarks of the open round as they are being made;
ЦУР sees only what was signed: the list of the last signed round.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from gospablik.approvals import otp
from gospablik.approvals.access import Who
from gospablik.approvals.documents import listed_remarks
from gospablik.approvals.forms import RemarkForm
from gospablik.approvals.highlight import Piece, Span, pieces
from gospablik.approvals.models import ItemFile, Remark, Round, Submission, SubmissionItem
from gospablik.approvals.sla import Sla, sla_of
from gospablik.networks.base import NETWORK_LABELS_RU
from gospablik.orgs.models import Ministry

Status = Submission.Status


@dataclass(frozen=True)
class ItemView:
    item: SubmissionItem
    pieces: list[Piece]
    files: list[ItemFile]

    @property
    def networks(self) -> str:
        return ", ".join(NETWORK_LABELS_RU.get(n, n) for n in self.item.networks)


@dataclass(frozen=True)
class RoundView:
    round: Round
    sla: Sla
    listed: int


@dataclass(frozen=True)
class RemarkView:
    remark: Remark
    number: int | None


def numbered(remarks: list[Remark], listed: list[Remark]) -> list[RemarkView]:
    numbers = {r.pk: n for n, r in enumerate(listed, start=1)}
    ordered = sorted(remarks, key=lambda r: (numbers.get(r.pk, 10**9), r.pk))
    return [RemarkView(r, numbers.get(r.pk)) for r in ordered]


def shown_remarks(
    submission: Submission, me: Who, rounds: list[Round]
) -> tuple[Round | None, list[RemarkView]]:
    """The round whose remarks the user sees, and those remarks."""
    if me.oversee and rounds:
        current = rounds[-1]
        listed = listed_remarks(current)
        return current, numbered(
            list(current.remarks.select_related("author", "item", "file")), listed
        )
    signed = [r for r in rounds if r.is_signed]
    if not signed:
        return None, []
    listed = listed_remarks(signed[-1])
    return signed[-1], numbered(listed, listed)


def _spans(views: list[RemarkView], item: SubmissionItem) -> list[Span]:
    return [
        (v.remark.start, v.remark.end, v.number)
        for v in views
        if v.number is not None
        and v.remark.item_id == item.pk
        and v.remark.anchor == Remark.Anchor.PASSAGE
        and v.remark.start is not None
        and v.remark.end is not None
    ]


def detail_context(
    request: HttpRequest,
    ministry: Ministry,
    me: Who,
    submission: Submission,
    remark_form: RemarkForm | None = None,
) -> dict[str, Any]:
    rounds = list(submission.rounds.select_related("signer", "submitted_by").order_by("number"))
    current = rounds[-1] if rounds else None
    takes_remarks = bool(
        current and not current.is_signed and submission.status == Status.SUBMITTED
    )
    remarks_round, remarks = shown_remarks(submission, me, rounds)
    items = [
        ItemView(item, pieces(item.text, _spans(remarks, item)), list(item.files.all()))
        for item in submission.items.prefetch_related("files")
    ]
    mine = submission.cur_org in me.submit_orgs
    now = timezone.now()
    if remark_form is None and me.review and takes_remarks:
        remark_form = RemarkForm(submission=submission)
    return {
        "ministry": ministry,
        "me": me,
        "submission": submission,
        "items": items,
        "rounds": [RoundView(r, sla_of(r.due_at, r.decided_at, now), _listed(r)) for r in rounds],
        "current": current,
        "remarks_round": remarks_round,
        "remarks": remarks,
        "remark_form": remark_form if me.review and takes_remarks else None,
        "can_edit": mine and submission.status in (Status.DRAFT, Status.RETURNED),
        "can_submit": mine and submission.status == Status.DRAFT,
        "can_withdraw": mine
        and submission.status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED),
        "can_consolidate": me.sign and takes_remarks,
        "sign_note": sign_note(ministry) if takes_remarks and not me.sign else "",
        "can_plan": me.review
        and submission.status == Status.APPROVED
        and not submission.planned_at,
        "has_otp": otp.has_device(request.user),
    }


def sign_note(ministry: Ministry) -> str:
    """Why this person does not see «Свести и подписать»: who signs under the policy."""
    from django.utils.translation import gettext as _

    from gospablik.approvals.access import approval_spec, first_org_with
    from gospablik.orgs.roles import ROLE_LABELS
    from gospablik.policy.inflect import inflect

    spec = approval_spec(ministry)
    org = first_org_with(ministry, "content_approval")
    role = str(ROLE_LABELS.get(spec.signer_role, spec.signer_role)).lower()
    return _("Подписывает %(role)s %(org)s: у вас нет этой роли") % {
        "role": role,
        "org": inflect(org.short_name, "gent"),
    }


def _listed(round_: Round) -> int:
    return len(listed_remarks(round_)) if round_.is_signed else 0
