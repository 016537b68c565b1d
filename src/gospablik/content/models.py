"""Posts, their per-account publications, info occasions and imported wall posts
(clauses 1.2.2 and 2.1–2.4 of both orders)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from gospablik.content.formats import FORMAT_LABELS_RU

FORMAT_CHOICES = [(key, _(label)) for key, label in FORMAT_LABELS_RU.items()]


class InfoOccasion(models.Model):
    """An информационный повод: "we post when there is a reason" (п.1.2.2)."""

    ministry = models.ForeignKey(
        "orgs.Ministry", on_delete=models.CASCADE, related_name="occasions"
    )
    title = models.CharField(_("что произошло"), max_length=300)
    source = models.CharField(_("источник"), max_length=300)
    occurred_on = models.DateField(_("дата"))
    facts_provider = models.CharField(_("кто предоставляет факты"), max_length=300, blank=True)
    description = models.TextField(_("подробности"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("информационный повод")
        verbose_name_plural = _("информационные поводы")

    def __str__(self) -> str:
        day = self.occurred_on
        return f"{day.strftime('%d.%m.%Y') if isinstance(day, date) else day} {self.title}"


class Post(models.Model):
    """What the editor writes once; it goes out as one Publication per account."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Черновик")
        SCHEDULED = "scheduled", _("Запланирован")
        PUBLISHING = "publishing", _("Публикуется")
        PUBLISHED = "published", _("Опубликован")
        FAILED = "failed", _("Ошибка")
        CANCELLED = "cancelled", _("Отменён")

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="posts")
    occasion = models.ForeignKey(
        InfoOccasion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("инфоповод"),
    )
    format = models.CharField(_("формат"), max_length=16, choices=FORMAT_CHOICES, default="text")
    title = models.CharField(_("рабочее название"), max_length=200, blank=True)
    text = models.TextField(_("текст"), blank=True)
    network_texts = models.JSONField(_("свой текст для соцсетей"), default=dict, blank=True)
    hashtags = models.CharField(_("хештеги"), max_length=500, blank=True)
    link = models.URLField(_("ссылка"), max_length=1000, blank=True)
    repost_source = models.CharField(_("что репостим"), max_length=500, blank=True)
    poll = models.JSONField(_("опрос"), null=True, blank=True)  # {question, answers, multiple}
    rules = models.TextField(_("правила конкурса или акции"), blank=True)
    starts_at = models.DateTimeField(_("начало"), null=True, blank=True)
    ends_at = models.DateTimeField(_("окончание"), null=True, blank=True)
    results_at = models.DateTimeField(_("подведение итогов"), null=True, blank=True)
    followup_opened_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("статус"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(_("время публикации"), null=True, blank=True, db_index=True)
    style_score = models.FloatField(_("оценка стиля"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A generic link to where the post came from (e.g. an approvals submission of ЦУР).
    source_type = models.CharField(max_length=100, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [models.F("publish_at").desc(nulls_last=True), "-pk"]
        indexes = [models.Index(fields=["source_type", "source_id"])]
        verbose_name = _("публикация")
        verbose_name_plural = _("публикации")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        head = self.title or " ".join(self.text.split())[:60] or self.repost_source
        return head or f"#{self.pk}"

    @property
    def is_repost(self) -> bool:
        return self.format == "repost"


class PostMedia(models.Model):
    """An attached file, stored under MEDIA_ROOT (outside the web root)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="media")
    file = models.FileField(upload_to="content/%Y/%m/")
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=8)  # image | gif | video
    mime = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("альтернативный текст"), max_length=1000, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "position", "pk"]
        verbose_name = _("медиафайл")
        verbose_name_plural = _("медиафайлы")

    def __str__(self) -> str:
        return self.original_name


class Publication(models.Model):
    """A post going to one account: the unit of exactly-once publishing."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Черновик")
        PENDING = "pending", _("Ждёт публикации")
        ATTEMPTING = "attempting", _("Публикуется")
        PUBLISHED = "published", _("Опубликовано")
        FAILED = "failed", _("Ошибка")
        CANCELLED = "cancelled", _("Отменено")
        DELETED = "deleted", _("Удалено из соцсети")

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("Оригинальная")
        REPOST = "repost", _("Репост")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="publications")
    account = models.ForeignKey(
        "registry.Account", on_delete=models.PROTECT, related_name="publications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ORIGINAL)
    text = models.TextField(_("текст для соцсети"), blank=True)
    link = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    due_at = models.DateTimeField(null=True, blank=True)  # the next attempt (the queue's)
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attempts = models.PositiveIntegerField(default=0)
    needs_check = models.BooleanField(default=False)  # an earlier attempt may have applied
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    network_post_id = models.CharField(max_length=128, blank=True)
    network_url = models.CharField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_code = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["post", "account__network", "pk"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["account", "published_at"]),
            # scale (issue 18): weekly counts, plan and compliance filter by the effective time
            models.Index(
                "account",
                Coalesce("published_at", "due_at", output_field=models.DateTimeField()),
                name="publication_account_moment",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["post", "account"], name="publication_once_per_account")
        ]
        verbose_name = _("публикация в аккаунте")
        verbose_name_plural = _("публикации в аккаунтах")

    def __str__(self) -> str:
        return f"{self.post} → {self.account}"

    @property
    def moment(self) -> datetime | None:
        """When it went (or goes) out: what the weekly counts use."""
        return self.published_at or self.due_at


class RemotePost(models.Model):
    """A wall post read back from the network (made outside gospablik, or ours)."""

    account = models.ForeignKey(
        "registry.Account", on_delete=models.CASCADE, related_name="remote_posts"
    )
    network_post_id = models.CharField(max_length=128)
    date = models.DateTimeField(db_index=True)
    is_repost = models.BooleanField(default=False)
    source = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=16, default="post")  # post | repost | scheduled
    text = models.TextField(blank=True)
    url = models.CharField(max_length=1000, blank=True)
    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["account", "network_post_id"], name="remote_post_once")
        ]
        verbose_name = _("запись из соцсети")
        verbose_name_plural = _("записи из соцсети")

    def __str__(self) -> str:
        return f"{self.account}: {self.network_post_id}"


class ComplianceDay(models.Model):
    """What one account published on one local day (the policy's time zone), kept by
    ``content.compliance_days`` whenever a publication, its post or an imported wall post
    changes (issue 18): the compliance page and API read these rows."""

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey("registry.Account", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    originals = models.PositiveIntegerField(default=0)
    reposts = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    formats = models.JSONField(default=dict)  # format (or "imported") -> count
    style_sum = models.FloatField(default=0.0)
    style_n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "day"], name="compliance_day_once")
        ]
        indexes = [models.Index(fields=["ministry", "day"], name="compliance_day_period")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.day}: {self.originals}+{self.reposts}"
