"""Pages of analytics, mounted at /<ministry>/analytics/."""

from django.urls import path

from gospablik.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("accounts/<int:pk>/", views.account, name="account"),
    path("charts/<slug:key>.<str:fmt>", views.export, name="export"),
    path("cur/", views.cur, name="cur"),
    path("reports/", views.report_request, name="report_request"),
    path("reports/<int:pk>/", views.report_status, name="report"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
