"""The account registry (clause 1.2.1 of both orders)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gospablik.registry.networks import NETWORK_CHOICES


class Account(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Планируется")
        ACTIVE = "active", _("Действует")
        DELETED = "deleted", _("Удалён")

    class Tier(models.TextChoices):
        NONE = "", _("—")
        FLAGSHIP = "flagship", _("Флагманский")
        ACTIVE = "active", _("Активный")
        CARD = "card", _("Визитка")

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="accounts")
    network = models.CharField(_("соцсеть"), max_length=16, choices=NETWORK_CHOICES)
    url = models.URLField(_("адрес (URL)"), max_length=500)
    network_id = models.CharField(_("идентификатор в соцсети"), max_length=64, blank=True)
    title = models.CharField(_("название"), max_length=300)
    status = models.CharField(
        _("статус"), max_length=16, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    created_on = models.DateField(_("дата создания в соцсети"), null=True, blank=True)
    deleted_on = models.DateField(_("дата удаления в соцсети"), null=True, blank=True)
    responsible_org = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        related_name="accounts",
        verbose_name=_("ответственная организация"),
    )
    responsible_person = models.CharField(_("ответственное лицо"), max_length=200, blank=True)
    responsible_contact = models.CharField(_("контакт ответственного"), max_length=200, blank=True)
    verified = models.BooleanField(_("госметка"), default=False)
    tier = models.CharField(
        _("тип страницы"), max_length=16, choices=Tier.choices, blank=True, default=Tier.NONE
    )
    description = models.TextField(_("описание"), blank=True)
    has_avatar = models.BooleanField(_("аватар"), default=False)
    has_cover = models.BooleanField(_("обложка"), default=False)
    has_widgets = models.BooleanField(_("виджеты / приложения"), default=False)
    has_dynamic_cover = models.BooleanField(_("динамическая обложка"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["ministry", "network", "title"]
        indexes = [models.Index(fields=["ministry", "status", "network"])]
        constraints = [
            models.UniqueConstraint(
                fields=["ministry", "network", "url"], name="account_url_unique_in_ministry"
            )
        ]
        verbose_name = _("аккаунт")
        verbose_name_plural = _("аккаунты")

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.title}"

    DESIGN_FIELDS = ("has_avatar", "has_cover", "has_widgets", "has_dynamic_cover")

    def design_done(self) -> int:
        return sum(bool(getattr(self, f)) for f in self.DESIGN_FIELDS)
