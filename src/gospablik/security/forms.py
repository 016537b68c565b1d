from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gospablik.orgs.models import Ministry, Organization
from gospablik.security.alerts import OUTCOMES
from gospablik.security.changes import ROLE_LABELS_RU

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", _("не известно")), ("yes", _("да")), ("no", _("нет"))]


def _orgs(field: forms.Field, ministry: Ministry) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Organization.objects.filter(ministry=ministry)


class PostureForm(forms.Form):
    owner_2fa = forms.ChoiceField(
        label=_("Второй фактор на входе владельца аккаунта включён"), choices=YES_NO, required=False
    )
    owner_login_holder = forms.CharField(
        label=_("У кого логин и пароль владельца (должность, ФИО)"), max_length=300, required=False
    )
    owner_login_org = forms.ModelChoiceField(
        label=_("Организация владельца логина"),
        queryset=Organization.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, ministry: Ministry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _orgs(self.fields["owner_login_org"], ministry)

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["owner_2fa"] = {"yes": True, "no": False}.get(data["owner_2fa"])
        return data


class AllowedAdminForm(forms.Form):
    network_user_id = forms.RegexField(
        label=_("ID в соцсети"), regex=r"^-?[\w.]{1,64}$", max_length=64
    )
    name = forms.CharField(label=_("Имя"), max_length=200)
    role = forms.ChoiceField(label=_("Разрешённая роль"), choices=list(ROLE_LABELS_RU.items()))


class CredentialForm(forms.Form):
    holder_org = forms.ModelChoiceField(
        label=_("Организация-держатель"), queryset=Organization.objects.none(), required=False
    )
    scope = forms.CharField(
        label=_("Права (scope)"),
        required=False,
        max_length=1000,
        help_text=_("Через запятую, как в настройках соцсети: wall, groups, photos …"),
    )
    expires_on = forms.DateField(
        label=_("Действует до (включительно)"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, ministry: Ministry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _orgs(self.fields["holder_org"], ministry)


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Итог"), choices=list(OUTCOMES.items()))
    resolution = forms.CharField(
        label=_("Что сделано"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AuditExportForm(forms.Form):
    date_from = forms.DateField(label=_("С"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("По"), required=False, widget=DATE)
    fmt = forms.ChoiceField(label=_("Формат"), choices=[("xlsx", "XLSX"), ("csv", "CSV")])


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Код из приложения"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Введите шесть цифр.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Назначение"), max_length=100)
    scope = forms.ChoiceField(
        label=_("Права"),
        choices=[
            ("read", _("Только чтение")),
            ("publish", _("Публикация")),
            ("moderate", _("Модерация")),
        ],
    )
    days = forms.IntegerField(
        label=_("Срок действия, дней"), min_value=1, max_value=365, initial=30
    )
    token = TokenForm.base_fields["token"]
