"""Stored policy versions: a ministry's Порядок is never edited in place."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyVersion(models.Model):
    ministry = models.ForeignKey(
        "orgs.Ministry", on_delete=models.CASCADE, related_name="policy_versions"
    )
    version = models.PositiveIntegerField()
    text = models.TextField(_("текст политики (YAML)"))
    comment = models.CharField(_("что изменено"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["ministry", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["ministry", "version"], name="policy_version_unique")
        ]
        verbose_name = _("версия политики")
        verbose_name_plural = _("версии политики")

    def __str__(self) -> str:
        return f"{self.ministry} v{self.version}"
