"""API of analytics, mounted at /api/m/<ministry>/analytics/."""

from django.urls import path

from gospablik.analytics import api

urlpatterns = [
    path("accounts/<int:pk>/series/", api.SeriesView.as_view(), name="analytics-series"),
    path("summary/", api.SummaryView.as_view(), name="analytics-summary"),
]
