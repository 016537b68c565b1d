"""`POST /api/style/check` — the style report of one text (the CLI contract's shape)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from gospablik.orgs.access import get_ministry_for_user
from gospablik.style.networks import table as network_table
from gospablik.styleguide.checking import check_for

NETWORKS = sorted(name for name in network_table() if name != "default")


class StyleCheckRequest(serializers.Serializer):
    id = serializers.CharField(required=False, allow_blank=True, max_length=200)
    text = serializers.CharField(allow_blank=True, max_length=100_000, trim_whitespace=False)
    network = serializers.ChoiceField(choices=NETWORKS, required=False)
    ministry = serializers.SlugField(required=False, help_text="add the ministry's own dictionary")


class IssueSerializer(serializers.Serializer):
    rule = serializers.CharField()
    category = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    message = serializers.CharField()
    suggestion = serializers.CharField(allow_null=True)


class StyleCheckResponse(serializers.Serializer):
    id = serializers.CharField(allow_null=True)
    score = serializers.FloatField()
    issues = IssueSerializer(many=True)
    summary = serializers.CharField()
    penalties = serializers.DictField(child=serializers.FloatField())


class StyleThrottle(AnonRateThrottle):
    rate = "600/min"


class StyleCheck(APIView):
    """Open to anyone: it reads no data. With `ministry`, the caller must belong to it."""

    permission_classes = [AllowAny]
    throttle_classes = [StyleThrottle, UserRateThrottle]

    @extend_schema(request=StyleCheckRequest, responses=StyleCheckResponse)
    def post(self, request: Request) -> Response:
        data = StyleCheckRequest(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = data.validated_data
        ministry = None
        if values.get("ministry"):
            ministry = get_ministry_for_user(request.user, values["ministry"])
        report = check_for(ministry, values["text"], values.get("network"))
        body = report.to_json(values.get("id") or None)
        body.setdefault("summary", report.summary)
        body.setdefault("penalties", report.penalties)
        return Response(body)


@extend_schema(exclude=True)  # the same endpoint without the trailing slash (CLI-like callers)
class StyleCheckNoSlash(StyleCheck):
    pass
