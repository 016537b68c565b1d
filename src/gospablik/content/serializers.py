"""API shapes of the content module."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from gospablik.content.formats import FORMAT_LABELS_RU
from gospablik.content.models import InfoOccasion, Post, PostMedia, Publication
from gospablik.registry.models import Account


class OccasionSerializer(serializers.ModelSerializer):
    class Meta:
        model = InfoOccasion
        fields = [
            "id",
            "title",
            "source",
            "occurred_on",
            "facts_provider",
            "description",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class PublicationSerializer(serializers.ModelSerializer):
    network = serializers.CharField(source="account.network", read_only=True)

    class Meta:
        model = Publication
        fields = [
            "id",
            "account",
            "network",
            "kind",
            "text",
            "link",
            "status",
            "due_at",
            "attempts",
            "network_post_id",
            "network_url",
            "published_at",
            "last_error",
            "last_error_code",
        ]
        read_only_fields = fields


class MediaSerializer(serializers.ModelSerializer):
    class Meta:
        model = PostMedia
        fields = ["id", "original_name", "kind", "mime", "size", "width", "height", "alt"]
        read_only_fields = fields


class PollSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=255)
    answers = serializers.ListField(child=serializers.CharField(max_length=100), max_length=10)
    multiple = serializers.BooleanField(default=False)
    anonymous = serializers.BooleanField(default=True)


class PostSerializer(serializers.ModelSerializer):
    format = serializers.ChoiceField(choices=list(FORMAT_LABELS_RU.items()))
    accounts = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Account.objects.none(), write_only=True
    )
    occasion = serializers.PrimaryKeyRelatedField(
        queryset=InfoOccasion.objects.none(), required=False, allow_null=True
    )
    poll = PollSerializer(required=False, allow_null=True)
    network_texts = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False
    )
    publications = PublicationSerializer(many=True, read_only=True)
    media = MediaSerializer(many=True, read_only=True)

    class Meta:
        model = Post
        fields = [
            "id",
            "format",
            "occasion",
            "title",
            "text",
            "network_texts",
            "hashtags",
            "link",
            "repost_source",
            "poll",
            "rules",
            "starts_at",
            "ends_at",
            "results_at",
            "status",
            "publish_at",
            "style_score",
            "source_type",
            "source_id",
            "accounts",
            "publications",
            "media",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "publish_at",
            "style_score",
            "source_type",
            "source_id",
            "publications",
            "media",
            "created_at",
            "updated_at",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ministry = self.context.get("ministry")
        if ministry is not None:
            accounts = self.fields["accounts"].child_relation  # type: ignore[attr-defined]
            accounts.queryset = Account.objects.filter(ministry=ministry)
            occasion = self.fields["occasion"]
            occasion.queryset = InfoOccasion.objects.filter(ministry=ministry)  # type: ignore[attr-defined]


class ScheduleSerializer(serializers.Serializer):
    publish_at = serializers.DateTimeField()


class ConfirmSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(default=False)


class WeekRowSerializer(serializers.Serializer):
    account = serializers.IntegerField(source="account.pk")
    account_title = serializers.CharField(source="account.title")
    network = serializers.CharField(source="account.network")
    week = serializers.DateField()
    total = serializers.IntegerField()
    originals = serializers.IntegerField()
    reposts = serializers.IntegerField()
    share = serializers.FloatField()
    cap = serializers.FloatField(allow_null=True)
    within_cap = serializers.BooleanField()
    imported = serializers.IntegerField()
    formats = serializers.DictField(child=serializers.IntegerField())
    style_score = serializers.FloatField(source="style", allow_null=True)


class CompliancePageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    accounts = serializers.IntegerField(help_text="аккаунтов всего (до 1000)")
    accounts_capped = serializers.BooleanField()
    results = WeekRowSerializer(many=True)
