"""The second factor pages: enrol an authenticator app, enter a code after the password,
remove the app. Mounted at /accounts/2fa/ (open to logged-in people before verification)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gospablik.security.forms import TokenForm
from gospablik.security.twofactor import (
    check_token,
    confirmed_device,
    do_disable,
    do_enable,
    mark_verified,
    pending_device,
    qr_data_uri,
    requires_2fa,
    secret_text,
)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if ok and target.startswith("/") else "/"


def _is_verified(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol, or (once enrolled) show the state and offer removal."""
    if confirmed_device(request.user) is not None:
        if not _is_verified(request):
            return redirect(f"{reverse('twofactor:verify')}?{urlencode({'next': request.path})}")
        return render(
            request,
            "security/twofactor_on.html",
            {
                "required": requires_2fa(request.user),
            },
        )
    device = pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        error = check_token(device, form.cleaned_data["token"])
        if not error:
            do_enable(request, device)
            messages.success(request, "Второй фактор включён.")
            return redirect(_next(request))
        form.add_error("token", error)
    return render(
        request,
        "security/twofactor_setup.html",
        {
            "form": form,
            "qr": qr_data_uri(device),
            "secret": secret_text(device),
            "next": _next(request),
            "required": requires_2fa(request.user),
        },
    )


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The code after the password."""
    device = confirmed_device(request.user)
    if device is None or _is_verified(request):
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        error = check_token(device, form.cleaned_data["token"])
        if not error:
            mark_verified(request, device)
            return redirect(_next(request))
        form.add_error("token", error)
    return render(request, "security/twofactor_verify.html", {"form": form, "next": _next(request)})


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    """Remove the app (only from a verified session); the removal is audited."""
    if not _is_verified(request):
        return redirect("twofactor:verify")
    do_disable(request.user)
    messages.success(request, "Приложение-аутентификатор отключено.")
    return redirect("twofactor:setup")
