"""The blacklist: authors who broke the rules and the sanctions of the ladder they got."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Offender(models.Model):
    """An author on one network, across all of the ministry's accounts there."""

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    network = models.CharField(_("соцсеть"), max_length=16)
    author_id = models.CharField(_("id автора"), max_length=64)
    author_name = models.CharField(_("автор"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ministry", "network", "author_id"], name="moderation_offender_once"
            )
        ]
        ordering = ["-created_at", "-pk"]
        verbose_name = _("нарушитель")
        verbose_name_plural = _("чёрный список")

    def __str__(self) -> str:
        return f"{self.network}:{self.author_id}"


class Sanction(models.Model):
    """One step of the sanctions ladder applied to an offender."""

    class Action(models.TextChoices):
        WARNING = "warning", _("Предупреждение")
        BAN = "ban", _("Блокировка")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Действует")
        LIFTED = "lifted", _("Снята")
        ANNULLED = "annulled", _("Отменена по обжалованию")

    class Appeal(models.TextChoices):
        NONE = "", _("Нет")
        PENDING = "pending", _("Рассматривается")
        GRANTED = "granted", _("Удовлетворена")
        DENIED = "denied", _("Отклонена")

    offender = models.ForeignKey(Offender, on_delete=models.CASCADE, related_name="sanctions")
    step = models.PositiveSmallIntegerField(_("ступень лестницы"))
    action = models.CharField(_("мера"), max_length=16, choices=Action.choices)
    days = models.PositiveIntegerField(_("дней"), null=True, blank=True)
    until = models.DateTimeField(_("до"), null=True, blank=True)
    category = models.CharField(_("нарушение"), max_length=32, blank=True)
    reason = models.CharField(_("основание"), max_length=500)
    comment = models.ForeignKey(
        "moderation.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by_repr = models.CharField(_("кто решил"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    # The network step: per account, "ok" or a Russian note; retried by the recovery task.
    applied = models.JSONField(default=dict, blank=True)
    network_note = models.TextField(_("как применено в соцсети"), blank=True)
    network_next_try_at = models.DateTimeField(null=True, blank=True, db_index=True)
    network_attempts = models.PositiveSmallIntegerField(default=0)
    network_done_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lift_reason = models.CharField(max_length=500, blank=True)
    appeal = models.CharField(max_length=16, choices=Appeal.choices, default=Appeal.NONE)
    appeal_text = models.TextField(_("текст обжалования"), blank=True)
    appeal_at = models.DateTimeField(null=True, blank=True)
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appeal_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("санкция")
        verbose_name_plural = _("санкции")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.offender}"

    def in_force(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        if self.status != self.Status.ACTIVE or self.action != self.Action.BAN:
            return False
        return self.until is None or self.until > moment

    def describe_ru(self) -> str:
        """
        >>> Sanction(action="ban", days=3).describe_ru(), Sanction(action="ban").describe_ru()
        ('Блокировка на 3 дн.', 'Бессрочная блокировка')
        """
        if self.action == self.Action.WARNING:
            return gettext("Предупреждение")
        if self.days:
            return gettext("Блокировка на %(days)s дн.") % {"days": self.days}
        return gettext("Бессрочная блокировка")
