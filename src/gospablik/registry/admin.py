from django.contrib import admin

from gospablik.registry.models import Account


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    """Read-only here: registry changes go through the registry pages (duties, audit)."""

    list_display = ["title", "network", "ministry", "status", "created_on", "deleted_on"]
    list_filter = ["ministry", "network", "status"]
    search_fields = ["title", "url"]
    readonly_fields = [f.name for f in Account._meta.fields]
