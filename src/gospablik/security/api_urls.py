"""API of the security module, mounted at /api/m/<ministry>/security/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from gospablik.security import api

router = SimpleRouter()
router.register("alerts", api.AlertViewSet, basename="security-alert")

urlpatterns = [
    *router.urls,
    path("posture/", api.PostureList.as_view(), name="security-posture"),
    path("keys/", api.KeyList.as_view(), name="security-keys"),
]
