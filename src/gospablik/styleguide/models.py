"""A ministry's own style-dictionary entries, added on top of the shipped word lists."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gospablik.style import CATEGORIES

CATEGORY_CHOICES = list(CATEGORIES.items())


class StyleEntry(models.Model):
    ministry = models.ForeignKey(
        "orgs.Ministry", on_delete=models.CASCADE, related_name="style_entries"
    )
    phrase = models.CharField(_("слово или выражение"), max_length=200)
    category = models.CharField(
        _("категория"), max_length=32, choices=CATEGORY_CHOICES, default="bureaucratese"
    )
    suggestion = models.CharField(_("как лучше"), max_length=200, blank=True)
    note = models.CharField(_("пояснение"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phrase"]
        constraints = [
            models.UniqueConstraint(fields=["ministry", "phrase"], name="style_entry_unique")
        ]
        verbose_name = _("запись словаря стиля")
        verbose_name_plural = _("словарь стиля министерства")

    def __str__(self) -> str:
        return self.phrase
