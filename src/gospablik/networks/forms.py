"""The "connect account" form, built from the connector's declared config fields."""

from __future__ import annotations

from typing import Any

from django import forms

from gospablik.networks.base import ConfigField
from gospablik.security.crypto import mask


class ConnectionForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        schema: tuple[ConfigField, ...],
        config: dict[str, Any],
        secrets: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.schema = schema
        for item in schema:
            self.fields[item.key] = self._field(item, config, secrets)

    def _field(
        self, item: ConfigField, config: dict[str, Any], secrets: dict[str, str]
    ) -> forms.Field:
        if item.secret:
            stored = secrets.get(item.key, "")
            help_text = (
                f"сохранено: {mask(stored)}; оставьте пустым, чтобы не менять" if stored else ""
            )
            return forms.CharField(
                label=item.label,
                required=item.required and not stored,
                widget=forms.PasswordInput(render_value=False),
                help_text=help_text or item.help,
                max_length=2000,
            )
        return forms.CharField(
            label=item.label,
            required=item.required,
            help_text=item.help,
            initial=config.get(item.key, ""),
            max_length=500,
        )

    def split(self) -> tuple[dict[str, str], dict[str, str]]:
        """(config, secrets) from the cleaned data."""
        config = {
            f.key: self.cleaned_data[f.key]
            for f in self.schema
            if not f.secret and self.cleaned_data.get(f.key)
        }
        secrets = {f.key: self.cleaned_data[f.key] for f in self.schema if f.secret}
        return config, secrets
