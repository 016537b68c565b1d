"""Ministries (tenants), their organizations and who belongs to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gospablik.orgs.roles import ORG_KIND_CHOICES, ROLE_CHOICES


class Ministry(models.Model):
    """A government body whose accounts gospablik runs; everything else belongs to one."""

    key = models.SlugField(max_length=64, unique=True)
    name = models.CharField(_("название"), max_length=300)
    short_name = models.CharField(_("краткое название"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("министерство")
        verbose_name_plural = _("министерства")

    def __str__(self) -> str:
        return self.short_name


class Organization(models.Model):
    ministry = models.ForeignKey(Ministry, on_delete=models.CASCADE, related_name="organizations")
    key = models.SlugField(max_length=64)
    kind = models.CharField(_("вид"), max_length=32, choices=ORG_KIND_CHOICES)
    name = models.CharField(_("название"), max_length=400)
    short_name = models.CharField(_("краткое название"), max_length=150)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["ministry", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ministry", "key"], name="org_key_unique_in_ministry")
        ]
        verbose_name = _("организация")
        verbose_name_plural = _("организации")

    def __str__(self) -> str:
        return self.short_name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("роль"), max_length=32, choices=ROLE_CHOICES)
    is_active = models.BooleanField(_("действует"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique"
            )
        ]
        verbose_name = _("членство")
        verbose_name_plural = _("членства")

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.get_role_display()})"
