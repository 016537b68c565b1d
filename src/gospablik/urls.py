from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

MODULES = ["content", "approvals", "moderation", "security", "styleguide", "dialogue", "analytics"]

urlpatterns = [
    *[path(f"<slug:ministry>/{m}/", include(f"gospablik.{m}.urls")) for m in MODULES],
    *[path(f"api/m/<slug:ministry>/{m}/", include(f"gospablik.{m}.api_urls")) for m in MODULES],
    path("api/", include("gospablik.api.urls")),  # before the web pages: «api» is no ministry
    path(  # the words of the app's JavaScript (djangojs), served by the app itself
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["gospablik.dialogue"]),
        name="javascript-catalog",
    ),
    path("", include("gospablik.web.urls")),
    path("hooks/", include("gospablik.networks.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/2fa/", include("gospablik.security.twofactor_urls")),  # second factor
    path("accounts/tokens/", include("gospablik.security.tokens_urls")),  # API tokens
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
