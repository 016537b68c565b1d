from django.contrib import admin

from gospablik.orgs.models import Membership, Ministry, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Ministry)
class MinistryAdmin(admin.ModelAdmin):
    list_display = ["short_name", "key", "name"]
    search_fields = ["name", "key"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "kind", "ministry", "key"]
    list_filter = ["ministry", "kind"]
    search_fields = ["name", "short_name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "is_active"]
    list_filter = ["organization__ministry", "role", "is_active"]
    search_fields = ["user__username", "user__last_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
