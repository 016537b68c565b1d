"""REST API of moderation: the same doors and actions as the pages."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response

from gospablik.api.views import MinistryScoped
from gospablik.moderation import inbox
from gospablik.moderation import serializers as s
from gospablik.moderation.actions import DecisionError, decide, restore
from gospablik.moderation.bans import unban_on_networks
from gospablik.moderation.ladder import actor_repr, do_decide_appeal, do_file_appeal, do_lift
from gospablik.moderation.legal import do_delete_rule, do_save_rule
from gospablik.moderation.models import Comment, Message, Sanction, UnlawfulRule
from gospablik.moderation.reports import Row, build_report
from gospablik.orgs.access import Perm, has_perm
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account


class ModerationScoped(MinistryScoped):
    """Reading needs any of ``read_perms``; writing needs ``write_perm``."""

    read_perms: tuple[Perm, ...] = (Perm.MODERATE, Perm.MODERATION_OVERSEE)
    write_perm = Perm.MODERATE

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.schema_only() or request.method not in SAFE_METHODS:
            return
        if not any(has_perm(request.user, self.ministry, p) for p in self.read_perms):
            raise PermissionDenied("Недостаточно прав")


def _comments(view: ModerationScoped) -> QuerySet[Comment]:
    if view.schema_only():
        return Comment.objects.none()
    return Comment.objects.filter(ministry=view.ministry).select_related("account", "verdict")


class QueueList(ModerationScoped, generics.ListAPIView):
    """Comments waiting for a moderator, oldest first."""

    serializer_class = s.CommentSerializer
    filterset_fields = ["account"]
    ordering_fields: list[str] = []

    def get_queryset(self) -> QuerySet[Comment]:
        return _comments(self).filter(status=Comment.Status.REVIEW).order_by("received_at", "pk")


class CommentViewSet(ModerationScoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CommentSerializer
    filterset_fields = ["status", "account", "author_id", "auto_action"]
    ordering_fields = ["received_at", "decided_at"]

    def get_queryset(self) -> QuerySet[Comment]:
        return _comments(self).order_by("-received_at", "-pk")

    @extend_schema(request=s.DecisionSerializer, responses=s.CommentSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = self.get_object()
        try:
            decide(comment, data.validated_data["decision"], actor=request.user,
                   reason=data.validated_data["reason"])  # fmt: skip
        except DecisionError as error:
            raise ValidationError({"decision": str(error)}) from error
        return Response(s.CommentSerializer(self.get_queryset().get(pk=comment.pk)).data)

    @extend_schema(request=s.BulkDecisionSerializer, responses=s.BulkResultSerializer)
    @action(detail=False, methods=["post"], url_path="decide-bulk")
    def decide_bulk(self, request: Request, ministry: str) -> Response:
        data = s.BulkDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done, errors = [], {}
        for comment in self.get_queryset().filter(pk__in=data.validated_data["ids"]):
            try:
                decide(comment, data.validated_data["decision"], actor=request.user,
                       reason=data.validated_data["reason"])  # fmt: skip
                done.append(comment.pk)
            except DecisionError as error:
                errors[str(comment.pk)] = str(error)
        return Response({"done": done, "errors": errors})

    @extend_schema(request=s.ReasonSerializer, responses=s.CommentSerializer)
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = self.get_object()
        try:
            restore(comment, actor=request.user, reason=data.validated_data["reason"])
        except DecisionError as error:
            raise ValidationError({"restore": str(error)}) from error
        return Response(s.CommentSerializer(self.get_queryset().get(pk=comment.pk)).data)


class SanctionViewSet(ModerationScoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.SanctionSerializer
    filterset_fields = ["status", "action", "appeal", "offender__author_id", "offender__network"]
    ordering_fields = ["created_at"]

    def get_queryset(self) -> QuerySet[Sanction]:
        if self.schema_only():
            return Sanction.objects.none()
        return Sanction.objects.filter(offender__ministry=self.ministry).select_related("offender")

    def _answer(self, sanction: Sanction, unban: bool = False) -> Response:
        errors = unban_on_networks(sanction) if unban else []
        body = s.SanctionSerializer(self.get_queryset().get(pk=sanction.pk)).data
        return Response({**body, "network_errors": errors} if errors else body)

    @extend_schema(request=s.ReasonSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"])
    def lift(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            sanction = do_lift(
                self.get_object(), actor=request.user, reason=data.validated_data["reason"]
            )
        except ValueError as error:
            raise ValidationError({"status": str(error)}) from error
        return self._answer(sanction, unban=True)

    @extend_schema(request=s.AppealSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"])
    def appeal(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.AppealSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            sanction = do_file_appeal(
                self.get_object(), actor=request.user, text=data.validated_data["text"]
            )
        except ValueError as error:
            raise ValidationError({"appeal": str(error)}) from error
        return self._answer(sanction)

    @extend_schema(request=s.AppealDecisionSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"], url_path="appeal-decision")
    def appeal_decision(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.AppealDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        granted = data.validated_data["granted"]
        try:
            sanction = do_decide_appeal(self.get_object(), actor=request.user, granted=granted,
                                        note=data.validated_data["note"])  # fmt: skip
        except ValueError as error:
            raise ValidationError({"appeal": str(error)}) from error
        return self._answer(sanction, unban=granted)


class MessageViewSet(ModerationScoped, viewsets.ReadOnlyModelViewSet):
    """The inbox of private messages to the communities, oldest first.

    An answer is recorded even when the network refuses it: ``answer_sent`` says whether
    it went, ``answer_note`` why not. Citizens' private messages are read by the
    moderators only, as on the pages."""

    read_perms = (Perm.MODERATE,)
    serializer_class = s.InboxMessageSerializer
    filterset_fields = {
        "status": ["exact", "in"],
        "account": ["exact"],
        "assigned_to": ["exact", "isnull"],
        "flagged": ["exact"],
    }
    ordering_fields = ["received_at"]

    def get_queryset(self) -> QuerySet[Message]:
        if self.schema_only():
            return Message.objects.none()
        return (
            Message.objects.filter(ministry=self.ministry)
            .select_related("account", "assigned_to", "answered_by")
            .order_by("received_at", "pk")
        )

    def _fresh(self, message: Message) -> Response:
        return Response(s.InboxMessageSerializer(self.get_queryset().get(pk=message.pk)).data)

    @extend_schema(
        summary="Who the message may be assigned to", responses=s.InboxAssigneeSerializer(many=True)
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def assignees(self, request: Request, ministry: str, pk: str) -> Response:
        people = inbox.assignees(self.get_object().account).order_by("username")
        return Response([{"id": u.pk, "name": actor_repr(u)} for u in people])

    @extend_schema(
        summary="Assign to one of the assignees (anyone else: 400)",
        request=s.InboxAssignSerializer,
        responses=s.InboxMessageSerializer,
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, ministry: str, pk: str) -> Response:
        message = self.get_object()
        data = s.InboxAssignSerializer(data=request.data, context={"account": message.account})
        data.is_valid(raise_exception=True)
        assignee = data.validated_data["assignee"]
        return self._fresh(inbox.do_assign(message, assignee, actor=request.user))

    @extend_schema(
        summary="Record the answer and send it where the network can (a failed send: 200)",
        request=s.InboxAnswerSerializer,
        responses=s.InboxMessageSerializer,
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.InboxAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        text = data.validated_data["text"]
        return self._fresh(inbox.answer_and_send(self.get_object(), text, actor=request.user))

    @extend_schema(
        summary="Close without an answer", request=None, responses=s.InboxMessageSerializer
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, ministry: str, pk: str) -> Response:
        return self._fresh(inbox.do_close(self.get_object(), actor=request.user))


class RuleViewSet(ModerationScoped, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                  mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):  # fmt: skip
    """The legal department's rules for unlawful content (each cites its norm)."""

    serializer_class = s.RuleSerializer
    read_perms = (Perm.MODERATE, Perm.MODERATION_OVERSEE, Perm.MODERATION_RULES_EDIT)
    write_perm = Perm.MODERATION_RULES_EDIT
    filterset_fields = ["kind", "active"]

    def get_queryset(self) -> QuerySet[UnlawfulRule]:
        if self.schema_only():
            return UnlawfulRule.objects.none()
        return UnlawfulRule.objects.filter(ministry=self.ministry).order_by("key")

    def _save(self, serializer: s.RuleSerializer, rule: UnlawfulRule | None) -> None:
        try:
            serializer.instance = do_save_rule(
                self.ministry, dict(serializer.validated_data), actor=self.request.user, rule=rule
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error

    def perform_create(self, serializer: s.RuleSerializer) -> None:  # type: ignore[override]
        self._save(serializer, None)

    def perform_update(self, serializer: s.RuleSerializer) -> None:  # type: ignore[override]
        self._save(serializer, self.get_object())

    def perform_destroy(self, instance: UnlawfulRule) -> None:
        do_delete_rule(instance, actor=self.request.user)


class ReportView(ModerationScoped, generics.GenericAPIView):
    """Per account and period (local days, inclusive): volume, shares, time to decision,
    restores. The XLSX file is on the page: /<ministry>/moderation/reports/export.xlsx."""

    serializer_class = s.ReportSerializer
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("since", str, required=True, description="YYYY-MM-DD"),
            OpenApiParameter("until", str, required=True, description="YYYY-MM-DD"),
            OpenApiParameter("account", int, required=False),
        ],
        responses=s.ReportSerializer,
    )
    def get(self, request: Request, ministry: str) -> Response:
        query = s.ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        d = query.validated_data
        account = None
        if d.get("account") is not None:
            account = Account.objects.filter(ministry=self.ministry, pk=d["account"]).first()
            if account is None:
                raise ValidationError({"account": "Нет такого аккаунта"})
        report = build_report(
            self.ministry, d["since"], d["until"], policy_for(self.ministry).tz(), account
        )
        body = {"since": report.since, "until": report.until,
                "rows": [_row(r) for r in report.rows], "total": _row(report.total)}  # fmt: skip
        return Response(s.ReportSerializer(body).data, status=status.HTTP_200_OK)


def _row(row: Row) -> dict[str, Any]:
    data = asdict(row)
    data.pop("minutes")
    data["categories"] = dict(row.categories)
    for name in (
        "auto_deleted_share",
        "reviewed_share",
        "auto_kept_share",
        "median_minutes",
        "max_minutes",
    ):
        data[name] = getattr(row, name)
    return data
