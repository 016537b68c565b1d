"""REST API of the security module: alerts, posture grades, masked keys."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from gospablik.api.views import MinistryScoped
from gospablik.networks.models import Connection
from gospablik.orgs.access import Perm
from gospablik.registry.models import Account
from gospablik.security import serializers as s
from gospablik.security import standing
from gospablik.security.alerts import do_resolve_alert
from gospablik.security.assess import Posture
from gospablik.security.credentials import MaskedKey, masked_keys, record_view
from gospablik.security.models import Alert


class AlertViewSet(MinistryScoped, viewsets.ReadOnlyModelViewSet):
    """Takeover alerts of the ministry's accounts; `resolve` records what was done."""

    serializer_class = s.AlertSerializer
    perm = Perm.SECURITY_VIEW
    write_perm = Perm.SECURITY_MANAGE
    filterset_fields = ["severity", "kind", "account"]
    ordering_fields = ["detected_at"]

    def get_queryset(self) -> QuerySet[Alert]:
        if self.schema_only():
            return Alert.objects.none()
        return Alert.objects.filter(ministry=self.ministry).select_related("account")

    @extend_schema(request=s.ResolveSerializer, responses=s.AlertSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.ResolveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alert = self.get_object()
        if not alert.is_open:
            raise ValidationError({"detail": "Оповещение уже разобрано"})
        alert = do_resolve_alert(alert, actor=request.user, **data.validated_data)
        return Response(s.AlertSerializer(alert).data)


class PostureList(MinistryScoped, generics.ListAPIView):
    """The security grade (A–D) of every active account and what to fix."""

    serializer_class = s.PostureSerializer
    perm = Perm.SECURITY_VIEW
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        if self.schema_only():
            return Account.objects.none()
        self.ministry  # noqa: B018 — resolves (and checks) the ministry first
        accounts = Account.objects.filter(ministry=self.ministry)
        return accounts.exclude(status=Account.Status.DELETED).order_by("title", "pk")

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """Paginated (issue 18): the posture is assessed for one page of accounts only."""
        page: list[Account] = self.paginate_queryset(self.get_queryset()) or []
        postures: list[Posture] = standing.postures(self.ministry, page)
        return self.get_paginated_response(self.get_serializer(postures, many=True).data)


class KeyList(MinistryScoped, generics.ListAPIView):
    """Masked keys of the ministry's connections (every listing is audited)."""

    serializer_class = s.MaskedKeySerializer
    perm = Perm.SECURITY_VIEW
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> list[MaskedKey]:  # type: ignore[override]
        if self.schema_only():
            return []
        found: list[MaskedKey] = []
        connections = Connection.objects.filter(account__ministry=self.ministry).select_related(
            "account"
        )
        for connection in connections:
            record_view(connection, actor=self.request.user)
            found += masked_keys(connection)
        return found
