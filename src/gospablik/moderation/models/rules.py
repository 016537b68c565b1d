"""Rules of the ministry's legal department for unlawful content, each citing its norm."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gospablik.moderation.classifier.core import UnlawfulRule as ClassifierRule

DOMAIN = re.compile(r"^(?:[a-z0-9а-яё-]+\.)+[a-zа-я]{2,}$", re.I)


class UnlawfulRule(models.Model):
    class Kind(models.TextChoices):
        KEYWORD = "keyword", _("Слово или фраза")
        REGEX = "regex", _("Регулярное выражение")
        DOMAIN = "domain", _("Домен ссылки")

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("код правила"), max_length=64)
    kind = models.CharField(_("вид"), max_length=16, choices=Kind.choices)
    pattern = models.CharField(
        _("шаблон"),
        max_length=500,
        help_text=_("Слово (звёздочка в конце — любое окончание), выражение или домен"),
    )
    norm = models.CharField(
        _("норма права"), max_length=300, help_text=_("Например: ст. 20.3.1 КоАП РФ")
    )
    description = models.CharField(_("описание"), max_length=500)
    active = models.BooleanField(_("действует"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ministry", "key"], name="moderation_rule_key_once")
        ]
        ordering = ["key"]
        verbose_name = _("правило о незаконном содержании")
        verbose_name_plural = _("правила о незаконном содержании")

    def __str__(self) -> str:
        return f"{self.key} ({self.norm})"

    def clean(self) -> None:
        if self.kind == self.Kind.REGEX:
            try:
                re.compile(self.pattern)
            except re.error as error:
                raise ValidationError({"pattern": f"Ошибка в выражении: {error}"}) from None
        if self.kind == self.Kind.DOMAIN and not DOMAIN.match(self.pattern.strip()):
            raise ValidationError({"pattern": "Укажите домен, например example.com"})

    def to_classifier(self) -> ClassifierRule:
        kind = self.Kind(self.kind).value
        return ClassifierRule(self.key, kind, self.pattern, self.norm, self.description)  # type: ignore[arg-type]
