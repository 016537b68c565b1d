from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gospablik.moderation.models import UnlawfulRule
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DECISION_CHOICES = [
    ("delete", _("Удалить")),
    ("keep", _("Оставить")),
    ("ban", _("Удалить и применить санкцию")),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Решение"), choices=DECISION_CHOICES)
    reason = forms.CharField(label=_("Основание"), max_length=500, required=False)


class BulkDecisionForm(DecisionForm):
    ids = forms.TypedMultipleChoiceField(label=_("Комментарии"), coerce=int, choices=())

    def __init__(self, *args: Any, ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ids"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, str(pk)) for pk in ids]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Основание"), max_length=500)


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Текст обжалования"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class AppealDecisionForm(forms.Form):
    granted = forms.TypedChoiceField(
        label=_("Решение"),
        choices=[("1", _("Удовлетворить (санкция отменяется)")), ("0", _("Отклонить"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Пояснение"), max_length=500)


class RuleForm(forms.ModelForm):
    class Meta:
        model = UnlawfulRule
        fields = ["key", "kind", "pattern", "norm", "description", "active"]

    def validate_unique(self) -> None:
        """Uniqueness needs the ministry, which the action sets; it is checked there."""


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Кому"), queryset=get_user_model().objects.none())

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users
        field.label_from_instance = _person  # type: ignore[method-assign,assignment]


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Ответ"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class ReportForm(forms.Form):
    account = forms.ModelChoiceField(
        label=_("Аккаунт"),
        queryset=Account.objects.none(),
        required=False,
        empty_label=_("все аккаунты"),
    )
    since = forms.DateField(label=_("С"), widget=DATE)
    until = forms.DateField(label=_("По"), widget=DATE)

    def __init__(self, *args: Any, ministry: Ministry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["account"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Account.objects.filter(ministry=ministry).order_by("title")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("Начало периода позже его конца")
        return data
