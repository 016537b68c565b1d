"""Pre-aggregated moderation figures per account and local day (issue 18): the report
reads these instead of the period's comments. Kept by ``moderation.daily`` in the
transaction of each change, rebuilt by ``gospablik reports rebuild``."""

from __future__ import annotations

from django.db import models


class ModerationDay(models.Model):
    """Counts of one account's comments received on ``day`` (the policy's time zone), and
    of its archive copies decided or restored that day."""

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey("registry.Account", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    volume = models.PositiveIntegerField(default=0)
    auto_deleted = models.PositiveIntegerField(default=0)
    auto_hidden = models.PositiveIntegerField(default=0)
    reviewed = models.PositiveIntegerField(default=0)
    auto_kept = models.PositiveIntegerField(default=0)
    deleted_by_people = models.PositiveIntegerField(default=0)
    restored = models.PositiveIntegerField(default=0)
    restored_auto = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "day"], name="moderation_day_once")
        ]
        indexes = [models.Index(fields=["ministry", "day"], name="moderation_day_period")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.day}: {self.volume}"


class ModerationCategoryDay(models.Model):
    """How many of an account's comments of ``day`` the classifier gave ``category``."""

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey("registry.Account", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    category = models.CharField(max_length=32)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "day", "category"], name="moderation_category_day_once"
            )
        ]
        indexes = [models.Index(fields=["ministry", "day"], name="moderation_category_period")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.day} {self.category}: {self.n}"


class ModerationReviewDay(models.Model):
    """Times from receipt to a person's decision of reviewed comments: ``n`` comments of
    ``day`` took ``tenths`` tenths of a minute (a histogram: the median and the maximum
    of a period come out exact to six seconds)."""

    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey("registry.Account", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    tenths = models.PositiveIntegerField()
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "day", "tenths"], name="moderation_review_day_once"
            )
        ]
        indexes = [models.Index(fields=["ministry", "day"], name="moderation_review_period")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.day} {self.tenths / 10} мин: {self.n}"
