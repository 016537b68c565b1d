"""REST API of approvals: the same doors and actions as the pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gospablik.api.views import MinistryScoped
from gospablik.approvals import serializers as s
from gospablik.approvals.access import (
    OFF_MESSAGE,
    ApprovalsOff,
    Who,
    requests_for,
    submissions_for,
    who,
)
from gospablik.approvals.actions import requests as req
from gospablik.approvals.actions.plan import to_content_plan
from gospablik.approvals.actions.remarks import do_add_remark
from gospablik.approvals.actions.signing import do_sign_round
from gospablik.approvals.actions.submissions import (
    do_create_submission,
    do_submit,
    do_update_submission,
    do_withdraw,
)
from gospablik.approvals.models import InformationRequest, ItemFile, Remark, Submission
from gospablik.approvals.reports import monthly_report
from gospablik.approvals.views.detail import shown_remarks
from gospablik.policy.store import policy_for


def _errors(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)


class ApprovalsScoped(MinistryScoped):
    """Adds `self.me`; a ministry whose policy has no approvals answers 404 with the reason."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not self.schema_only():
            timezone.activate(policy_for(self.ministry).tz())

    @property
    def me(self) -> Who:
        if not hasattr(self, "_me"):
            try:
                self._me = who(self.request.user, self.ministry)
            except ApprovalsOff:
                raise NotFound(OFF_MESSAGE) from None
            if not self._me.can_view:
                raise PermissionDenied("Недостаточно прав")
        return self._me

    def need(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied("Недостаточно прав")


class SubmissionViewSet(
    ApprovalsScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """ЦУР's submissions: create (optionally submit), resubmit, withdraw; remarks and signing."""

    serializer_class = s.SubmissionSerializer
    filterset_fields = ["kind", "status"]
    ordering_fields = ["created_at"]

    def get_queryset(self) -> QuerySet[Submission]:
        if self.schema_only():
            return Submission.objects.none()
        return submissions_for(self.ministry, self.me).prefetch_related("items", "rounds")

    def perform_create(self, serializer: s.SubmissionSerializer) -> None:  # type: ignore[override]
        self.need(bool(self.me.submit_orgs))
        data, items = serializer.data_objects()
        try:
            with transaction.atomic():
                submission = do_create_submission(
                    self.ministry,
                    actor=self.request.user,
                    cur_org=self.me.submit_orgs[0],
                    data=data,
                    items=items,
                )
                if serializer.validated_data.get("submit"):
                    do_submit(submission, actor=self.request.user)
        except DjangoValidationError as error:
            raise _errors(error) from error
        submission.refresh_from_db()
        serializer.instance = submission

    def _mine(self) -> Submission:
        submission = self.get_object()
        self.need(submission.cur_org in self.me.submit_orgs)
        return submission

    def _reply(self, submission: Submission) -> Response:
        submission.refresh_from_db()
        return Response(
            s.SubmissionSerializer(submission, context=self.get_serializer_context()).data
        )

    @extend_schema(request=None, responses=s.SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, ministry: str, pk: str) -> Response:
        submission = self._mine()
        try:
            do_submit(submission, actor=request.user)
        except DjangoValidationError as error:
            raise _errors(error) from error
        return self._reply(submission)

    @extend_schema(request=s.SubmissionSerializer, responses=s.SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def resubmit(self, request: Request, ministry: str, pk: str) -> Response:
        """Apply ЦУР's changes to a returned submission and send it again (a new round)."""
        submission = self._mine()
        serializer = s.SubmissionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, items = serializer.data_objects()
        try:
            with transaction.atomic():
                do_update_submission(submission, actor=request.user, data=data, items=items)
                do_submit(submission, actor=request.user)
        except DjangoValidationError as error:
            raise _errors(error) from error
        return self._reply(submission)

    @extend_schema(request=s.WithdrawSerializer, responses=s.SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, ministry: str, pk: str) -> Response:
        submission = self._mine()
        data = s.WithdrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            do_withdraw(submission, actor=request.user, reason=data.validated_data["reason"])
        except DjangoValidationError as error:
            raise _errors(error) from error
        return self._reply(submission)

    @extend_schema(methods=["get"], request=None, responses=s.RemarkSerializer(many=True))
    @extend_schema(methods=["post"], request=s.AddRemarkSerializer, responses=s.RemarkSerializer)
    @action(detail=True, methods=["get", "post"])
    def remarks(self, request: Request, ministry: str, pk: str) -> Response:
        """GET: the remarks this user may see; POST: a reviewer adds one to the open round."""
        submission = self.get_object()
        if request.method == "GET":
            _, views = shown_remarks(
                submission, self.me, list(submission.rounds.order_by("number"))
            )
            return Response(s.RemarkSerializer([v.remark for v in views], many=True).data)
        self.need(self.me.review)
        data = s.AddRemarkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        remark = self._add_remark(submission, dict(data.validated_data))
        return Response(s.RemarkSerializer(remark).data, status=status.HTTP_201_CREATED)

    def _add_remark(self, submission: Submission, data: dict[str, Any]) -> Remark:
        item = submission.items.filter(pk=data.pop("item", None) or 0).first()
        file = ItemFile.objects.filter(
            item__submission=submission, pk=data.pop("file", None) or 0
        ).first()
        try:
            return do_add_remark(submission, actor=self.request.user, item=item, file=file, **data)
        except DjangoValidationError as error:
            raise _errors(error) from error

    @extend_schema(request=s.SignSerializer, responses=s.RoundSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, ministry: str, pk: str) -> Response:
        """The signer's decision with a fresh TOTP code (`otp`); remarks of the round are final."""
        submission = self.get_object()
        self.need(self.me.sign)
        data = s.SignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            round_ = do_sign_round(
                submission,
                actor=request.user,
                decision=data.validated_data["decision"],
                otp_code=data.validated_data["otp"],
            )
        except DjangoValidationError as error:
            raise _errors(error) from error
        return Response(s.RoundSerializer(round_).data)

    @extend_schema(request=None, responses=s.SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="to-plan")
    def to_plan(self, request: Request, ministry: str, pk: str) -> Response:
        """Turn the approved submission into scheduled posts of the content plan."""
        submission = self.get_object()
        self.need(self.me.review)
        try:
            to_content_plan(submission, actor=request.user)
        except DjangoValidationError as error:
            raise _errors(error) from error
        return self._reply(submission)


class RequestViewSet(
    ApprovalsScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """ЦУР's information requests and the ministry's answers."""

    serializer_class = s.RequestSerializer
    filterset_fields = ["status"]

    def get_queryset(self) -> QuerySet[InformationRequest]:
        if self.schema_only():
            return InformationRequest.objects.none()
        return requests_for(self.ministry, self.me).prefetch_related("messages__files")

    def perform_create(self, serializer: s.RequestSerializer) -> None:  # type: ignore[override]
        self.need(bool(self.me.submit_orgs))
        try:
            serializer.instance = req.do_file_request(
                self.ministry,
                actor=self.request.user,
                cur_org=self.me.submit_orgs[0],
                **serializer.validated_data,
            )
        except DjangoValidationError as error:
            raise _errors(error) from error

    def _run(self, allowed: bool, run: Any) -> Response:
        item = self.get_object()
        self.need(allowed)
        try:
            run(item)
        except DjangoValidationError as error:
            raise _errors(error) from error
        item.refresh_from_db()
        return Response(s.RequestSerializer(item).data)

    def _cur(self) -> bool:
        return self.get_object().cur_org in self.me.cur_orgs

    @extend_schema(request=s.AssignSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = get_user_model().objects.filter(username=data.validated_data["assignee"]).first()
        if user is None:
            raise ValidationError({"assignee": "Нет такого пользователя"})
        return self._run(
            self.me.answer, lambda i: req.do_assign_request(i, actor=request.user, assignee=user)
        )

    @extend_schema(request=s.AnswerSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        text = data.validated_data["text"]
        return self._run(
            self.me.answer, lambda i: req.do_answer_request(i, actor=request.user, text=text)
        )

    @extend_schema(request=None, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, ministry: str, pk: str) -> Response:
        return self._run(self._cur(), lambda i: req.do_accept_answer(i, actor=request.user))

    @extend_schema(request=s.AskAgainSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"], url_path="ask-again")
    def ask_again(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.AskAgainSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._run(
            self._cur(), lambda i: req.do_ask_again(i, actor=request.user, **data.validated_data)
        )

    @extend_schema(request=s.WithdrawSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.WithdrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reason = data.validated_data["reason"]
        return self._run(
            self._cur(), lambda i: req.do_withdraw_request(i, actor=request.user, reason=reason)
        )


class ReportView(ApprovalsScoped, APIView):
    """On-time share per kind for one month (`?month=YYYY-MM`, default: this month)."""

    @extend_schema(
        parameters=[OpenApiParameter("month", str, description="ГГГГ-ММ")],
        responses=s.ApprovalsReportRowSerializer(many=True),
    )
    def get(self, request: Request, ministry: str) -> Response:
        self.need(self.me.oversee)
        tz = policy_for(self.ministry).tz()
        year, month = _month(request.query_params.get("month", ""))
        rows = monthly_report(self.ministry, year, month, tz, timezone.now())
        return Response(s.ApprovalsReportRowSerializer(rows, many=True).data)


def _month(value: str) -> tuple[int, int]:
    if not value:
        today = timezone.localdate()
        return today.year, today.month
    try:
        year, month = (int(part) for part in value.split("-"))
    except ValueError:
        raise ValidationError({"month": "Месяц в виде ГГГГ-ММ"}) from None
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError({"month": "Месяц в виде ГГГГ-ММ"})
    return year, month
