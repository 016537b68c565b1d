"""Search, filter and sort of the registry: one FilterSet for the page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gospablik.registry.models import Account
from gospablik.registry.networks import NETWORK_CHOICES


class AccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Поиск"))
    network = django_filters.ChoiceFilter(choices=NETWORK_CHOICES, label=_("Соцсеть"))
    status = django_filters.ChoiceFilter(choices=Account.Status.choices, label=_("Статус"))
    verified = django_filters.BooleanFilter(label=_("Госметка"))
    responsible_org = django_filters.NumberFilter(label=_("Организация"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("network", "network"),
            ("status", "status"),
            ("created_on", "created_on"),
            ("deleted_on", "deleted_on"),
            ("updated_at", "updated_at"),
        ),
        label=_("Сортировка"),
    )

    class Meta:
        model = Account
        fields = ["q", "network", "status", "verified", "responsible_org"]

    def search(self, queryset: QuerySet[Account], name: str, value: str) -> QuerySet[Account]:
        return queryset.filter(
            Q(title__icontains=value)
            | Q(url__icontains=value)
            | Q(network_id__icontains=value)
            | Q(description__icontains=value)
            | Q(responsible_person__icontains=value)
        )
