from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gospablik.duties.models import EVIDENCE_METHODS
from gospablik.orgs.models import Ministry, Organization
from gospablik.registry.actions import EDITABLE
from gospablik.registry.models import Account

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AccountForm(forms.ModelForm):
    """Field checks only; the rules of the policy run in the action and come back as errors."""

    url = forms.URLField(label=_("Адрес (URL)"), max_length=500, assume_scheme="https")

    class Meta:
        model = Account
        fields = list(EDITABLE)
        widgets = {
            "created_on": DATE,
            "deleted_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, ministry: Ministry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible_org"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.filter(ministry=ministry)
        self._offer_policy_networks(ministry)

    def _offer_policy_networks(self, ministry: Ministry) -> None:
        """Only networks the Порядок allows (an existing account keeps its own)."""
        from gospablik.policy.store import NoPolicy, policy_for

        try:
            policy = policy_for(ministry)
        except NoPolicy:
            return
        from gospablik.registry.networks import NETWORK_CHOICES, NETWORK_LABELS

        network = self.fields["network"]
        assert isinstance(network, forms.ChoiceField)
        current = self.instance.network if self.instance.pk else None
        network.choices = [("", "---------")] + [
            (value, label)
            for value, label in NETWORK_CHOICES
            if policy.allows_network(value) or value == current
        ]
        allowed = ", ".join(str(NETWORK_LABELS[n.network]) for n in policy.networks)
        network.error_messages["invalid_choice"] = _(
            "Порядок министерства не предусматривает эту соцсеть. Разрешены: %(allowed)s."
        ) % {"allowed": allowed}

    def validate_unique(self) -> None:
        """Uniqueness needs the ministry, which the action sets; it is checked there."""


class MarkDeletedForm(forms.Form):
    deleted_on = forms.DateField(label=_("Дата удаления в соцсети"), widget=DATE)
    reason = forms.CharField(label=_("Причина"), required=False, max_length=500)


class CompleteDutyForm(forms.Form):
    METHODS = EVIDENCE_METHODS
    method = forms.ChoiceField(label=_("Как исполнено"), choices=METHODS)
    done_on = forms.DateField(label=_("Когда отправлено / исполнено"), widget=DATE)
    reference = forms.CharField(label=_("Номер / ссылка"), required=False, max_length=200)
    comment = forms.CharField(
        label=_("Комментарий"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class PolicyForm(forms.Form):
    text = forms.CharField(
        label=_("Политика (YAML)"),
        widget=forms.Textarea(attrs={"rows": 30, "class": "mono", "spellcheck": "false"}),
    )
    comment = forms.CharField(label=_("Что изменено"), max_length=500)


class OrderSignedForm(forms.Form):
    signed_on = forms.DateField(label=_("Дата подписания приказа"), widget=DATE)
