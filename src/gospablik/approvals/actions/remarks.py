"""Remarks of the open round: reviewers add them, the signer edits, merges or drops them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gospablik.approvals.access import approval_spec, can_sign
from gospablik.approvals.models import ItemFile, Remark, Round, Submission, SubmissionItem
from gospablik.audit.log import record, snapshot
from gospablik.orgs.access import Perm, has_perm

SIGNED = "Раунд уже подписан: новые замечания возможны только после повторной отправки материала"


def open_round(submission: Submission) -> Round:
    """The current round, locked, if it still takes remarks."""
    round_ = (
        Round.objects.select_for_update().filter(submission=submission).order_by("-number").first()
    )
    status = Submission.objects.filter(pk=submission.pk).values_list("status", flat=True).first()
    if round_ is None or round_.is_signed or status != Submission.Status.SUBMITTED:
        raise ValidationError(SIGNED)
    return round_


@transaction.atomic
def do_add_remark(
    submission: Submission,
    *,
    actor: Any,
    text: str,
    anchor: str = Remark.Anchor.SUBMISSION,
    item: SubmissionItem | None = None,
    file: ItemFile | None = None,
    start: int | None = None,
    end: int | None = None,
    quote: str = "",
) -> Remark:
    if not has_perm(actor, submission.ministry, Perm.APPROVAL_REVIEW):
        raise PermissionDenied("Замечания вносят согласующие министерства")
    round_ = open_round(submission)
    if not text.strip():
        raise ValidationError({"text": "Напишите замечание"})
    remark = Remark(round=round_, author=actor, anchor=anchor, text=text.strip())
    _anchor(remark, submission, item, file, (start, end, quote))
    _exhaustive(round_, remark)
    remark.anchor_text = remark.anchor_label()[:500]
    remark.save()
    record(
        "approvals.remark.add",
        actor=actor,
        obj=remark,
        ministry=submission.ministry,
        after=snapshot(remark),
    )
    return remark


EXHAUSTIVE = (
    "Порядок требует исчерпывающего перечня замечаний в одном документе ({clause}): "
    "публикация №{position} не изменилась с прошлого раунда, новых замечаний к ней не добавить"
)


def _exhaustive(round_: Round, remark: Remark) -> None:
    """With ``approvals.single_remarks_document`` the list of the previous round was complete:
    an unchanged post of a resubmission gets no new remarks."""
    spec = approval_spec(round_.submission.ministry)
    if not spec.single_remarks_document or remark.item is None or round_.number < 2:
        return
    previous = Round.objects.filter(submission=round_.submission, number=round_.number - 1).first()
    if previous is None:
        return
    before = {i["id"]: i for i in previous.snapshot.get("items", [])}
    now = {i["id"]: i for i in round_.snapshot.get("items", [])}
    item_id = remark.item.pk
    if item_id in before and before[item_id] == now.get(item_id):
        message = EXHAUSTIVE.format(clause=spec.clause, position=remark.item.position)
        raise ValidationError({"item": message})


def _anchor(
    remark: Remark,
    submission: Submission,
    item: SubmissionItem | None,
    file: ItemFile | None,
    passage: tuple[int | None, int | None, str],
) -> None:
    if remark.anchor not in Remark.Anchor.values:
        raise ValidationError({"anchor": "Неизвестная привязка замечания"})
    if remark.anchor == Remark.Anchor.FILE:
        if file is None or file.item.submission_id != submission.pk:
            raise ValidationError({"file": "Выберите файл этого материала"})
        remark.file, remark.item = file, file.item
    elif remark.anchor in (Remark.Anchor.ITEM, Remark.Anchor.PASSAGE):
        if item is None or item.submission_id != submission.pk:
            raise ValidationError({"item": "Выберите публикацию этого материала"})
        remark.item = item
    if remark.anchor == Remark.Anchor.PASSAGE:
        assert item is not None
        remark.start, remark.end, remark.quote = find_passage(item.text, *passage)


def find_passage(text: str, start: int | None, end: int | None, quote: str) -> tuple[int, int, str]:
    """Exact offsets when they match the quote, else the quote's first occurrence.

    >>> find_passage("Прививка бесплатна", 9, 18, "бесплатна")
    (9, 18, 'бесплатна')
    >>> find_passage("Прививка бесплатна", None, None, "Прививка")
    (0, 8, 'Прививка')
    """
    if start is not None and end is not None and 0 <= start < end <= len(text):
        if not quote or text[start:end] == quote:
            return start, end, text[start:end]
    if quote and quote in text:
        at = text.index(quote)
        return at, at + len(quote), quote
    raise ValidationError({"quote": "Такого фрагмента нет в тексте публикации"})


def _signer_round(remark: Remark, actor: Any) -> Round:
    submission = remark.round.submission
    if not can_sign(actor, submission.ministry):
        raise PermissionDenied("Сводит замечания и подписывает руководитель")
    round_ = open_round(submission)
    if round_.pk != remark.round_id:
        raise ValidationError(SIGNED)
    return round_


@transaction.atomic
def do_edit_remark(remark: Remark, *, actor: Any, text: str) -> Remark:
    _signer_round(remark, actor)
    if not text.strip():
        raise ValidationError({"text": "Текст замечания не может быть пустым"})
    before = snapshot(remark)
    remark.original_text = remark.original_text or remark.text
    remark.text, remark.edited_by_head = text.strip(), True
    remark.save()
    record(
        "approvals.remark.edit",
        actor=actor,
        obj=remark,
        ministry=remark.round.submission.ministry,
        before=before,
        after=snapshot(remark),
    )
    return remark


@transaction.atomic
def do_merge_remarks(remarks: Sequence[Remark], *, actor: Any, text: str) -> Remark:
    """Keep the first remark with ``text``; the others point to it as merged."""
    if len({r.pk for r in remarks}) < 2:
        raise ValidationError("Отметьте хотя бы два замечания, чтобы объединить их")
    target, *others = remarks
    for remark in remarks:
        _signer_round(remark, actor)
        if remark.round_id != target.round_id or remark.status != Remark.Status.OPEN:
            raise ValidationError("Объединять можно только действующие замечания одного раунда")
    for remark in others:
        remark.status, remark.merged_into = Remark.Status.MERGED, target
        remark.save(update_fields=["status", "merged_into"])
    do_edit_remark(target, actor=actor, text=text or "\n".join(r.text for r in remarks))
    record(
        "approvals.remark.merge",
        actor=actor,
        obj=target,
        ministry=target.round.submission.ministry,
        after={"into": target.pk, "merged": [r.pk for r in others]},
    )
    return target


@transaction.atomic
def do_set_remark_status(remark: Remark, *, actor: Any, status: str, reason: str = "") -> Remark:
    """Drop a remark from the list (``dropped``) or put it back (``open``)."""
    _signer_round(remark, actor)
    if status not in (Remark.Status.DROPPED, Remark.Status.OPEN):
        raise ValidationError("Замечание можно снять или вернуть в перечень")
    before = snapshot(remark)
    remark.status, remark.merged_into = status, None
    remark.save(update_fields=["status", "merged_into"])
    action = (
        "approvals.remark.drop" if status == Remark.Status.DROPPED else "approvals.remark.restore"
    )
    record(
        action,
        actor=actor,
        obj=remark,
        ministry=remark.round.submission.ministry,
        before=before,
        after=snapshot(remark),
        reason=reason,
    )
    return remark
