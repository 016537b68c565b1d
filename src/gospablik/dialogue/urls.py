"""Pages of the dialogue, mounted at /<ministry>/dialogue/."""

from django.urls import path

from gospablik.dialogue.views import inbox, metrics, person, thread

app_name = "dialogue"
urlpatterns = [
    path("", inbox.inbox_page, name="inbox"),
    path("threads/<int:pk>/", thread.thread_page, name="thread"),
    path("threads/<int:pk>/answers/", thread.answers_fragment, name="answers"),
    path("threads/<int:pk>/answer/", thread.answer, name="answer"),
    path("threads/<int:pk>/<str:name>/", thread.act, name="act"),
    path("people/<str:network>/<str:author>/", person.person_page, name="person"),
    path("metrics/", metrics.metrics_page, name="metrics"),
    path("metrics/export.xlsx", metrics.metrics_export, name="metrics_export"),
]
