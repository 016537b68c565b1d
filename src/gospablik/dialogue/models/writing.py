"""Writing help: the ministry's answer templates and internal notes on threads."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gospablik.dialogue.models.threads import Thread


class Template(models.Model):
    """An answer template; ``{имя}`` and ``{адрес}`` are filled in from the thread."""

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("название"), max_length=200)
    category = models.CharField(
        _("категория"), max_length=16, choices=Thread.Category.choices, blank=True
    )
    text = models.TextField(_("текст"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("шаблон ответа")
        verbose_name_plural = _("шаблоны ответов")

    def __str__(self) -> str:
        return self.title


class Note(models.Model):
    """An internal note on a thread: never published."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("заметка"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("заметка")
        verbose_name_plural = _("заметки")

    def __str__(self) -> str:
        return self.text[:40]
