"""A ministry's own style-dictionary entries, added on top of the shipped word lists."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gospablik.style import CATEGORIES

CATEGORY_CHOICES = [(key, _(label)) for key, label in CATEGORIES.items()]


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


class StyleOverride(models.Model):
    """A person with the right role let a text below ``style.min_score`` through (п.2.4).

    Bound to the exact text: an edit after the override needs a new decision.
    """

    ministry = models.ForeignKey(
        "orgs.Ministry", on_delete=models.CASCADE, related_name="style_overrides"
    )
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    text_hash = models.CharField(max_length=64)
    score = models.FloatField(_("оценка стиля"))
    min_score = models.FloatField(_("порог"))
    reason = models.TextField(_("обоснование"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("разрешение ниже порога стиля")
        verbose_name_plural = _("разрешения ниже порога стиля")

    def __str__(self) -> str:
        from gospablik.numbers import number

        return _("Публикация с оценкой стиля %(score)s (порог %(min)s)") % {
            "score": number(self.score, 1),
            "min": number(self.min_score, 1),
        }
