"""API list pagination whose count never scans millions of rows.

The page-number contract (``count``, ``next``, ``previous``, ``results``) stays; the
count is exact up to :data:`COUNT_CAP` rows and beyond that only a lower bound large
enough to reach the next page (``count_capped`` tells clients which one they got).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    requested = 1

    @cached_property
    def count(self) -> int:
        reach = max(COUNT_CAP, self.requested * self.per_page) + 1
        objects: Any = self.object_list
        if hasattr(objects, "order_by"):  # a queryset: COUNT over a LIMITed subquery
            return int(objects.order_by().values("pk")[:reach].count())
        return len(objects[:reach])

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


class CappedPagination(PageNumberPagination):
    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        paginator = getattr(self.page, "paginator", None)
        response.data["count_capped"] = getattr(paginator, "capped", False)
        return response

    def django_paginator_class(self, *args: Any, **kwargs: Any) -> Paginator:  # type: ignore[override]
        paginator = CappedPaginator(*args, **kwargs)
        request = getattr(self, "request", None)
        raw = request.query_params.get(self.page_query_param, "1") if request else "1"
        paginator.requested = int(raw) if raw.isdigit() else 1
        return paginator

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        result = super().get_paginated_response_schema(schema)
        result["properties"]["count_capped"] = {"type": "boolean"}
        return result
