"""Audit entries as people read them: field labels, names instead of ids, choice labels
instead of stored values, dates and times in the ministry's time zone."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gospablik.audit.models import AuditEntry
from gospablik.calendar.deadlines import Period
from gospablik.duties.kinds import DUTY_KINDS
from gospablik.duties.models import EVIDENCE_METHODS

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
    # a duty's evidence (Duty.resolution)
    "method": gettext_lazy("как исполнено"),
    "done_on": gettext_lazy("когда исполнено"),
    "reference": gettext_lazy("номер / ссылка"),
    "comment": gettext_lazy("комментарий"),
    "dialogue": gettext_lazy("диалог"),
    "config": gettext_lazy("настройки подключения"),
    "secret_keys": gettext_lazy("заданные секреты"),
}
VALUE_LABELS: dict[str, dict[str, Any]] = {"method": dict(EVIDENCE_METHODS), "kind": DUTY_KINDS}
PHRASES = frozenset({"dialogue"})  # values that are our own Russian phrases, translated
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


@cache
def _config_labels() -> dict[str, str]:
    """A connection's settings and secrets by key, as the "connect account" form names them."""
    from gospablik.networks.registry import CONNECTOR_PATHS, get_connector_class

    return {
        f.key: f.label
        for network in CONNECTOR_PATHS
        for f in get_connector_class(network).config_schema
    }


def label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    if field is not None:
        return str(capfirst(field.verbose_name))
    if key in _config_labels():
        return str(capfirst(_(_config_labels()[key])))
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
    if key == "period_text" and isinstance(value, str):
        period = Period.from_ru(value)
        return period.describe() if period is not None else value
    if key in ("subject_type", "object_type") and isinstance(value, str) and _model(value):
        return str(capfirst(_model(value)._meta.verbose_name))  # type: ignore[union-attr]
    if key == "key" and isinstance(value, str) and value in _config_labels():
        return label(None, value)  # a credential's name: the form's label, not the key
    if key == "secret_keys" and isinstance(value, list):  # names only, never the secrets
        return ", ".join(label(None, k) for k in value)
    if key in PHRASES and isinstance(value, str):
        return _(value)
    if key in VALUE_LABELS and isinstance(value, str):
        return str(VALUE_LABELS[key].get(value, value))
    if isinstance(value, dict):  # e.g. a duty's evidence: each part with its label
        parts = (f"{label(None, k)}: {show(None, k, v, tz)}" for k, v in value.items())
        return "; ".join(parts)
    if isinstance(value, list):
        return ", ".join(_named(v, tz) for v in value)
    return str(value)


def _named(value: Any, tz: ZoneInfo) -> str:
    """One element of a stored list; a record (a submission's item) by its words."""
    if not isinstance(value, dict):
        return show(None, "", value, tz)
    named = next((value[k] for k in ("title", "name", "text") if value.get(k)), None)
    return str(named) if named is not None else _("запись")


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
