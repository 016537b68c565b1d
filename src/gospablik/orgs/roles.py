"""Roles a person can hold in an organization, with their Russian names."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ROLE_LABELS = {
    "head": _("Руководитель"),
    "editor": _("Редактор"),
    "reviewer": _("Согласующий"),
    "moderator": _("Модератор"),
    "registry_keeper": _("Ведущий реестра"),
    "security_officer": _("Ответственный за безопасность"),
    "legal": _("Юрист"),
    "viewer": _("Наблюдатель"),
}
ROLE_CHOICES = list(ROLE_LABELS.items())

ORG_KIND_LABELS = {
    "ministry": _("Министерство"),
    "department": _("Отдел министерства"),
    "operator": _("Подведомственное учреждение (оператор)"),
    "cur": _("ЦУР"),
    "media_directorate": _("Управление по работе со СМИ"),
}
ORG_KIND_CHOICES = list(ORG_KIND_LABELS.items())
