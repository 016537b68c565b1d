from __future__ import annotations

from typing import Any

from rest_framework import serializers

from gospablik.moderation.actions import DECISIONS
from gospablik.moderation.inbox import assignees
from gospablik.moderation.ladder import actor_repr
from gospablik.moderation.models import Comment, Message, Sanction, UnlawfulRule

NOT_ASSIGNABLE = "Назначить можно только модератора, который ведёт этот аккаунт"


class CommentSerializer(serializers.ModelSerializer):
    account_title = serializers.CharField(source="account.title", read_only=True)
    labels = serializers.SerializerMethodField()
    scores = serializers.SerializerMethodField()
    findings = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id", "account", "account_title", "network", "network_comment_id", "post_id",
            "parent_id", "author_id", "author_name", "text", "attachments", "posted_at",
            "received_at", "version", "status", "auto_action", "review_due_at", "decided_at",
            "decided_by_repr", "decision_reason", "network_note", "labels", "scores", "findings",
        ]  # fmt: skip
        read_only_fields = fields

    def get_labels(self, obj: Comment) -> list[str]:
        return list(obj.verdict.labels) if obj.verdict else []

    def get_scores(self, obj: Comment) -> dict[str, float]:
        return dict(obj.verdict.scores) if obj.verdict else {}

    def get_findings(self, obj: Comment) -> list[dict[str, Any]]:
        """Each: category, score, explanation, spans [{start, end, text, rule}]."""
        return list(obj.verdict.findings) if obj.verdict else []


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=list(DECISIONS))
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class BulkDecisionSerializer(DecisionSerializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=500,
    )


class BulkResultSerializer(serializers.Serializer):
    done = serializers.ListField(child=serializers.IntegerField())
    errors = serializers.DictField(child=serializers.CharField())  # type: ignore[assignment]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class AppealSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class AppealDecisionSerializer(serializers.Serializer):
    granted = serializers.BooleanField()
    note = serializers.CharField(max_length=500)


class SanctionSerializer(serializers.ModelSerializer):
    network = serializers.CharField(source="offender.network", read_only=True)
    author_id = serializers.CharField(source="offender.author_id", read_only=True)
    author_name = serializers.CharField(source="offender.author_name", read_only=True)

    class Meta:
        model = Sanction
        fields = [
            "id", "network", "author_id", "author_name", "step", "action", "days", "until",
            "category", "reason", "comment", "decided_by_repr", "created_at", "status",
            "applied", "network_note", "network_done_at", "lifted_at", "lift_reason", "appeal",
            "appeal_text", "appeal_at", "appeal_decided_at", "appeal_note",
        ]  # fmt: skip
        read_only_fields = fields


class RuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnlawfulRule
        fields = ["id", "key", "kind", "pattern", "norm", "description", "active", "updated_at"]
        read_only_fields = ["id", "updated_at"]
        validators: list[Any] = []  # uniqueness per ministry is checked by the action


class InboxMessageSerializer(serializers.ModelSerializer):
    """A private message to a community; ``findings`` as on comments."""

    account_title = serializers.CharField(source="account.title", read_only=True)
    assigned_to_name = serializers.SerializerMethodField()
    answered_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = [
            "id", "account", "account_title", "network", "network_message_id", "author_id",
            "author_name", "text", "attachments", "posted_at", "received_at", "status",
            "assigned_to", "assigned_to_name", "flagged", "labels", "scores", "findings",
            "answer_text", "answered_at", "answered_by", "answered_by_name", "answer_sent",
            "answer_note",
        ]  # fmt: skip
        read_only_fields = fields

    def get_assigned_to_name(self, obj: Message) -> str:
        return actor_repr(obj.assigned_to) if obj.assigned_to else ""

    def get_answered_by_name(self, obj: Message) -> str:
        return actor_repr(obj.answered_by) if obj.answered_by else ""


class InboxAssigneeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class InboxAssignSerializer(serializers.Serializer):
    """``assignee``: the id of one of the message's ``assignees``."""

    assignee = serializers.IntegerField(min_value=1, max_value=2**63 - 1)

    def validate_assignee(self, value: int) -> Any:
        user = assignees(self.context["account"]).filter(pk=value).first()
        if user is None:
            raise serializers.ValidationError(NOT_ASSIGNABLE)
        return user


class InboxAnswerSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=4000)


class ReportRowSerializer(serializers.Serializer):
    account = serializers.CharField()
    network = serializers.CharField()
    volume = serializers.IntegerField()
    auto_deleted = serializers.IntegerField()
    auto_deleted_share = serializers.FloatField()
    auto_hidden = serializers.IntegerField()
    reviewed = serializers.IntegerField()
    reviewed_share = serializers.FloatField()
    auto_kept = serializers.IntegerField()
    auto_kept_share = serializers.FloatField()
    deleted_by_people = serializers.IntegerField()
    median_minutes = serializers.FloatField(allow_null=True)
    max_minutes = serializers.FloatField(allow_null=True)
    restored = serializers.IntegerField()
    restored_auto = serializers.IntegerField()
    categories = serializers.DictField(child=serializers.IntegerField())


class ReportSerializer(serializers.Serializer):
    since = serializers.DateField()
    until = serializers.DateField()
    rows = ReportRowSerializer(many=True)
    total = ReportRowSerializer()


class ReportQuerySerializer(serializers.Serializer):
    since = serializers.DateField()
    until = serializers.DateField()
    account = serializers.IntegerField(required=False)
