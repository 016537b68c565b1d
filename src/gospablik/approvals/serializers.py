"""API shapes of submissions, remarks, signatures, information requests and the report."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from gospablik.approvals.actions.submissions import ItemData, SubmissionData
from gospablik.approvals.models import (
    InformationRequest,
    Remark,
    RequestMessage,
    Round,
    Submission,
    SubmissionItem,
)


class ItemSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, allow_null=True)
    delete = serializers.BooleanField(required=False, default=False, write_only=True)
    networks = serializers.ListField(child=serializers.CharField(max_length=16), required=False)

    class Meta:
        model = SubmissionItem
        fields = ["id", "position", "text", "networks", "planned_at", "delete"]
        read_only_fields = ["position"]
        extra_kwargs = {"text": {"required": False, "allow_blank": True}}


# `decision` is plain text with its values in the help: an enum would collide in the
# OpenAPI components with moderation's `decision` (delete/keep/ban).
DECISION_HELP = "approved — согласовано; returned — возвращено с замечаниями"


class RoundSerializer(serializers.ModelSerializer):
    documents = serializers.SerializerMethodField()
    decision = serializers.CharField(
        read_only=True, help_text=DECISION_HELP + "; пусто — ждёт решения"
    )

    class Meta:
        model = Round
        fields = [
            "number",
            "submitted_at",
            "due_at",
            "decision",
            "decided_at",
            "on_time",
            "document_number",
            "docx_sha256",
            "pdf_sha256",
            "documents",
        ]
        read_only_fields = fields

    def get_documents(self, round_: Round) -> dict[str, str]:
        if not round_.is_signed:
            return {}
        kwargs = {
            "ministry": round_.submission.ministry.key,
            "pk": round_.submission_id,
            "number": round_.number,
        }
        return {
            fmt: reverse("approvals:document", kwargs={**kwargs, "fmt": fmt})
            for fmt in ("docx", "pdf")
        }


class RemarkSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round.number", read_only=True)
    author = serializers.CharField(source="author.get_username", read_only=True)

    class Meta:
        model = Remark
        fields = [
            "id",
            "round",
            "author",
            "anchor",
            "item",
            "file",
            "start",
            "end",
            "quote",
            "anchor_text",
            "text",
            "status",
            "edited_by_head",
            "created_at",
        ]
        read_only_fields = fields


class AddRemarkSerializer(serializers.Serializer):
    anchor = serializers.ChoiceField(
        choices=Remark.Anchor.choices, default=Remark.Anchor.SUBMISSION
    )
    item = serializers.IntegerField(required=False, allow_null=True)
    file = serializers.IntegerField(required=False, allow_null=True)
    start = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    end = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    quote = serializers.CharField(required=False, allow_blank=True, default="")
    text = serializers.CharField()


class SubmissionSerializer(serializers.ModelSerializer):
    items = ItemSerializer(many=True)
    rounds = RoundSerializer(many=True, read_only=True)
    cur_org = serializers.CharField(source="cur_org.short_name", read_only=True)
    submit = serializers.BooleanField(
        write_only=True, required=False, default=False, help_text="Сразу отправить на согласование"
    )

    class Meta:
        model = Submission
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "schedule",
            "status",
            "cur_org",
            "created_at",
            "planned_at",
            "items",
            "rounds",
            "submit",
        ]
        read_only_fields = ["id", "status", "cur_org", "created_at", "planned_at", "rounds"]

    def data_objects(self) -> tuple[SubmissionData, list[ItemData]]:
        data = self.validated_data
        submission = SubmissionData(
            data["kind"], data["title"], data.get("description", ""), data.get("schedule", "")
        )
        items = [
            ItemData(
                id=i.get("id"),
                text=i.get("text", ""),
                networks=i.get("networks", []),
                planned_at=i.get("planned_at"),
                delete=i.get("delete", False),
            )
            for i in data["items"]
        ]
        return submission, items


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class SignSerializer(serializers.Serializer):
    decision = serializers.RegexField(r"^(approved|returned)$", help_text=DECISION_HELP)
    otp = serializers.CharField(max_length=12, help_text="Текущий код TOTP подписанта")


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.get_username", read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = RequestMessage
        fields = ["kind", "author", "text", "on_time", "created_at", "files"]
        read_only_fields = fields

    def get_files(self, message: RequestMessage) -> list[dict[str, Any]]:
        key = message.request.ministry.key
        return [
            {
                "name": f.name,
                "size": f.size,
                "url": reverse("approvals:request_file", kwargs={"ministry": key, "pk": f.pk}),
            }
            for f in message.files.all()
        ]


class RequestSerializer(serializers.ModelSerializer):
    messages = MessageSerializer(many=True, read_only=True)
    assigned_to = serializers.CharField(
        source="assigned_to.get_username", read_only=True, default=None
    )

    class Meta:
        model = InformationRequest
        fields = [
            "id",
            "topic",
            "questions",
            "needed_by",
            "status",
            "assigned_to",
            "due_at",
            "created_at",
            "messages",
        ]
        read_only_fields = ["id", "status", "assigned_to", "due_at", "created_at", "messages"]


class AssignSerializer(serializers.Serializer):
    assignee = serializers.CharField(help_text="Имя пользователя исполнителя")


class AnswerSerializer(serializers.Serializer):
    text = serializers.CharField()


class AskAgainSerializer(serializers.Serializer):
    text = serializers.CharField()
    needed_by = serializers.DateField()


class ApprovalsReportRowSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="label", help_text="Вид по-русски")
    total = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    pending = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)
