"""REST API of analytics: an account's series and the ministry's summary for a period."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from gospablik.analytics import queries
from gospablik.analytics.daytable import DayTable
from gospablik.analytics.forms import MAX_DAYS
from gospablik.analytics.metrics import METRICS
from gospablik.analytics.models import AccountDay
from gospablik.analytics.period import Period
from gospablik.analytics.rates import share_percent
from gospablik.api.views import MinistryScoped
from gospablik.registry.models import Account

TAGS = ["analytics"]


class RangeQuery(serializers.Serializer[Any]):
    # "from" is a keyword: the fields are named since/until and read from from/to
    since = serializers.DateField(source="from", required=True)
    until = serializers.DateField(source="to", required=True)

    def to_internal_value(self, data: Any) -> Any:
        values = super().to_internal_value({"since": data.get("from"), "until": data.get("to")})
        since, until = values["from"], values["to"]
        if since > until:
            raise serializers.ValidationError({"from": "Начало периода позже его конца"})
        if (until - since).days >= MAX_DAYS:
            raise serializers.ValidationError({"to": "Период не может быть длиннее года"})
        return Period(since, until)


class SeriesQuery(serializers.Serializer[Any]):
    metric = serializers.ChoiceField(choices=METRICS)
    interval = serializers.ChoiceField(choices=["day", "week"], default="day")


class PointSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    value = serializers.IntegerField(allow_null=True)
    gap = serializers.CharField(allow_blank=True, help_text="Why there is no value (Russian)")


class SeriesSerializer(serializers.Serializer[Any]):
    account = serializers.IntegerField()
    metric = serializers.CharField()
    interval = serializers.CharField()
    points = PointSerializer(many=True)


RANGE_PARAMS = [
    OpenApiParameter("from", str, required=True, description="YYYY-MM-DD"),
    OpenApiParameter("to", str, required=True, description="YYYY-MM-DD (inclusive, ≤ 1 year)"),
]


class SeriesView(MinistryScoped, generics.GenericAPIView):
    """One figure of one account by day or week; a missing value carries its reason."""

    serializer_class = SeriesSerializer
    pagination_class = None

    @extend_schema(
        tags=TAGS,
        parameters=[
            *RANGE_PARAMS,
            OpenApiParameter("metric", str, required=True, enum=list(METRICS)),
            OpenApiParameter("interval", str, required=False, enum=["day", "week"]),
        ],
        responses=SeriesSerializer,
    )
    def get(self, request: Request, ministry: str, pk: int) -> Response:
        account = get_object_or_404(Account, pk=pk, ministry=self.ministry)
        period = _valid(RangeQuery, request)
        query = _valid(SeriesQuery, request)
        rows = AccountDay.objects.filter(account=account, day__range=(period.since, period.until))
        metric, interval = query["metric"], query["interval"]
        gaps = {d: g.get(metric, "") for d, g in rows.values_list("day", "gaps")}
        points = [
            {"date": d, "value": v, "gap": "" if v is not None else gaps.get(d) or "Нет данных"}
            for d, v in queries.series(rows, metric, period, interval)
        ]
        body = {"account": account.pk, "metric": metric, "interval": interval, "points": points}
        return Response(SeriesSerializer(body).data)


class SummarySerializer(serializers.Serializer[Any]):
    since = serializers.DateField()
    until = serializers.DateField()
    followers = serializers.IntegerField(allow_null=True)
    follower_growth = serializers.IntegerField(allow_null=True)
    totals = serializers.DictField(child=serializers.IntegerField())
    er_followers = serializers.FloatField(allow_null=True, help_text="reactions ÷ followers × 100")
    er_views = serializers.FloatField(allow_null=True, help_text="reactions ÷ views × 100")
    repost_share = serializers.FloatField(allow_null=True, help_text="percent of publications")
    style_score = serializers.FloatField(allow_null=True)
    moderation = serializers.DictField(child=serializers.IntegerField())
    previous = serializers.DictField(help_text="the same figures for the period before")


class SummaryView(MinistryScoped, generics.GenericAPIView):
    """The ministry's figures for a period and for the same number of days before it."""

    serializer_class = SummarySerializer
    pagination_class = None

    @extend_schema(tags=TAGS, parameters=RANGE_PARAMS, responses=SummarySerializer)
    def get(self, request: Request, ministry: str) -> Response:
        period = _valid(RangeQuery, request)
        body = summary(self.ministry, period)
        body["previous"] = summary(self.ministry, period.previous())
        return Response(SummarySerializer(body).data)


def summary(ministry: Any, period: Period) -> dict[str, Any]:
    figures = DayTable.load(ministry.pk, period.since, period.until).figures(period)
    reposts, total = queries.repost_share(ministry, period)
    return {
        "since": period.since, "until": period.until, "followers": figures.followers,
        "follower_growth": figures.growth, "totals": figures.values,
        "er_followers": figures.er_followers, "er_views": figures.er_views,
        "repost_share": share_percent(reposts, total),
        "style_score": queries.style_score(ministry, period),
        "moderation": queries.moderation_volumes(ministry, period),
    }  # fmt: skip


def _valid(serializer: type[serializers.Serializer[Any]], request: Request) -> Any:
    query = serializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data
