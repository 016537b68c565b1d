"""Forms of the thread page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gospablik.dialogue.models import Thread


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Ответ"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    interim = forms.BooleanField(
        label=_("Промежуточный ответ («уточняем, ответим до …»)"), required=False
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Заметка (видна только сотрудникам)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Ответственный"), queryset=None, required=False
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users
        field.label_from_instance = _person  # type: ignore[method-assign,assignment]


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("Категория"), choices=Thread.Category.choices)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Состояние"),
        choices=[
            (s.value, s.label)
            for s in (Thread.Status.IN_PROGRESS, Thread.Status.NOT_NEEDED, Thread.Status.NEW)
        ],
    )


class AppealForm(forms.Form):
    number = forms.CharField(label=_("Регистрационный номер обращения"), max_length=64)


class RouteForm(forms.Form):
    org: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Передать организации"), queryset=None, required=False
    )

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = orgs
