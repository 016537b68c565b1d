"""An answer to a thread and its delivery through the outbound queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Answer(models.Model):
    class State(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("Ждёт согласования")
        REJECTED = "rejected", _("Не согласован")
        QUEUED = "queued", _("В очереди")
        SENT = "sent", _("Отправлен")
        FAILED = "failed", _("Не отправлен")
        NEEDS_PERSON = "needs_person", _("Нужен человек")

    PENDING = (State.AWAITING_APPROVAL, State.QUEUED)

    thread = models.ForeignKey("dialogue.Thread", on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("текст ответа"))
    text_key = models.CharField(max_length=64, db_index=True)  # hash of the normalised text
    interim = models.BooleanField(_("промежуточный ответ"), default=False)
    private = models.BooleanField(_("в личные сообщения"), default=False)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    operation_key = models.CharField(max_length=200, blank=True, db_index=True)
    network_answer_id = models.CharField(_("id ответа в соцсети"), max_length=64, blank=True)
    sent_at = models.DateTimeField(_("отправлен"), null=True, blank=True)
    error = models.TextField(_("причина"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ответ")
        verbose_name_plural = _("ответы")

    def __str__(self) -> str:
        return f"{self.thread_id}: {self.text[:40]}"
