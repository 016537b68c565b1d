"""The OpenAPI schema and its Swagger UI page, behind the login when
``settings.GOSPABLIK_API_DOCS_LOGIN`` (on in production)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated

from gospablik.security.apiauth import SecondFactor


def _doors() -> list[BasePermission]:
    if settings.GOSPABLIK_API_DOCS_LOGIN:
        return [IsAuthenticated(), SecondFactor()]
    return [AllowAny()]


class SchemaView(SpectacularAPIView):
    def get_permissions(self) -> Any:
        return _doors()


class SchemaDocsView(SpectacularSwaggerSplitView):
    """The split view: Swagger UI's start script is a file, so the docs' CSP holds."""

    def get_permissions(self) -> Any:
        return _doors()
