from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gospablik.policy.models import PolicyVersion


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    """Versions are created through the policy page or `gospablik policy update`, never edited."""

    list_display = ["ministry", "version", "created_at", "created_by", "comment"]
    list_filter = ["ministry"]
    readonly_fields = ["ministry", "version", "text", "comment", "created_at", "created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
