"""How an account of the registry is connected to its network (Django side)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gospablik.security.crypto import EncryptedJSONField


class Connection(models.Model):
    class Status(models.TextChoices):
        UNTESTED = "untested", _("Не проверено")
        OK = "ok", _("Работает")
        ERROR = "error", _("Ошибка")
        NEEDS_PERSON = "needs_person", _("Нужно вмешательство человека")
        DISABLED = "disabled", _("Отключено")

    account = models.OneToOneField(
        "registry.Account", on_delete=models.CASCADE, related_name="connection"
    )
    config = models.JSONField(_("настройки"), default=dict, blank=True)
    secrets = EncryptedJSONField(_("ключи доступа (зашифрованы)"), blank=True, default=dict)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.UNTESTED)
    last_error = models.TextField(_("последняя ошибка"), blank=True)
    last_error_code = models.CharField(max_length=32, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("подключение аккаунта")
        verbose_name_plural = _("подключения аккаунтов")

    def __str__(self) -> str:
        return f"{self.account} ({self.get_status_display()})"

    @property
    def is_usable(self) -> bool:
        return self.status in (self.Status.OK, self.Status.UNTESTED, self.Status.ERROR)


class InboundEvent(models.Model):
    """A push or polled event from a network, stored once per (connection, event id)."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="events")
    event_id = models.CharField(max_length=128)
    kind = models.CharField(max_length=32, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "event_id"], name="inbound_event_once")
        ]
        verbose_name = _("входящее событие")
        verbose_name_plural = _("входящие события")

    def __str__(self) -> str:
        return f"{self.kind} {self.event_id}"


class ConnectorMemory(models.Model):
    """What connectors must remember across processes (e.g. Telegram posts seen)."""

    key = models.CharField(max_length=255, unique=True)
    value = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("память подключения")
        verbose_name_plural = _("память подключений")

    def __str__(self) -> str:
        return self.key


from gospablik.networks.outbound.models import Operation  # noqa: E402  (the queue's table)

__all__ = ["Connection", "ConnectorMemory", "InboundEvent", "Operation"]
