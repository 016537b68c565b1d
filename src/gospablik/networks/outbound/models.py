"""The one table of outgoing network operations (see :mod:`gospablik.networks.outbound`)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Operation(models.Model):
    """One action on a network: queued until due, claimed under a lease, recorded once."""

    class State(models.TextChoices):
        QUEUED = "queued", _("В очереди")
        RUNNING = "running", _("Выполняется")
        DONE = "done", _("Выполнено")
        FAILED = "failed", _("Не выполнено")
        NEEDS_PERSON = "needs_person", _("Нужно вмешательство человека")

    kind = models.CharField(_("вид"), max_length=48)
    connection = models.ForeignKey(
        "networks.Connection", on_delete=models.CASCADE, related_name="operations"
    )
    payload = models.JSONField(default=dict, blank=True)
    key = models.CharField(_("ключ идемпотентности"), max_length=200)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    needs_check = models.BooleanField(default=False)  # read back before repeating
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("последняя ошибка"), blank=True)
    last_error_code = models.CharField(max_length=64, blank=True)
    result = models.JSONField(default=dict, blank=True)
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "kind", "key"], name="outbound_operation_once"
            )
        ]
        indexes = [
            models.Index(fields=["state", "next_try_at"], name="outbound_due"),
            models.Index(fields=["subject_type", "subject_id"], name="outbound_subject"),
        ]
        verbose_name = _("операция в соцсети")
        verbose_name_plural = _("операции в соцсетях")

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.state})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED, self.State.NEEDS_PERSON)
