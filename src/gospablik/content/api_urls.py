"""API of the content module, mounted at /api/m/<ministry>/content/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from gospablik.content import api

router = SimpleRouter()
router.register("posts", api.PostViewSet, basename="content-post")
router.register("publications", api.PublicationViewSet, basename="content-publication")
router.register("occasions", api.OccasionViewSet, basename="content-occasion")

urlpatterns = [
    *router.urls,
    path("compliance/", api.ComplianceView.as_view(), name="content-compliance"),
]
