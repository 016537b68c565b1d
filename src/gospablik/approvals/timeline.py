"""The history of a submission: every step with its moment, who did it and the SLA outcome."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.utils.timezone import localtime

from gospablik.approvals.actions.plan import posts_of
from gospablik.approvals.models import Round, Submission
from gospablik.audit.models import AuditEntry


@dataclass(frozen=True)
class Event:
    at: datetime
    title: str
    actor: str = ""
    detail: str = ""
    badge: str = ""  # "", "green", "red", "amber"
    badge_text: str = ""
    round_number: int | None = None


def _name(user: object) -> str:
    if user is None:
        return ""
    full = getattr(user, "get_full_name", lambda: "")()
    return full or getattr(user, "get_username", lambda: "")()


def timeline(submission: Submission, *, internal: bool, now: datetime) -> list[Event]:
    """Events oldest first; ``internal`` adds reviewers' remarks as they were made."""
    events = [Event(submission.created_at, "Материал создан", _name(submission.submitted_by))]
    for round_ in submission.rounds.select_related("submitted_by", "signer"):
        events.extend(_round_events(round_, internal, now))
    events.extend(_audit_events(submission))
    if submission.planned_at:
        events.append(
            Event(submission.planned_at, "Передано в контент-план", _name(submission.planned_by))
        )
    events.extend(_publications(submission))
    return sorted(events, key=lambda e: e.at)


def _round_events(round_: Round, internal: bool, now: datetime) -> Iterator[Event]:
    n = round_.number
    due = f"срок ответа до {localtime(round_.due_at):%d.%m.%Y %H:%M}" if round_.due_at else ""
    title = "Отправлено на согласование" if n == 1 else "Отправлено повторно"
    yield Event(round_.submitted_at, title, _name(round_.submitted_by), due, round_number=n)
    if internal:
        for remark in round_.remarks.select_related("author"):
            text = f"{remark.anchor_text}: {remark.text} ({remark.get_status_display()})"
            yield Event(remark.created_at, "Замечание", _name(remark.author), text, round_number=n)
    if round_.decided_at is not None:
        yield _signed(round_)
    elif round_.due_at is not None and now > round_.due_at:
        yield Event(
            round_.due_at, "Срок ответа истёк", badge="red", badge_text="просрочено", round_number=n
        )


def _signed(round_: Round) -> Event:
    assert round_.decided_at is not None
    count = round_.remarks.filter(status="open").count()
    decision = (
        "согласовано"
        if round_.decision == Round.Decision.APPROVED
        else f"возвращено, замечаний: {count}"
    )
    return Event(
        round_.decided_at,
        f"Подписано решение № {round_.document_number}: {decision}",
        _name(round_.signer),
        f"SHA-256 DOCX {round_.docx_sha256}",
        badge="green" if round_.on_time else "red",
        badge_text="в срок" if round_.on_time else "с опозданием",
        round_number=round_.number,
    )


def _audit_events(submission: Submission) -> Iterator[Event]:
    entries = AuditEntry.objects.filter(
        object_type="approvals.submission",
        object_id=str(submission.pk),
        action="approvals.withdraw",
    )
    for entry in entries:
        yield Event(entry.created_at, "Отозвано ЦУР", entry.actor_repr, entry.reason)


def _publications(submission: Submission) -> Iterator[Event]:
    """Each publication of the posts made from the submission that went out."""
    for post in posts_of(submission).prefetch_related("publications__account"):
        for pub in post.publications.all():
            if pub.published_at is not None:
                yield Event(
                    pub.published_at, f"Опубликовано: {pub.account}", detail=pub.network_url
                )
