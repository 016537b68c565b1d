from django.contrib import admin

from gospablik.duties.models import Duty, Notification


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ["title", "ministry", "owner_org", "due_at", "status"]
    list_filter = ["ministry", "status", "kind"]
    search_fields = ["title"]
    readonly_fields = [f.name for f in Duty._meta.fields]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "level", "text", "created_at", "read_at"]
    list_filter = ["level"]
