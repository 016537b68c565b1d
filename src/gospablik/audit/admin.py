from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gospablik.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only and hash-chained."""

    list_display = ["seq", "created_at", "actor_repr", "action", "object_repr"]
    list_filter = ["action", "ministry"]
    search_fields = ["object_repr", "actor_repr", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
