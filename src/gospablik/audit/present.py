"""Audit entries as people read them: field labels, names instead of ids, choice labels
instead of stored values, dates and times in the ministry's time zone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gospablik.audit.models import AuditEntry

EXTRA_LABELS = {
    "signed_on": gettext_lazy("дата подписания"),
    "score": gettext_lazy("оценка"),
    "min_score": gettext_lazy("порог"),
    "version": gettext_lazy("версия"),
    "round": gettext_lazy("раунд"),
    "due_at": gettext_lazy("срок"),
    "missing": gettext_lazy("чего нет"),
    "format": gettext_lazy("формат"),
    "decision": gettext_lazy("решение"),
    "document": gettext_lazy("документ"),
}
HIDDEN = frozenset({"text", "docx_sha256", "pdf_sha256", "id"})


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type) if "." in object_type else None
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return field if isinstance(field, models.Field) else None
    return None


def label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    if field is not None:
        return str(capfirst(field.verbose_name))
    return str(capfirst(EXTRA_LABELS.get(key, key.replace("_", " "))))


def _local(value: str, tz: ZoneInfo) -> str | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) == 10:
        return f"{date.fromisoformat(value):%d.%m.%Y}"
    if moment.tzinfo is None:
        return f"{moment:%d.%m.%Y %H:%M}"
    return f"{moment.astimezone(tz):%d.%m.%Y %H:%M}"


def show(model: type[models.Model] | None, key: str, value: Any, tz: ZoneInfo) -> str:
    """A stored value as the user entered it."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("да") if value else _("нет")
    field = _field(model, key)
    if field is not None and field.is_relation and field.related_model is not None:
        return _related(field.related_model, value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and value[:2].isdigit() and "-" in value[:8]:
        return _local(value, tz) or value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _related(model: Any, value: Any) -> str:
    """The name of the related row (an id is never shown)."""
    if isinstance(value, list):
        return ", ".join(_related(model, v) for v in value)
    if not str(value).isdigit():
        return str(value)
    related = model._default_manager.filter(pk=int(value)).first()
    return str(related) if related is not None else "—"


def changes(entry: AuditEntry, tz: ZoneInfo) -> list[tuple[str, str, str]]:
    """(label, before, after) of each field the entry changed."""
    model = _model(entry.object_type)
    before, after = entry.before or {}, entry.after or {}
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in HIDDEN]
    return [
        (label(model, k), show(model, k, before.get(k), tz), show(model, k, after.get(k), tz))
        for k in keys
        if before.get(k) != after.get(k)
    ]
