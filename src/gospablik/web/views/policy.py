from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.policy.actions import do_update_policy
from gospablik.policy.loader import PolicyError
from gospablik.policy.models import PolicyVersion
from gospablik.policy.order import do_record_order_signed, order_steps, publication_done
from gospablik.policy.store import current_version, parsed
from gospablik.policy.store import policy_for as current_policy
from gospablik.web.decorators import ministry_view
from gospablik.web.forms import OrderSignedForm, PolicyForm


@ministry_view()
def policy_view(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    version = current_version(ministry)
    return render(
        request,
        "web/policy.html",
        {
            "ministry": ministry,
            "version": version,
            "policy": parsed(version),
            "versions": PolicyVersion.objects.filter(ministry=ministry),
            "can_edit": has_perm(request.user, ministry, Perm.POLICY_EDIT),
            "order_form": OrderSignedForm(),
            "order_steps": order_steps(ministry),
            "order_done": publication_done(ministry),
        },
    )


@ministry_view()
def policy_version(request: HttpRequest, ministry: Ministry, version: int) -> HttpResponse:
    obj = get_object_or_404(PolicyVersion, ministry=ministry, version=version)
    return render(request, "web/policy_version.html", {"ministry": ministry, "version": obj})


@ministry_view(Perm.POLICY_EDIT)
def policy_edit(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    initial = {"text": current_version(ministry).text}
    form = PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = do_update_policy(
                ministry,
                form.cleaned_data["text"],
                actor=request.user,
                comment=form.cleaned_data["comment"],
            )
        except PolicyError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, f"Сохранена версия {version.version}.")
            return redirect("web:policy", ministry=ministry.key)
    return render(request, "web/policy_edit.html", {"ministry": ministry, "form": form})


@ministry_view(Perm.POLICY_EDIT)
def order_signed(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    signed_on = current_policy(ministry).signed_on
    form = OrderSignedForm(request.POST or None, initial={"signed_on": signed_on})
    if request.method == "POST" and form.is_valid():
        duty = do_record_order_signed(ministry, form.cleaned_data["signed_on"], actor=request.user)
        messages.success(request, "Создана обязанность разместить приказ.")
        return redirect("web:duty", ministry=ministry.key, pk=duty.pk)
    return render(request, "web/order_signed.html", {"ministry": ministry, "form": form})
