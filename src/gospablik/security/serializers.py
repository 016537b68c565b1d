from __future__ import annotations

from rest_framework import serializers

from gospablik.security.alerts import OUTCOMES
from gospablik.security.models import Alert


class AlertSerializer(serializers.ModelSerializer):
    account_title = serializers.CharField(source="account.title", read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Alert
        fields = [
            "id",
            "account",
            "account_title",
            "severity",
            "kind",
            "summary",
            "details",
            "source",
            "detected_at",
            "duty",
            "is_open",
            "resolved_at",
            "resolved_by",
            "outcome",
            "resolution",
        ]
        read_only_fields = fields


class ResolveSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=list(OUTCOMES.items()))
    resolution = serializers.CharField(max_length=4000)


class FindingSerializer(serializers.Serializer):
    severity = serializers.CharField()
    text = serializers.CharField()


class PostureSerializer(serializers.Serializer):
    account = serializers.IntegerField(source="account.pk")
    title = serializers.CharField(source="account.title")
    network = serializers.CharField(source="account.network")
    grade = serializers.CharField()
    findings = FindingSerializer(many=True)


class MaskedKeySerializer(serializers.Serializer):
    """A key as people may see it: masked value and its record; never the value."""

    id = serializers.IntegerField(source="credential.pk")
    account = serializers.IntegerField(source="credential.connection.account_id")
    key = serializers.CharField(source="credential.key")
    name = serializers.CharField(source="label")
    masked = serializers.CharField()
    holder_org = serializers.IntegerField(source="credential.holder_org_id", allow_null=True)
    scope = serializers.CharField(source="credential.scope")
    expires_on = serializers.DateField(source="credential.expires_on", allow_null=True)
    rotated_at = serializers.DateTimeField(source="credential.rotated_at")
