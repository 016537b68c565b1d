"""Duties: what someone owes by when. One mechanism for every deadline of the orders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gospablik.duties.kinds import DUTY_KINDS

# How a duty was done (the evidence form's choices; stored in ``Duty.resolution``)
EVIDENCE_METHODS = [
    ("letter", _("Письмо")),
    ("edo", _("Система электронного документооборота")),
    ("email", _("Электронная почта")),
    ("messenger", _("Мессенджер")),
    ("site", _("Размещено на сайте")),
    ("other", _("Другое")),
]


class Duty(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Открыта")
        DONE = "done", _("Выполнена")
        CANCELLED = "cancelled", _("Отменена")

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="duties")
    kind = models.CharField(_("вид"), max_length=64, db_index=True)  # a key of DUTY_KINDS
    owner_org = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        related_name="duties",
        verbose_name=_("кто должен"),
    )
    recipient = models.CharField(_("кому"), max_length=300, blank=True)
    title = models.CharField(_("что сделать"), max_length=500)
    description = models.TextField(_("подробности"), blank=True)
    clause = models.CharField(_("пункт порядка"), max_length=200, blank=True)
    subject_type = models.CharField(max_length=100, blank=True, db_index=True)
    subject_id = models.CharField(max_length=64, blank=True, db_index=True)
    period_text = models.CharField(_("срок"), max_length=100, blank=True)
    policy_version = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(_("начало отсчёта"))
    due_at = models.DateTimeField(_("срок исполнения"), null=True, blank=True, db_index=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.JSONField(default=dict, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [models.F("due_at").asc(nulls_last=True), "pk"]
        # scale (issue 18): the duties board of a ministry, soonest first, keyset on (due_at, id)
        indexes = [models.Index(fields=["ministry", "status", "due_at", "id"], name="duty_board")]
        verbose_name = _("обязанность")
        verbose_name_plural = _("обязанности")

    def __str__(self) -> str:
        return self.title

    def get_kind_display(self) -> str:
        return str(DUTY_KINDS.get(self.kind, self.kind))

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, now: object = None) -> bool:
        moment = now or timezone.now()
        return self.is_open and self.due_at is not None and self.due_at < moment  # type: ignore[operator]

    def was_on_time(self) -> bool | None:
        if self.status != self.Status.DONE or self.due_at is None or self.done_at is None:
            return None
        return self.done_at <= self.due_at


class Notification(models.Model):
    """An in-app message (reminder, escalation); also sent by email when the user has one."""

    class Level(models.TextChoices):
        INFO = "info", _("Сообщение")
        REMINDER = "reminder", _("Напоминание")
        ESCALATION = "escalation", _("Эскалация")
        ALERT = "alert", _("Тревога")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    duty = models.ForeignKey(Duty, null=True, blank=True, on_delete=models.CASCADE)
    level = models.CharField(max_length=16, choices=Level.choices)
    text = models.CharField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        # scale (issue 18): one user's notifications, newest first, keyset on (created_at, id)
        indexes = [models.Index(fields=["user", "-created_at", "-id"], name="notification_recent")]
        verbose_name = _("уведомление")
        verbose_name_plural = _("уведомления")

    def __str__(self) -> str:
        return self.text
