"""REST API of the content module (mounted at /api/m/<ministry>/content/)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from gospablik.api.views import MinistryScoped
from gospablik.content import serializers as s
from gospablik.content.actions import (
    CapWarning,
    do_cancel_post,
    do_create_post,
    do_delete_post,
    do_publish_now,
    do_remove_published,
    do_reschedule,
    do_retry_publication,
    do_schedule,
    do_update_post,
)
from gospablik.content.compliance import compliance_rows
from gospablik.content.models import InfoOccasion, Post, Publication
from gospablik.content.occasions import do_create_occasion, do_delete_occasion, do_update_occasion
from gospablik.content.views.compliance import period
from gospablik.orgs.access import Perm
from gospablik.registry.models import Account
from gospablik.web.keyset import Order, keyset_page


def _errors(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)


def _cap(warning: CapWarning) -> ValidationError:
    return ValidationError(
        {
            "cap_warning": warning.messages,
            "hint": "Повторите запрос с confirm=true, если это осознанно",
        }
    )


class OccasionViewSet(MinistryScoped, viewsets.ModelViewSet):
    """Info occasions (инфоповоды) that posts are made from."""

    serializer_class = s.OccasionSerializer
    write_perm = Perm.CONTENT_EDIT
    ordering_fields = ["occurred_on", "created_at"]

    def get_queryset(self) -> QuerySet[InfoOccasion]:
        if self.schema_only():
            return InfoOccasion.objects.none()
        return InfoOccasion.objects.filter(ministry=self.ministry)

    def perform_create(self, serializer: s.OccasionSerializer) -> None:  # type: ignore[override]
        serializer.instance = do_create_occasion(
            self.ministry, dict(serializer.validated_data), actor=self.request.user
        )

    def perform_update(self, serializer: s.OccasionSerializer) -> None:  # type: ignore[override]
        assert isinstance(serializer.instance, InfoOccasion)
        serializer.instance = do_update_occasion(
            serializer.instance, dict(serializer.validated_data), actor=self.request.user
        )

    def perform_destroy(self, instance: InfoOccasion) -> None:
        do_delete_occasion(instance, actor=self.request.user)


class PostViewSet(MinistryScoped, viewsets.ModelViewSet):
    """Posts: write once for several accounts, then schedule, publish now, cancel."""

    serializer_class = s.PostSerializer
    write_perm = Perm.CONTENT_EDIT
    filterset_fields = ["status", "format", "occasion"]
    ordering_fields = ["publish_at", "created_at"]

    def get_queryset(self) -> QuerySet[Post]:
        if self.schema_only():
            return Post.objects.none()
        return Post.objects.filter(ministry=self.ministry).prefetch_related(
            "publications__account", "media"
        )

    def _data(self, serializer: s.PostSerializer) -> tuple[dict[str, Any], list[Any]]:
        data = dict(serializer.validated_data)
        accounts = list(data.pop("accounts", []))
        if "poll" in data and data["poll"] is not None:
            data["poll"] = dict(data["poll"])
        return data, accounts

    def perform_create(self, serializer: s.PostSerializer) -> None:  # type: ignore[override]
        data, accounts = self._data(serializer)
        try:
            serializer.instance = do_create_post(
                self.ministry, data, accounts, actor=self.request.user
            )
        except DjangoValidationError as error:
            raise _errors(error) from error

    def perform_update(self, serializer: s.PostSerializer) -> None:  # type: ignore[override]
        assert isinstance(serializer.instance, Post)
        data, accounts = self._data(serializer)
        if "accounts" not in serializer.validated_data:
            accounts = [p.account for p in serializer.instance.publications.all()]
        try:
            serializer.instance = do_update_post(
                serializer.instance, data, accounts, actor=self.request.user
            )
        except DjangoValidationError as error:
            raise _errors(error) from error

    def perform_destroy(self, instance: Post) -> None:
        try:
            do_delete_post(instance, actor=self.request.user)
        except DjangoValidationError as error:
            raise _errors(error) from error

    def _done(self, post: Post) -> Response:
        post.refresh_from_db()
        return Response(s.PostSerializer(post, context=self.get_serializer_context()).data)

    @extend_schema(request=s.ScheduleSerializer, responses=s.PostSerializer)
    @action(detail=True, methods=["post"])
    def schedule(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.ScheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            post = do_schedule(
                self.get_object(), data.validated_data["publish_at"], actor=request.user
            )
        except DjangoValidationError as error:
            raise _errors(error) from error
        return self._done(post)

    @extend_schema(request=s.ScheduleSerializer, responses=s.PostSerializer)
    @action(detail=True, methods=["post"])
    def reschedule(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.ScheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            post = do_reschedule(
                self.get_object(), data.validated_data["publish_at"], actor=request.user
            )
        except DjangoValidationError as error:
            raise _errors(error) from error
        return self._done(post)

    @extend_schema(request=None, responses=s.PostSerializer)
    @action(detail=True, methods=["post"], url_path="publish-now")
    def publish_now(self, request: Request, ministry: str, pk: str) -> Response:
        try:
            post = do_publish_now(self.get_object(), actor=request.user)
        except DjangoValidationError as error:
            raise _errors(error) from error
        return self._done(post)

    @extend_schema(request=s.ConfirmSerializer, responses=s.PostSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.ConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            post = do_cancel_post(
                self.get_object(), actor=request.user, confirm=data.validated_data["confirm"]
            )
        except CapWarning as warning:
            raise _cap(warning) from warning
        except DjangoValidationError as error:
            raise _errors(error) from error
        return self._done(post)


class PublicationViewSet(MinistryScoped, viewsets.ReadOnlyModelViewSet):
    """Each post's publication in one account: status, network id, the error in Russian."""

    serializer_class = s.PublicationSerializer
    write_perm = Perm.CONTENT_EDIT
    filterset_fields = ["status", "account", "kind"]

    def get_queryset(self) -> QuerySet[Publication]:
        if self.schema_only():
            return Publication.objects.none()
        return Publication.objects.filter(post__ministry=self.ministry).select_related("account")

    @extend_schema(request=None, responses=s.PublicationSerializer)
    @action(detail=True, methods=["post"])
    def retry(self, request: Request, ministry: str, pk: str) -> Response:
        try:
            pub = do_retry_publication(self.get_object(), actor=request.user)
        except DjangoValidationError as error:
            raise _errors(error) from error
        return Response(s.PublicationSerializer(pub).data)

    @extend_schema(request=s.ConfirmSerializer, responses=s.PublicationSerializer)
    @action(detail=True, methods=["post"], url_path="remove-from-network")
    def remove(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.ConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            pub = do_remove_published(
                self.get_object(), actor=request.user, confirm=data.validated_data["confirm"]
            )
        except CapWarning as warning:
            raise _cap(warning) from warning
        except DjangoValidationError as error:
            raise _errors(error) from error
        return Response(s.PublicationSerializer(pub).data, status=status.HTTP_200_OK)


API_ACCOUNTS = 50  # accounts per compliance page (× the weeks of the period)
BY_TITLE = Order("title")


class ComplianceView(MinistryScoped, generics.GenericAPIView):
    """Per account and calendar week: publications, reposts, share, formats, style.
    A page of accounts at a time (by title; keyset: follow ``next``), each with every week
    of the period."""

    serializer_class = s.WeekRowSerializer
    pagination_class = None
    queryset = Publication.objects.none()  # the rows are computed; this names the model

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="первый день (неделя с ним)"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="последний день"),
            OpenApiParameter("cursor", str, description="страница аккаунтов (из next/previous)"),
        ],
        responses=s.CompliancePageSerializer,
    )
    def get(self, request: Request, ministry: str) -> Response:
        first, last = period(request._request)
        accounts = Account.objects.filter(ministry=self.ministry).exclude(
            status=Account.Status.PLANNED
        )
        page = keyset_page(accounts, BY_TITLE, request.query_params.get("cursor"), API_ACCOUNTS)
        rows = compliance_rows(self.ministry, first, last, page.items) if page.items else []
        body = {
            "next": self._link(request, page.next_cursor),
            "previous": self._link(request, page.previous_cursor),
            "accounts": page.total,
            "accounts_capped": page.total_capped,
            "results": rows,
        }
        return Response(s.CompliancePageSerializer(body).data)

    def _link(self, request: Request, cursor: str) -> str | None:
        if not cursor:
            return None
        query = request.query_params.copy()
        query["cursor"] = cursor
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
