"""Private messages to a community: an inbox where they are assigned and answered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Новое")
        ASSIGNED = "assigned", _("Назначено")
        ANSWERED = "answered", _("Отвечено")
        CLOSED = "closed", _("Закрыто без ответа")

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(
        "registry.Account", on_delete=models.CASCADE, related_name="moderation_messages"
    )
    network = models.CharField(_("соцсеть"), max_length=16)
    network_message_id = models.CharField(max_length=64)
    author_id = models.CharField(_("id автора"), max_length=64, blank=True)
    author_name = models.CharField(_("автор"), max_length=300, blank=True)
    text = models.TextField(_("текст"), blank=True)
    attachments = models.JSONField(default=list, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        _("состояние"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    labels = models.JSONField(default=list)
    scores = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    flagged = models.BooleanField(_("оскорбительное / нарушение"), default=False)
    answer_text = models.TextField(_("ответ"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer_sent = models.BooleanField(_("ответ отправлен в соцсеть"), default=False)
    answer_note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "network_message_id"], name="moderation_message_once"
            )
        ]
        ordering = ["received_at", "pk"]
        verbose_name = _("сообщение сообществу")
        verbose_name_plural = _("сообщения сообществу")

    def __str__(self) -> str:
        return f"{self.network}:{self.network_message_id}"
