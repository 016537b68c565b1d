"""A thread: one resident comment or private message the page may owe an answer to.

The comment or message itself stays moderation's row (one copy of the text); the thread
holds what the dialogue adds: the kind, the topic, the answer clocks and the status.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Thread(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", _("Комментарий")
        MESSAGE = "message", _("Сообщение")

    class Status(models.TextChoices):
        NEW = "new", _("Новое")
        IN_PROGRESS = "in_progress", _("В работе")
        ANSWERED = "answered", _("Отвечено")
        NOT_NEEDED = "not_needed", _("Ответ не требуется")
        HIDDEN = "hidden", _("Скрыто модерацией")

    class Category(models.TextChoices):
        QUESTION = "question", _("Вопрос")
        COMPLAINT = "complaint", _("Жалоба")
        REQUEST = "request", _("Просьба")
        OPINION = "opinion", _("Мнение")
        THANKS = "thanks", _("Благодарность")

    OPEN = (Status.NEW, Status.IN_PROGRESS)

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey("registry.Account", on_delete=models.CASCADE, related_name="+")
    network = models.CharField(_("соцсеть"), max_length=16)
    kind = models.CharField(_("вид"), max_length=8, choices=Kind.choices)
    comment = models.OneToOneField(
        "moderation.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="thread"
    )
    message = models.OneToOneField(
        "moderation.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="thread"
    )
    post_id = models.CharField(_("запись"), max_length=64, blank=True)
    author_id = models.CharField(_("id автора"), max_length=64, blank=True)
    received_at = models.DateTimeField(_("получено"), default=timezone.now)
    category = models.CharField(_("категория"), max_length=16, choices=Category.choices)
    machine_category = models.CharField(max_length=16, choices=Category.choices)
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    needs_answer = models.BooleanField(_("нужен ответ"), default=False)
    topic = models.CharField(_("тема"), max_length=64, blank=True)
    routed_org = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("состояние"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField(_("ответить до"), null=True, blank=True)
    interim_at = models.DateTimeField(_("промежуточный ответ"), null=True, blank=True)
    first_answer_at = models.DateTimeField(_("первый ответ"), null=True, blank=True)
    answered_at = models.DateTimeField(_("отвечено"), null=True, blank=True)
    first_due_at = models.DateTimeField(_("срок первого ответа"), null=True, blank=True)
    appeal_suspected = models.BooleanField(_("похоже на обращение (59-ФЗ)"), default=False)
    appeal_registered_at = models.DateTimeField(null=True, blank=True)
    appeal_number = models.CharField(_("номер обращения"), max_length=64, blank=True)
    appeal_due_at = models.DateTimeField(_("срок ответа на обращение"), null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["ministry", "-received_at", "-id"], name="dialogue_inbox"),
            models.Index(
                fields=["ministry", "status", "-received_at", "-id"], name="dialogue_status"
            ),
            models.Index(fields=["ministry", "due_at"], name="dialogue_due"),
            models.Index(fields=["account", "author_id"], name="dialogue_person"),
            models.Index(fields=["account", "post_id"], name="dialogue_post"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(comment__isnull=False) ^ models.Q(message__isnull=False),
                name="dialogue_thread_one_source",
            )
        ]
        ordering = ["-received_at", "-id"]
        verbose_name = _("диалог")
        verbose_name_plural = _("диалоги")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.network}:{self.source_id}"

    @property
    def source(self) -> models.Model:
        source = self.comment if self.kind == self.Kind.COMMENT else self.message
        assert source is not None
        return source

    @property
    def source_id(self) -> str:
        if self.kind == self.Kind.COMMENT:
            return self.comment.network_comment_id if self.comment else ""
        return self.message.network_message_id if self.message else ""

    @property
    def text(self) -> str:
        return str(getattr(self.source, "text", ""))

    @property
    def author_name(self) -> str:
        return str(getattr(self.source, "author_name", "")) or self.author_id

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def is_overdue(self, now: object = None) -> bool:
        moment = now or timezone.now()
        return self.is_open and self.due_at is not None and self.due_at < moment  # type: ignore[operator]


class Reclassification(models.Model):
    """A person's correction of a thread's category: kept as data for the next model."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reclassifications")
    before = models.CharField(max_length=16, choices=Thread.Category.choices)
    after = models.CharField(max_length=16, choices=Thread.Category.choices)
    text = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("исправление категории")
        verbose_name_plural = _("исправления категорий")

    def __str__(self) -> str:
        return f"{self.before} → {self.after}"
