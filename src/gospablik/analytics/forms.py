"""The date range of the analytics pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gospablik.analytics.period import Period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_DAYS = 366


class PeriodForm(forms.Form):
    since = forms.DateField(label=_("С"), widget=DATE, input_formats=["%Y-%m-%d", "%d.%m.%Y"])
    until = forms.DateField(label=_("По"), widget=DATE, input_formats=["%Y-%m-%d", "%d.%m.%Y"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("Начало периода позже его конца"))
        if since and until and (until - since).days >= MAX_DAYS:
            raise forms.ValidationError(_("Период не может быть длиннее года"))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["since"], self.cleaned_data["until"])


def period_form(params: Any, default: Period) -> tuple[PeriodForm, Period]:
    """The form bound to the query (or the default period); an invalid range keeps the
    form's errors and falls back to the default so the page still shows something."""
    if "since" not in params and "until" not in params:
        params = {"since": default.since.isoformat(), "until": default.until.isoformat()}
    form = PeriodForm(params)
    return form, form.period() if form.is_valid() else default
