"""The legal department's rules: created and changed only here, each change audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gospablik.audit.log import record, snapshot
from gospablik.moderation.models import UnlawfulRule
from gospablik.orgs.models import Ministry

FIELDS = ("key", "kind", "pattern", "norm", "description", "active")


@transaction.atomic
def do_save_rule(
    ministry: Ministry, data: dict[str, Any], *, actor: Any, rule: UnlawfulRule | None = None
) -> UnlawfulRule:
    """Create (``rule`` None) or change a rule; ValidationError for a bad pattern or key."""
    before = None if rule is None else snapshot(rule)
    target = rule or UnlawfulRule(ministry=ministry, created_by=actor)
    for name in FIELDS:
        if name in data:
            setattr(target, name, data[name])
    target.full_clean(exclude=["created_by"])
    taken = UnlawfulRule.objects.filter(ministry=ministry, key=target.key).exclude(pk=target.pk)
    if taken.exists():
        raise ValidationError({"key": "Правило с таким кодом уже есть"})
    target.save()
    record(
        "moderation.rule_create" if rule is None else "moderation.rule_change",
        actor=actor,
        obj=target,
        ministry=ministry,
        before=before,
        after=snapshot(target),
    )
    return target


@transaction.atomic
def do_delete_rule(rule: UnlawfulRule, *, actor: Any) -> None:
    """Remove a rule (comments it flagged keep their findings; the log keeps the rule)."""
    before = snapshot(rule)
    ministry, pk, text = rule.ministry, rule.pk, str(rule)
    rule.delete()
    record(
        "moderation.rule_delete",
        actor=actor,
        ministry=ministry,
        object_type=UnlawfulRule._meta.label_lower,
        object_id=str(pk),
        object_repr=text,
        before=before,
    )
