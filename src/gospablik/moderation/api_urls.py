"""API of the moderation module, mounted at /api/m/<ministry>/moderation/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from gospablik.moderation.views import api

router = SimpleRouter()
router.register("comments", api.CommentViewSet, basename="moderation-comment")
router.register("sanctions", api.SanctionViewSet, basename="moderation-sanction")
router.register("messages", api.MessageViewSet, basename="moderation-message")
router.register("rules", api.RuleViewSet, basename="moderation-rule")

urlpatterns = [
    path("queue/", api.QueueList.as_view(), name="moderation-queue"),
    path("report/", api.ReportView.as_view(), name="moderation-report"),
    *router.urls,
]
