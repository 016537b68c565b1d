"""The "needs a person" end of an operation: a duty for the account's maintainers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from .models import Operation

if TYPE_CHECKING:
    from gospablik.duties.actions import Subject

DUTY_KIND = "outbound_operation"


def open_operation_duty(op: Operation) -> None:
    """One open duty per operation: the reason in Russian, the subject's page linked."""
    from gospablik.duties.actions import do_open_duty, open_duties_for
    from gospablik.networks.connections import maintainer_org
    from gospablik.policy.store import policy_for

    subject = _subject(op)
    if open_duties_for(subject, DUTY_KIND).exists():
        return
    account = op.connection.account
    do_open_duty(
        account.ministry,
        kind=DUTY_KIND,
        owner_org=maintainer_org(account),
        title=f"Действие в соцсети не выполнено («{account.title}»): {op.last_error}"[:500],
        start=timezone.now(),
        period=None,
        subject=subject,
        clause=policy_for(account.ministry).network_clause(account.network) or "",
        description="Проверьте причину, исправьте и повторите действие на странице объекта.",
    )


def _subject(op: Operation) -> Subject:
    from gospablik.duties.actions import Subject

    if op.subject_type is not None and op.subject_id:
        model = op.subject_type.model_class()
        if model is not None:
            return Subject(model._meta.label_lower, op.subject_id)
    return Subject.of(op)
