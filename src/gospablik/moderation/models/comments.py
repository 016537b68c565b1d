"""Comments, their classifications and the evidence archive written before any deletion."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

AUTO = gettext_noop("автомодерация")  # who decided, when no person did


class Comment(models.Model):
    """A comment on one of the ministry's accounts, stored once per network comment id."""

    class Status(models.TextChoices):
        NEW = "new", _("Получен")
        KEPT = "kept", _("Оставлен")
        REVIEW = "review", _("На проверке")
        DELETED = "deleted", _("Удалён")
        HIDDEN = "hidden", _("Скрыт")
        RESTORED = "restored", _("Восстановлен")

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(
        "registry.Account", on_delete=models.CASCADE, related_name="moderation_comments"
    )
    network = models.CharField(_("соцсеть"), max_length=16)
    network_comment_id = models.CharField(_("id комментария в соцсети"), max_length=64)
    post_id = models.CharField(_("запись"), max_length=64, blank=True)
    parent_id = models.CharField(_("ответ на"), max_length=64, blank=True)
    author_id = models.CharField(_("id автора"), max_length=64, blank=True, db_index=True)
    author_name = models.CharField(_("автор"), max_length=300, blank=True)
    text = models.TextField(_("текст"), blank=True)
    attachments = models.JSONField(_("вложения"), default=list, blank=True)
    posted_at = models.DateTimeField(_("опубликован"), null=True, blank=True)
    received_at = models.DateTimeField(_("получен"), default=timezone.now, db_index=True)
    version = models.PositiveIntegerField(_("версия (правки)"), default=1)
    status = models.CharField(
        _("состояние"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    auto_action = models.CharField(_("решение автоматики"), max_length=16, blank=True)
    verdict = models.ForeignKey(
        "moderation.Classification",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_since = models.DateTimeField(_("ждёт проверки с"), null=True, blank=True)
    review_due_at = models.DateTimeField(_("проверить до"), null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(_("решение принято"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by_repr = models.CharField(_("кто решил"), max_length=200, blank=True)
    decision_reason = models.CharField(_("основание"), max_length=500, blank=True)
    network_note = models.TextField(_("замечание о соцсети"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "network_comment_id"], name="moderation_comment_once"
            )
        ]
        indexes = [
            models.Index(fields=["ministry", "status", "received_at"]),
            # scale (issue 18): the comments list, newest first, keyset on (received_at, id)
            models.Index(
                fields=["ministry", "-received_at", "-id"], name="comment_ministry_recent"
            ),
            models.Index(fields=["account", "received_at"], name="comment_account_received"),
        ]
        ordering = ["received_at", "pk"]
        verbose_name = _("комментарий")
        verbose_name_plural = _("комментарии")

    def __str__(self) -> str:
        return f"{self.network}:{self.network_comment_id}"

    @property
    def is_tombstone(self) -> bool:
        """Deleted on the network before we saw its text (events out of order)."""
        return self.status == self.Status.DELETED and self.verdict_id is None


class Classification(models.Model):
    """The classifier's output for one version of a comment's text (edits add versions)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="classifications")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    labels = models.JSONField(default=list)
    scores = models.JSONField(default=dict)
    findings = models.JSONField(default=list)  # [{category, score, explanation, spans: [...]}]
    action = models.CharField(_("рекомендация классификатора"), max_length=16)
    final_action = models.CharField(_("решение по порядку"), max_length=16)
    model_version = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["version", "pk"]
        verbose_name = _("классификация")
        verbose_name_plural = _("классификации")

    def __str__(self) -> str:
        return f"{self.comment_id} v{self.version}: {self.final_action}"

    @property
    def rules(self) -> list[str]:
        return sorted({s["rule"] for f in self.findings for s in f.get("spans", [])})


class ImmutableError(RuntimeError):
    pass


class ArchivedItem(models.Model):
    """An immutable copy of a comment taken before it is deleted on the network.

    Written in the transaction that decides the deletion; the network call happens only
    after it commits, and ``network_done_at`` is set once the network confirmed it. A
    recovery task completes archived deletions whose network step never finished.
    """

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="archives")
    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey("registry.Account", on_delete=models.PROTECT, related_name="+")
    network_comment_id = models.CharField(max_length=64)
    post_id = models.CharField(_("запись"), max_length=64, blank=True)
    author_id = models.CharField(_("id автора"), max_length=64, blank=True)
    author_name = models.CharField(_("автор"), max_length=300, blank=True)
    text = models.TextField(_("текст"), blank=True)
    comment_version = models.PositiveIntegerField(default=1)
    posted_at = models.DateTimeField(_("опубликован"), null=True, blank=True)
    attachments = models.JSONField(_("вложения (метаданные)"), default=list, blank=True)
    labels = models.JSONField(default=list)
    scores = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by_repr = models.CharField(_("кто решил"), max_length=200)
    reason = models.CharField(_("основание"), max_length=500)
    decided_at = models.DateTimeField(_("решение принято"))
    block_author = models.BooleanField(_("заблокировать автора при удалении"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # The network step (the only fields that change after the archive is written).
    network_next_try_at = models.DateTimeField(null=True, blank=True, db_index=True)
    network_attempts = models.PositiveSmallIntegerField(default=0)
    network_done_at = models.DateTimeField(_("удалён в соцсети"), null=True, blank=True)
    network_failed_at = models.DateTimeField(null=True, blank=True)
    network_error = models.TextField(blank=True)
    restored_at = models.DateTimeField(_("восстановлен"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    restore_reason = models.CharField(max_length=500, blank=True)

    MUTABLE = frozenset(
        {
            "network_next_try_at",
            "network_attempts",
            "network_done_at",
            "network_failed_at",
            "network_error",
            "restored_at",
            "restored_by",
            "restore_reason",
        }
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("архивная копия")
        verbose_name_plural = _("архив удалённых комментариев")

    def __str__(self) -> str:
        return f"Архив {self.network_comment_id} ({self.decided_by_repr})"

    def save(self, *args: Any, update_fields: Iterable[str] | None = None, **kwargs: Any) -> None:
        if self.pk is not None and (update_fields is None or set(update_fields) - self.MUTABLE):
            raise ImmutableError("Архивная копия не изменяется")
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableError("Архивная копия не удаляется")

    @property
    def is_pending(self) -> bool:
        return self.network_done_at is None and self.network_failed_at is None
