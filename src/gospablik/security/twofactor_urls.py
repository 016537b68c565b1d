"""Second factor pages, mounted at /accounts/2fa/ (not per ministry: a person has one)."""

from django.urls import path

from gospablik.security.views import twofactor

app_name = "twofactor"
urlpatterns = [
    path("", twofactor.setup, name="setup"),
    path("verify/", twofactor.verify, name="verify"),
    path("disable/", twofactor.disable, name="disable"),
]
