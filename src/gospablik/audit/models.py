"""An append-only, hash-chained audit log.

Every entry stores the keyed hash (HMAC, key outside the database) of the previous one and
of itself; editing or deleting a past entry breaks the chain, and signed checkpoints kept
outside the database catch a cut tail, which `gospablik audit verify` detects.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    seq = models.BigIntegerField(unique=True)
    created_at = models.DateTimeField(db_index=True)
    ministry = models.ForeignKey(
        "orgs.Ministry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_repr = models.CharField(max_length=200)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # The audit key whose HMAC is ``hash`` ("": plain SHA-256, entries older than the key).
    key_id = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ["seq"]
        # scale (issue 18): a ministry's audit page, newest first, keyset on seq
        indexes = [models.Index(fields=["ministry", "-seq"], name="audit_ministry_seq")]
        verbose_name = _("запись аудита")
        verbose_name_plural = _("журнал аудита")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("Audit entries are append-only")


class AuditHead(models.Model):
    """A single row locked while appending, so the chain is written in one order."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head #{self.last_seq}"
