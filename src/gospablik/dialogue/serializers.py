"""API shapes of threads, answers and metrics (field names are part of the stable API)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from gospablik.dialogue.models import Answer, Thread

API_STATES = {
    Answer.State.AWAITING_APPROVAL: "queued",
    Answer.State.QUEUED: "queued",
    Answer.State.SENT: "sent",
    Answer.State.FAILED: "failed",
    Answer.State.REJECTED: "failed",
    Answer.State.NEEDS_PERSON: "needs_person",
}


class ThreadSerializer(serializers.ModelSerializer[Thread]):
    account = serializers.CharField(source="account.title", read_only=True)
    account_id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    author_name = serializers.CharField(read_only=True)
    overdue = serializers.SerializerMethodField()
    assignee = serializers.SerializerMethodField()

    class Meta:
        model = Thread
        fields = [
            "id", "kind", "network", "account", "account_id", "post_id", "author_id",
            "author_name", "text", "received_at", "category", "machine_category",
            "needs_answer", "status", "due_at", "overdue", "topic", "assignee",
            "first_answer_at", "answered_at", "interim_at", "appeal_suspected",
        ]  # fmt: skip
        read_only_fields = fields

    def get_overdue(self, thread: Thread) -> bool:
        return thread.is_overdue(self.context.get("now") or timezone.now())

    def get_assignee(self, thread: Thread) -> str | None:
        user = thread.assignee
        return (user.get_full_name() or user.get_username()) if user else None


class ReplySerializer(serializers.Serializer[Any]):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=100_000)
    interim = serializers.BooleanField(required=False, default=False)


class AnswerSerializer(serializers.ModelSerializer[Answer]):
    url = serializers.SerializerMethodField()
    state = serializers.SerializerMethodField()
    approval = serializers.SerializerMethodField()
    network_id = serializers.CharField(source="network_answer_id", read_only=True)
    thread = serializers.IntegerField(source="thread_id", read_only=True)

    class Meta:
        model = Answer
        fields = [
            "id", "url", "thread", "text", "state", "approval", "network_id", "error",
            "interim", "private", "created_at", "sent_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_url(self, answer: Answer) -> str:
        ministry = self.context["ministry"].key
        return reverse("dialogue-answer", kwargs={"ministry": ministry, "pk": answer.pk})

    def get_state(self, answer: Answer) -> str:
        return API_STATES[Answer.State(answer.state)]

    def get_approval(self, answer: Answer) -> str | None:
        if answer.state == Answer.State.AWAITING_APPROVAL:
            return "awaiting"
        if answer.state == Answer.State.REJECTED:
            return "rejected"
        return "approved" if answer.approver_id else None


class FiguresSerializer(serializers.Serializer[Any]):
    threads = serializers.IntegerField()
    answered = serializers.IntegerField()
    unanswered = serializers.IntegerField()
    within_deadline = serializers.FloatField(allow_null=True)
    median_business_hours = serializers.FloatField(allow_null=True)
    p90_business_hours = serializers.FloatField(allow_null=True)
    median_hours = serializers.FloatField(allow_null=True)
    p90_hours = serializers.FloatField(allow_null=True)


class GroupFiguresSerializer(FiguresSerializer):
    name = serializers.CharField()


class MetricsSerializer(serializers.Serializer[Any]):
    week = serializers.CharField()
    overall = FiguresSerializer()
    by_account = GroupFiguresSerializer(many=True)
    by_network = GroupFiguresSerializer(many=True)
    by_organization = GroupFiguresSerializer(many=True)
