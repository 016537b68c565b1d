"""The filters of the audit page: person, object, action, period (all optional)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gospablik.audit.models import AuditEntry
from gospablik.audit.phrases import PHRASES
from gospablik.orgs.models import Ministry

DATE = forms.DateInput(attrs={"type": "date"})
OBJECTS = {
    "registry.account": _("Аккаунты"),
    "content.post": _("Публикации"),
    "approvals.submission": _("Согласования"),
    "duties.duty": _("Обязанности"),
    "moderation.comment": _("Комментарии"),
    "policy.policyversion": _("Порядок"),
    "networks.connection": _("Подключения"),
    "orgs.organization": _("Организации"),
}


class AuditFilterForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Кто"), queryset=get_user_model().objects.none(), required=False
    )
    object_type = forms.ChoiceField(label=_("Объект"), required=False)
    action = forms.ChoiceField(label=_("Действие"), required=False)
    since = forms.DateField(label=_("С"), required=False, widget=DATE)
    until = forms.DateField(label=_("По"), required=False, widget=DATE)

    def __init__(self, data: Any, ministry: Ministry) -> None:
        super().__init__(data)
        people = (
            get_user_model().objects.filter(memberships__organization__ministry=ministry).distinct()
        )
        self.fields["person"].queryset = people.order_by("last_name", "username")  # type: ignore[attr-defined]
        self.fields["person"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.get_username()
        )
        everything = [("", _("все"))]
        self.fields["object_type"].choices = everything + list(OBJECTS.items())  # type: ignore[attr-defined]
        actions = sorted(PHRASES.items(), key=lambda kv: str(kv[1]))
        self.fields["action"].choices = everything + actions  # type: ignore[attr-defined]

    def apply(self, entries: QuerySet[AuditEntry], tz: Any) -> QuerySet[AuditEntry]:
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["person"]:
            entries = entries.filter(actor=data["person"])
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["since"]:
            entries = entries.filter(created_at__date__gte=data["since"])
        if data["until"]:
            entries = entries.filter(created_at__date__lte=data["until"])
        return entries
