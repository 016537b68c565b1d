"""Back office: read-only views of moderation data (changes go through the pages and actions)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gospablik.moderation.models import ArchivedItem, Comment, Message, Sanction, UnlawfulRule


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Comment)
class CommentAdmin(ReadOnly):
    list_display = ["network_comment_id", "account", "status", "auto_action", "received_at"]
    list_filter = ["status", "network", "auto_action"]
    search_fields = ["network_comment_id", "author_id", "author_name"]


@admin.register(ArchivedItem)
class ArchivedItemAdmin(ReadOnly):
    list_display = [
        "network_comment_id",
        "account",
        "decided_by_repr",
        "decided_at",
        "network_done_at",
    ]
    list_filter = ["decided_by_repr"]


@admin.register(Sanction)
class SanctionAdmin(ReadOnly):
    list_display = ["offender", "step", "action", "until", "status", "created_at"]
    list_filter = ["action", "status", "appeal"]


@admin.register(UnlawfulRule)
class UnlawfulRuleAdmin(ReadOnly):
    list_display = ["key", "ministry", "kind", "norm", "active"]


@admin.register(Message)
class MessageAdmin(ReadOnly):
    list_display = ["network_message_id", "account", "status", "flagged", "received_at"]
