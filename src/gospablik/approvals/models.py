"""ЦУР submissions, their review rounds and remarks, and information requests."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


def upload_path(instance: Any, filename: str) -> str:
    """Files live under MEDIA_ROOT/approvals/<uuid>/ and are served by a checked view."""
    return f"approvals/{uuid.uuid4().hex}/{filename[-100:]}"


class StoredFile(models.Model):
    file = models.FileField(upload_to=upload_path, max_length=300)
    name = models.CharField(_("имя файла"), max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    """Content made by ЦУР and sent to the ministry for approval."""

    class Kind(models.TextChoices):
        OPERATIONAL = "operational", _("Оперативный контент")
        SPECIAL_PROJECT = "special_project", _("Специальный проект")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Черновик")
        SUBMITTED = "submitted", _("На согласовании")
        RETURNED = "returned", _("Возвращено с замечаниями")
        APPROVED = "approved", _("Согласовано")
        WITHDRAWN = "withdrawn", _("Отозвано")

    ministry = models.ForeignKey(
        "orgs.Ministry", on_delete=models.CASCADE, related_name="submissions"
    )
    cur_org = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("ЦУР"),
    )
    kind = models.CharField(_("вид"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("название"), max_length=300)
    description = models.TextField(_("описание"), blank=True)
    schedule = models.TextField(_("график (для спецпроекта)"), blank=True)
    status = models.CharField(
        _("статус"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    planned_at = models.DateTimeField(_("передано в контент-план"), null=True, blank=True)
    planned_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("материал ЦУР на согласование")
        verbose_name_plural = _("материалы ЦУР на согласование")

    def __str__(self) -> str:
        return self.title

    @property
    def duty_kind(self) -> str:
        if self.kind == self.Kind.OPERATIONAL:
            return "content_approval_operational"
        return "content_approval_special"


class SubmissionItem(models.Model):
    """One post of a submission: its text, where and when it should appear."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=1)
    text = models.TextField(_("текст"))
    networks = models.JSONField(_("соцсети"), default=list, blank=True)
    accounts = models.ManyToManyField("registry.Account", blank=True, related_name="+")
    planned_at = models.DateTimeField(_("планируемое время"), null=True, blank=True)

    class Meta:
        ordering = ["submission", "position", "pk"]
        verbose_name = _("публикация материала")
        verbose_name_plural = _("публикации материала")

    def __str__(self) -> str:
        return f"№{self.position}: {self.text[:60]}"


class ItemFile(StoredFile):
    item = models.ForeignKey(SubmissionItem, on_delete=models.CASCADE, related_name="files")


class Round(models.Model):
    """One pass of a submission through review, closed by one signed decision."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Согласовано")
        RETURNED = "returned", _("Возвращено с замечаниями")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    snapshot = models.JSONField(default=dict)
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    duty = models.ForeignKey(
        "duties.Duty", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    signer = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer_org = models.CharField(max_length=400, blank=True)
    document_number = models.CharField(max_length=64, blank=True)
    docx = models.FileField(upload_to=upload_path, max_length=300, blank=True)
    pdf = models.FileField(upload_to=upload_path, max_length=300, blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    on_time = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="round_number_unique")
        ]
        verbose_name = _("раунд согласования")
        verbose_name_plural = _("раунды согласования")

    def __str__(self) -> str:
        return f"{self.submission} — раунд {self.number}"

    @property
    def is_signed(self) -> bool:
        return self.decided_at is not None


class Remark(models.Model):
    """A reviewer's remark, anchored to the submission, a post, a passage or a file."""

    class Anchor(models.TextChoices):
        SUBMISSION = "submission", _("Материал в целом")
        ITEM = "item", _("Публикация")
        PASSAGE = "passage", _("Фрагмент текста")
        FILE = "file", _("Файл")

    class Status(models.TextChoices):
        OPEN = "open", _("В перечне")
        MERGED = "merged", _("Объединено")
        DROPPED = "dropped", _("Снято")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="remarks")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    anchor = models.CharField(_("к чему"), max_length=16, choices=Anchor.choices)
    item = models.ForeignKey(
        SubmissionItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="remarks"
    )
    file = models.ForeignKey(
        ItemFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="remarks"
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(_("цитата"), blank=True)
    anchor_text = models.CharField(_("к чему (текстом)"), max_length=500, blank=True)
    text = models.TextField(_("замечание"))
    original_text = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    edited_by_head = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("замечание")
        verbose_name_plural = _("замечания")

    def __str__(self) -> str:
        return self.text[:80]

    def anchor_label(self) -> str:
        """Where the remark points, in Russian; stored in ``anchor_text`` when it is made."""
        position = self.item.position if self.item else None
        if self.anchor == self.Anchor.PASSAGE:
            quote = self.quote if len(self.quote) <= 200 else self.quote[:199] + "…"
            return f"Публикация №{position}, фрагмент «{quote}»"
        if self.anchor == self.Anchor.FILE and self.file is not None:
            return f"Файл «{self.file.name}»"
        if self.anchor == self.Anchor.ITEM:
            return f"Публикация №{position}"
        return "Материал в целом"


class InformationRequest(models.Model):
    """ЦУР asks the ministry for information to build content (000 п.2 абз.6)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Ожидает ответа")
        ANSWERED = "answered", _("Дан ответ")
        ACCEPTED = "accepted", _("Ответ принят")
        WITHDRAWN = "withdrawn", _("Отозван")

    ministry = models.ForeignKey(
        "orgs.Ministry", on_delete=models.CASCADE, related_name="information_requests"
    )
    cur_org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("тема"), max_length=300)
    questions = models.TextField(_("вопросы"))
    needed_by = models.DateField(_("нужно к"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    answer_org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("кто")
    )
    assigned_to = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    duty = models.ForeignKey(
        "duties.Duty", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("запрос информации ЦУР")
        verbose_name_plural = _("запросы информации ЦУР")

    def __str__(self) -> str:
        return self.topic


class RequestMessage(models.Model):
    """The request's thread: the questions, each answer, each «ask again»."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Запрос")
        ANSWER = "answer", _("Ответ")
        ASK_AGAIN = "ask_again", _("Повторный запрос")
        ACCEPT = "accept", _("Ответ принят")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    on_time = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class RequestFile(StoredFile):
    message = models.ForeignKey(RequestMessage, on_delete=models.CASCADE, related_name="files")
