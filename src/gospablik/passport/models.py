"""The page passport of an account: what its network page shows, read on a schedule."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PagePassport(models.Model):
    account = models.OneToOneField(
        "registry.Account", on_delete=models.CASCADE, related_name="passport"
    )
    checked_at = models.DateTimeField(_("проверено"))
    # [{"item": "avatar", "ok": true|false|null, "clause": "...", "note": "..."}]
    items = models.JSONField(default=list)
    error = models.CharField(_("ошибка чтения"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("паспорт страницы")
        verbose_name_plural = _("паспорта страниц")

    def __str__(self) -> str:
        return f"{self.account}: {self.checked_at:%Y-%m-%d}"

    @property
    def missing(self) -> list[dict[str, object]]:
        return [i for i in self.items if i.get("ok") is False]
