"""REST API of the dialogue, mounted at /api/m/<ministry>/dialogue/ (stable: external checks)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gospablik.api.views import MinistryScoped
from gospablik.dialogue import metrics
from gospablik.dialogue import serializers as s
from gospablik.dialogue.access import get_thread_for_user, threads_for
from gospablik.dialogue.answering import AnswerRefused, do_answer
from gospablik.dialogue.models import Answer, Thread
from gospablik.dialogue.worktime import WorkingTime
from gospablik.policy.store import policy_for

TAGS = ["dialogue"]


class NewestFirst(CursorPagination):
    """Keyset pagination: pages never grow with the data."""

    ordering = ("-received_at", "-id")
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


def _flag(value: str | None, name: str) -> bool | None:
    if value in (None, ""):
        return None
    if value.lower() in ("true", "1", "yes"):
        return True
    if value.lower() in ("false", "0", "no"):
        return False
    raise ValidationError({name: "Ожидается true или false"})


@extend_schema(
    tags=TAGS,
    parameters=[
        OpenApiParameter("status", str, enum=Thread.Status.values),
        OpenApiParameter("account", int),
        OpenApiParameter("overdue", bool),
        OpenApiParameter("needs_answer", bool),
    ],
)
class ThreadList(MinistryScoped, generics.ListAPIView):
    """Residents' comments and messages as threads, newest first."""

    serializer_class = s.ThreadSerializer
    pagination_class = NewestFirst
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Thread]:
        if self.schema_only():
            return Thread.objects.none()
        qs = threads_for(self.request.user, self.ministry).select_related(
            "account", "comment", "message", "assignee"
        )
        return self._filtered(qs, self.request.query_params)

    def _filtered(self, qs: QuerySet[Thread], params: Any) -> QuerySet[Thread]:
        if params.get("status"):
            if params["status"] not in Thread.Status.values:
                raise ValidationError({"status": "Неизвестное состояние"})
            qs = qs.filter(status=params["status"])
        if params.get("account"):
            if not str(params["account"]).isdigit():
                raise ValidationError({"account": "Ожидается номер аккаунта"})
            qs = qs.filter(account_id=int(params["account"]))
        overdue = _flag(params.get("overdue"), "overdue")
        if overdue is not None:
            late = {"status__in": Thread.OPEN, "due_at__lt": timezone.now()}
            qs = qs.filter(**late) if overdue else qs.exclude(**late)
        needs = _flag(params.get("needs_answer"), "needs_answer")
        return qs if needs is None else qs.filter(needs_answer=needs)


class ThreadReply(MinistryScoped, APIView):
    """Queue the public (comment) or private (message) answer of a thread."""

    @extend_schema(tags=TAGS, request=s.ReplySerializer, responses={201: s.AnswerSerializer})
    def post(self, request: Request, ministry: str, pk: str) -> Response:
        data = s.ReplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        thread = get_thread_for_user(request.user, self.ministry, pk)
        try:
            answer = do_answer(thread, data.validated_data["text"], actor=request.user,
                               interim=data.validated_data["interim"])  # fmt: skip
        except AnswerRefused as error:
            raise ValidationError({"text": error.messages}) from None
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from None
        answer.refresh_from_db()
        body = s.AnswerSerializer(answer, context={"ministry": self.ministry}).data
        return Response(body, status=status.HTTP_201_CREATED)


class AnswerDetail(MinistryScoped, APIView):
    """An answer's delivery: queued / sent / failed / needs_person, the network id once sent."""

    @extend_schema(tags=TAGS, responses=s.AnswerSerializer)
    def get(self, request: Request, ministry: str, pk: str) -> Response:
        threads = threads_for(request.user, self.ministry)
        answer = Answer.objects.filter(pk=_number(pk), thread__in=threads).first()
        if answer is None:
            raise Http404("Нет такого ответа")
        return Response(s.AnswerSerializer(answer, context={"ministry": self.ministry}).data)


def _number(value: str) -> int:
    return int(value) if value.isdigit() else 0


class Metrics(MinistryScoped, APIView):
    """Response-time figures of an ISO week (default: the current one)."""

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("week", str, description="ГГГГ-Wнн, например 2025-W11")],
        responses=s.MetricsSerializer,
    )
    def get(self, request: Request, ministry: str) -> Response:
        clock = WorkingTime.of(policy_for(self.ministry))
        week = request.query_params.get("week") or metrics.week_of(timezone.now(), clock.tz)
        try:
            monday = metrics.parse_week(week)
        except ValueError as error:
            raise ValidationError({"week": str(error)}) from None
        body = metrics.report(threads_for(request.user, self.ministry), monday, clock)
        return Response(s.MetricsSerializer(body).data)
