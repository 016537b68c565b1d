from __future__ import annotations

from typing import Any

from rest_framework import serializers

from gospablik.audit.models import AuditEntry
from gospablik.duties.models import Duty
from gospablik.orgs.models import Ministry, Organization
from gospablik.registry.actions import EDITABLE
from gospablik.registry.models import Account


class MinistrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Ministry
        fields = ["key", "name", "short_name"]


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "key", "kind", "name", "short_name"]


class AccountSerializer(serializers.ModelSerializer):
    responsible_org = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none())

    class Meta:
        model = Account
        fields = ["id", *EDITABLE, "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        validators: list[object] = []  # uniqueness needs the ministry; checked in the action

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ministry = self.context.get("ministry")
        if ministry is not None:
            field = self.fields["responsible_org"]
            field.queryset = Organization.objects.filter(ministry=ministry)  # type: ignore[attr-defined]


class MarkDeletedSerializer(serializers.Serializer):
    deleted_on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class DutySerializer(serializers.ModelSerializer):
    owner_org = OrganizationSerializer(read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Duty
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "clause",
            "recipient",
            "owner_org",
            "subject_type",
            "subject_id",
            "period_text",
            "started_at",
            "due_at",
            "status",
            "done_at",
            "resolution",
            "escalated_at",
            "overdue",
        ]
        read_only_fields = fields

    def get_overdue(self, duty: Duty) -> bool:
        return duty.is_overdue()


class CompleteDutySerializer(serializers.Serializer):
    method = serializers.ChoiceField(
        choices=["letter", "edo", "email", "messenger", "site", "other"]
    )
    done_on = serializers.DateField()
    reference = serializers.CharField(required=False, allow_blank=True, max_length=200)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "seq",
            "created_at",
            "actor_repr",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "reason",
            "hash",
        ]
        read_only_fields = fields


class PolicyVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(read_only=True)
    text = serializers.CharField()
    comment = serializers.CharField(max_length=500)
    created_at = serializers.DateTimeField(read_only=True)
