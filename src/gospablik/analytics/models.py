"""Statistics as stored: raw daily series and post counters, and the pre-aggregated
tables the pages and reports read (weekly per account, daily per ministry)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _count(label: Any) -> Any:
    return models.BigIntegerField(label, null=True, blank=True)


class AccountDay(models.Model):
    """One account's figures for one UTC day. ``None`` + a reason in ``gaps`` when the
    network did not give the figure; counters are stored as reported (they may go down)."""

    account = models.ForeignKey(
        "registry.Account", on_delete=models.CASCADE, related_name="stat_days"
    )
    day = models.DateField()
    followers = _count(_("подписчики"))
    posts = _count(_("публикации"))
    views = _count(_("просмотры"))
    reach = _count(_("охват"))
    likes = _count(_("отметки «Нравится»"))
    reposts = _count(_("репосты"))
    comments = _count(_("комментарии"))
    gaps = models.JSONField(default=dict, blank=True)  # metric -> Russian reason
    collected_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "day"], name="stat_day_once")]
        verbose_name = _("статистика за день")
        verbose_name_plural = _("статистика по дням")

    def __str__(self) -> str:
        return f"{self.account_id} {self.day}"


class PostStat(models.Model):
    """Counters of one published post, re-read at growing intervals after publication."""

    account = models.ForeignKey(
        "registry.Account", on_delete=models.CASCADE, related_name="post_stats"
    )
    network_post_id = models.CharField(max_length=128)
    post = models.ForeignKey(  # the post of the content plan, when gospablik published it
        "content.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField()
    url = models.CharField(max_length=1000, blank=True)
    text = models.CharField(max_length=300, blank=True)
    views = _count(_("просмотры"))
    reach = _count(_("охват"))
    likes = _count(_("отметки «Нравится»"))
    reposts = _count(_("репосты"))
    comments = _count(_("комментарии"))
    gaps = models.JSONField(default=dict, blank=True)
    reads = models.PositiveSmallIntegerField(default=0)
    read_at = models.DateTimeField()
    next_read_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "network_post_id"], name="post_stat_once")
        ]
        indexes = [models.Index(fields=["account", "published_at"])]
        verbose_name = _("статистика публикации")
        verbose_name_plural = _("статистика публикаций")

    def __str__(self) -> str:
        return f"{self.account_id} {self.network_post_id}"


class Collection(models.Model):
    """Where an account's collection stands: the next run and the last refusal."""

    account = models.OneToOneField(
        "registry.Account", on_delete=models.CASCADE, related_name="stat_collection"
    )
    collected_through = models.DateField(null=True, blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_post_at = models.DateTimeField(null=True, blank=True)  # the newest post seen

    class Meta:
        verbose_name = _("сбор статистики")
        verbose_name_plural = _("сбор статистики")

    def __str__(self) -> str:
        return f"{self.account_id} → {self.collected_through}"


class Totals(models.Model):
    """Shared columns of the aggregates: sums, and followers at the end of the span."""

    followers = models.BigIntegerField(null=True, blank=True)
    followers_start = models.BigIntegerField(null=True, blank=True)
    posts = models.BigIntegerField(default=0)
    views = models.BigIntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    likes = models.BigIntegerField(default=0)
    reposts = models.BigIntegerField(default=0)
    comments = models.BigIntegerField(default=0)
    gap_days = models.PositiveIntegerField(default=0)  # account-days with any gap

    class Meta:
        abstract = True


class AccountWeek(Totals):
    """One account, one ISO week (``week`` is its Monday)."""

    account = models.ForeignKey(
        "registry.Account", on_delete=models.CASCADE, related_name="stat_weeks"
    )
    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    # Kept by collection (``weekrate``) for the ЦУР view: the week's rating points by the
    # ministry's formula, whether the page is below its norm, and what they were rated with.
    designed = models.BooleanField(default=False)
    verified = models.BooleanField(default=False)
    last_post_at = models.DateTimeField(null=True, blank=True)
    growth = models.BigIntegerField(null=True, blank=True)  # followers at the end − at the start
    points = models.FloatField(null=True, blank=True)
    below_norm = models.BooleanField(default=False)
    rated_with = models.CharField(max_length=32, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "week"], name="stat_week_once")]
        indexes = [  # fmt: skip
            models.Index(fields=["ministry", "week"]),
            models.Index(fields=["week"]),
            models.Index(fields=["week", "-points", "account"], name="stat_week_rank"),
            models.Index(
                fields=["week", "posts", "account"],
                name="stat_week_below",
                condition=models.Q(below_norm=True),
            ),
            models.Index(
                fields=["week", "last_post_at", "account"],
                name="stat_week_quiet",
                condition=models.Q(below_norm=True),
            ),
            models.Index(
                fields=["week", "growth", "account"],
                name="stat_week_falling",
                condition=models.Q(growth__lt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.week}"


class MinistryDay(Totals):
    """All of a ministry's accounts in one network on one day."""

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    network = models.CharField(max_length=16)
    day = models.DateField()
    accounts = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ministry", "day", "network"], name="ministry_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.ministry_id} {self.day}"


class Report(models.Model):
    """A PDF report of a ministry for a period: every Monday for the last week, or on
    demand; built in the background, ``progress`` in percent while it builds."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("В очереди")
        BUILDING = "building", _("Готовится")
        READY = "ready", _("Готов")
        FAILED = "failed", _("Ошибка")

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    since = models.DateField()
    until = models.DateField()
    weekly = models.BooleanField(default=False)  # the Monday report of the last week
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    pdf = models.BinaryField(blank=True, default=b"")
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ministry", "since"],
                condition=models.Q(weekly=True),
                name="weekly_report_once",
            )
        ]
        ordering = ["-created_at", "-pk"]
        verbose_name = _("отчёт")
        verbose_name_plural = _("отчёты")

    def __str__(self) -> str:
        return f"{self.ministry_id} {self.since}..{self.until}"
