"""A person's API tokens: list (with last use), create after a fresh code, revoke.
Mounted at /accounts/tokens/; only a session that passed the second factor opens it."""

from __future__ import annotations

from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gospablik.security.apitokens import do_create_token, do_revoke_token
from gospablik.security.forms import ApiTokenForm
from gospablik.security.models import ApiToken
from gospablik.security.twofactor import check_token, confirmed_device


def verified_only(view: Any) -> Any:
    """Tokens need an enrolled app and a session that entered its code."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        step = "twofactor:setup" if confirmed_device(request.user) is None else ""
        if not step and not getattr(request.user, "is_verified", lambda: False)():
            step = "twofactor:verify"
        if step:
            return redirect(f"{reverse(step)}?{urlencode({'next': request.path})}")
        return view(request, *args, **kwargs)

    return login_required(wrapper)


@never_cache
@verified_only
def tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    created = ""
    if request.method == "POST" and form.is_valid():
        device = confirmed_device(request.user)
        assert device is not None  # verified_only
        error = check_token(device, form.cleaned_data["token"])
        if error:
            form.add_error("token", error)
        else:
            data = form.cleaned_data
            created = do_create_token(
                request.user,
                name=data["name"],
                scope=data["scope"],
                days=data["days"],
                actor=request.user,
            )
            form = ApiTokenForm()
    rows = ApiToken.objects.filter(user_id=int(request.user.pk or 0)).order_by(
        "-created_at", "-pk"
    )[:100]
    return render(
        request, "security/tokens.html", {"form": form, "created": created, "tokens": rows}
    )


@verified_only
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(user_id=int(request.user.pk or 0), pk=pk).first()
    if token is None:
        raise Http404("Нет такого токена")
    do_revoke_token(token, actor=request.user, reason="revoked by its owner")
    return redirect("tokens:list")
