"""REST API. Every view resolves its ministry through orgs.access, like the pages do."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gospablik.api import serializers as s
from gospablik.audit.models import AuditEntry
from gospablik.duties.actions import DutyClosed, do_complete_duty
from gospablik.duties.models import Duty
from gospablik.orgs.access import Perm, get_ministry_for_user, has_perm, ministries_for
from gospablik.orgs.models import Ministry
from gospablik.policy.actions import do_update_policy
from gospablik.policy.loader import PolicyError
from gospablik.policy.models import PolicyVersion
from gospablik.registry.actions import (
    do_mark_account_deleted,
    do_register_account,
    do_update_account,
)
from gospablik.registry.filters import AccountFilter
from gospablik.registry.models import Account


class MinistryScoped:
    """Mixin: `self.ministry` is the ministry in the URL, reachable by the user."""

    kwargs: dict[str, Any]
    request: Any
    perm = Perm.VIEW
    write_perm: Perm | None = None  # checked before any validation of a write

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if request.method not in SAFE_METHODS and self.write_perm is not None:
            self.require(self.write_perm)

    def schema_only(self) -> bool:
        """drf-spectacular builds the schema without a ministry in the URL."""
        return bool(getattr(self, "swagger_fake_view", False))

    @property
    def ministry(self) -> Ministry:
        if not hasattr(self, "_ministry"):
            self._ministry = get_ministry_for_user(
                self.request.user, self.kwargs["ministry"], self.perm
            )
        return self._ministry

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        if "ministry" in self.kwargs and not self.schema_only():
            context["ministry"] = self.ministry
        return dict(context)

    def require(self, perm: Perm, **kwargs: Any) -> None:
        if not has_perm(self.request.user, self.ministry, perm, **kwargs):
            raise PermissionDenied("Недостаточно прав")


def _errors(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)


class ApiIndex(APIView):
    """What the API offers: documentation, schema and the resources of each module."""

    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        from gospablik.urls import MODULES

        base = request.build_absolute_uri("/api/")
        per_ministry = {name: f"{base}m/{{ministry}}/{name}/" for name in MODULES}
        per_ministry |= {
            name: f"{base}m/{{ministry}}/{name}/"
            for name in ("accounts", "duties", "audit", "policy")
        }
        return Response(
            {
                "docs": f"{base}docs/",
                "schema": f"{base}schema/",
                "ministries": f"{base}ministries/",
                "style_check": f"{base}style/check/",
                "per_ministry": dict(sorted(per_ministry.items())),
            }
        )


class MinistryList(generics.ListAPIView):
    serializer_class = s.MinistrySerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Ministry]:
        return ministries_for(self.request.user)


class AccountViewSet(
    MinistryScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The account registry. Accounts are never deleted: use `mark_deleted`."""

    serializer_class = s.AccountSerializer
    write_perm = Perm.REGISTRY_EDIT
    filterset_class = AccountFilter
    search_fields: list[str] = []
    ordering_fields = ["title", "network", "status", "created_on", "deleted_on", "updated_at"]

    def get_queryset(self) -> QuerySet[Account]:
        if self.schema_only():
            return Account.objects.none()
        return Account.objects.filter(ministry=self.ministry).select_related("responsible_org")

    def perform_create(self, serializer: s.AccountSerializer) -> None:  # type: ignore[override]
        try:
            serializer.instance = do_register_account(
                self.ministry, dict(serializer.validated_data), actor=self.request.user
            )
        except DjangoValidationError as error:
            raise _errors(error) from error

    def perform_update(self, serializer: s.AccountSerializer) -> None:  # type: ignore[override]
        assert isinstance(serializer.instance, Account)
        try:
            serializer.instance = do_update_account(
                serializer.instance, dict(serializer.validated_data), actor=self.request.user
            )
        except DjangoValidationError as error:
            raise _errors(error) from error

    @extend_schema(request=s.MarkDeletedSerializer, responses=s.AccountSerializer)
    @action(detail=True, methods=["post"], url_path="mark-deleted")
    def mark_deleted(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.MarkDeletedSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            account = do_mark_account_deleted(
                self.get_object(),
                data.validated_data["deleted_on"],
                actor=request.user,
                reason=data.validated_data.get("reason", ""),
            )
        except DjangoValidationError as error:
            raise _errors(error) from error
        return Response(s.AccountSerializer(account, context=self.get_serializer_context()).data)


class DutyViewSet(MinistryScoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.DutySerializer
    filterset_fields = ["status", "kind"]
    ordering_fields = ["due_at", "started_at"]

    def get_queryset(self) -> QuerySet[Duty]:
        if self.schema_only():
            return Duty.objects.none()
        return Duty.objects.filter(ministry=self.ministry).select_related("owner_org")

    @extend_schema(request=s.CompleteDutySerializer, responses=s.DutySerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, ministry: str, pk: str) -> Response:
        duty = self.get_object()
        self.require(Perm.DUTY_COMPLETE, org=duty.owner_org)
        data = s.CompleteDutySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resolution = {**data.validated_data, "done_on": data.validated_data["done_on"].isoformat()}
        try:  # the action locks the duty: of two closings at once, the second is refused
            duty = do_complete_duty(duty, actor=request.user, resolution=resolution)
        except DutyClosed as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(s.DutySerializer(duty).data)


class AuditList(MinistryScoped, generics.ListAPIView):
    serializer_class = s.AuditEntrySerializer
    perm = Perm.AUDIT_VIEW
    filterset_fields = ["action", "object_type", "object_id"]

    def get_queryset(self) -> QuerySet[AuditEntry]:
        if self.schema_only():
            return AuditEntry.objects.none()
        return AuditEntry.objects.filter(ministry=self.ministry).order_by("-seq")


class PolicyVersions(MinistryScoped, generics.ListCreateAPIView):
    """Versions of the ministry's policy, newest first; POST stores a new version."""

    serializer_class = s.PolicyVersionSerializer
    write_perm = Perm.POLICY_EDIT

    def get_queryset(self) -> QuerySet[PolicyVersion]:
        if self.schema_only():
            return PolicyVersion.objects.none()
        return PolicyVersion.objects.filter(ministry=self.ministry).order_by("-version")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.PolicyVersionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            version = do_update_policy(
                self.ministry,
                data.validated_data["text"],
                actor=request.user,
                comment=data.validated_data["comment"],
            )
        except PolicyError as error:
            raise ValidationError({"text": str(error)}) from error
        return Response(s.PolicyVersionSerializer(version).data, status=status.HTTP_201_CREATED)
