"""API token pages, mounted at /accounts/tokens/ (a person's own tokens)."""

from django.urls import path

from gospablik.security.views import tokens

app_name = "tokens"
urlpatterns = [
    path("", tokens.tokens, name="list"),
    path("<int:pk>/revoke/", tokens.revoke, name="revoke"),
]
