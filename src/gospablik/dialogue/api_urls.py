"""API of the dialogue, mounted at /api/m/<ministry>/dialogue/."""

from django.urls import path

from gospablik.dialogue import api

urlpatterns = [
    path("threads/", api.ThreadList.as_view(), name="dialogue-threads"),
    path("threads/<str:pk>/reply/", api.ThreadReply.as_view(), name="dialogue-reply"),
    path("answers/<str:pk>/", api.AnswerDetail.as_view(), name="dialogue-answer"),
    path("metrics/", api.Metrics.as_view(), name="dialogue-metrics"),
]
