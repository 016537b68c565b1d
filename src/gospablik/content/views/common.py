"""Shared helpers of the content views: the object doors and JSON answers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from gospablik.content.models import InfoOccasion, Post, PostMedia, Publication
from gospablik.orgs.models import Ministry


def get_post(ministry: Ministry, pk: int) -> Post:
    return get_object_or_404(Post.objects.select_related("occasion"), pk=pk, ministry=ministry)


def get_publication(ministry: Ministry, pk: int) -> Publication:
    return get_object_or_404(
        Publication.objects.select_related("post", "account"), pk=pk, post__ministry=ministry
    )


def get_media(ministry: Ministry, pk: int) -> PostMedia:
    return get_object_or_404(
        PostMedia.objects.select_related("post"), pk=pk, post__ministry=ministry
    )


def get_occasion(ministry: Ministry, pk: int) -> InfoOccasion:
    return get_object_or_404(InfoOccasion, pk=pk, ministry=ministry)


def messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def json_error(messages: list[str], status: int = 400) -> JsonResponse:
    return JsonResponse({"ok": False, "errors": messages}, status=status)


def json_ok(**data: Any) -> JsonResponse:
    return JsonResponse({"ok": True, **data})
