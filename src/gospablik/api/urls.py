from django.urls import include, path
from rest_framework.routers import SimpleRouter

from gospablik.api import views
from gospablik.api.docs import SchemaDocsView, SchemaView
from gospablik.styleguide.api import StyleCheck, StyleCheckNoSlash

router = SimpleRouter()
router.register("accounts", views.AccountViewSet, basename="account")
router.register("duties", views.DutyViewSet, basename="duty")

app_name = "api"
urlpatterns = [
    path("", views.ApiIndex.as_view(), name="index"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # the split view: Swagger UI's start script is served as a file, so the CSP holds
    path("docs/", SchemaDocsView.as_view(url_name="api:schema"), name="docs"),
    path("ministries/", views.MinistryList.as_view(), name="ministries"),
    path("style/check", StyleCheckNoSlash.as_view(), name="style_check_noslash"),
    path("style/check/", StyleCheck.as_view(), name="style_check"),
    path("m/<slug:ministry>/", include(router.urls)),
    path("m/<slug:ministry>/audit/", views.AuditList.as_view(), name="audit"),
    path("m/<slug:ministry>/policy/", views.PolicyVersions.as_view(), name="policy"),
]
