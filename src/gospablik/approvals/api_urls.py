"""API of the approvals module, mounted at /api/m/<ministry>/approvals/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from gospablik.approvals import api

router = SimpleRouter()
router.register("submissions", api.SubmissionViewSet, basename="approvals-submission")
router.register("requests", api.RequestViewSet, basename="approvals-request")

urlpatterns = [
    *router.urls,
    path("report/", api.ReportView.as_view(), name="approvals-report"),
]
