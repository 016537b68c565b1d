"""The style gate of п.2.4: below ``style.min_score`` a text is neither scheduled nor sent
for approval, unless a person with the right role lets it through with a written reason."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from gospablik.audit.log import record
from gospablik.numbers import number
from gospablik.orgs.access import memberships
from gospablik.orgs.models import Ministry
from gospablik.policy.citation import cite
from gospablik.policy.store import policy_for
from gospablik.styleguide.checking import check_for
from gospablik.styleguide.models import StyleOverride

OVERRIDE_ROLE = "head"


def _hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def override_for(obj: models.Model, text: str) -> StyleOverride | None:
    return StyleOverride.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), text_hash=_hash(text)
    ).first()


def gate_problems(ministry: Ministry, obj: models.Model, text: str) -> list[str]:
    """Why ``text`` may not go out under the ministry's ``style.min_score`` (or nothing)."""
    policy = policy_for(ministry)
    spec = policy.style
    if spec.min_score is None or not text.strip():
        return []
    score = check_for(ministry, text).score
    if score >= spec.min_score or override_for(obj, text) is not None:
        return []
    where = cite(spec.clause, policy)
    threshold = float(spec.min_score)
    shown = number(int(threshold) if threshold.is_integer() else threshold)
    values = {"score": number(score, 1), "min": shown, "where": where}
    return [
        _(
            "Оценка стиля %(score)s ниже порога %(min)s, установленного Порядком (%(where)s). "
            "Перепишите текст разговорным языком или попросите руководителя разрешить "
            "публикацию с обоснованием."
        )
        % values
    ]


def may_override(user: Any, ministry: Ministry) -> bool:
    return memberships(user, ministry).filter(role=OVERRIDE_ROLE).exists()


@transaction.atomic
def do_override_style_gate(
    ministry: Ministry, obj: models.Model, text: str, *, actor: Any, reason: str
) -> StyleOverride:
    """Let ``text`` of ``obj`` through the gate; the reason is audited and shown."""
    if not may_override(actor, ministry):
        raise PermissionDenied("Разрешает руководитель: у вас нет этой роли")
    if not reason.strip():
        raise ValidationError("Укажите обоснование: почему текст выходит ниже порога")
    spec = policy_for(ministry).style
    override = StyleOverride.objects.create(
        ministry=ministry,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        text_hash=_hash(text),
        score=check_for(ministry, text).score,
        min_score=spec.min_score if spec.min_score is not None else 0.0,
        reason=reason.strip(),
        created_by=actor,
    )
    record(
        "style.override",
        actor=actor,
        obj=obj,
        ministry=ministry,
        after={"score": override.score, "min_score": override.min_score},
        reason=override.reason,
    )
    return override


def overrides_between(ministry: Ministry, start: Any, end: Any) -> list[StyleOverride]:
    """Texts let through below ``style.min_score`` in [start, end): for the weekly report
    (who, when, score, threshold, reason)."""
    rows = StyleOverride.objects.filter(
        ministry=ministry, created_at__gte=start, created_at__lt=end
    ).select_related("created_by")
    return list(rows.order_by("created_at")[:500])
