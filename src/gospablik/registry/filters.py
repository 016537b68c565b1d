"""Search, filter and sort of the registry: one FilterSet for the page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gospablik.registry.models import Account
from gospablik.registry.networks import NETWORK_CHOICES


class Ordering(django_filters.OrderingFilter):
    """Labels in the page's language: the stock filter builds them once, at import."""

    def build_choices(self, fields: dict[str, str], labels: dict[str, Any]) -> list[Any]:
        ascending = [(param, labels[field]) for field, param in fields.items()]
        descending = [
            (f"-{param}", format_lazy(_("{} (по убыванию)"), label)) for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]


class AccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Поиск"))
    network = django_filters.ChoiceFilter(choices=NETWORK_CHOICES, label=_("Соцсеть"))
    status = django_filters.ChoiceFilter(choices=Account.Status.choices, label=_("Статус"))
    verified = django_filters.BooleanFilter(label=_("Госметка"))
    responsible_org = django_filters.NumberFilter(label=_("Организация"))
    ordering = Ordering(
        fields=(
            ("title", "title"),
            ("network", "network"),
            ("status", "status"),
            ("created_on", "created_on"),
            ("deleted_on", "deleted_on"),
            ("updated_at", "updated_at"),
        ),
        # labels in the page's language (without them the filter shows English field names)
        field_labels={
            "title": _("Название"),
            "network": _("Соцсеть"),
            "status": _("Статус"),
            "created_on": _("Дата создания"),
            "deleted_on": _("Дата удаления"),
            "updated_at": _("Изменён"),
        },
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
