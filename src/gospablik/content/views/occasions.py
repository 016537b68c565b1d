"""Info occasions (инфоповоды): the list and its form."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gospablik.content.forms import OccasionForm
from gospablik.content.models import InfoOccasion
from gospablik.content.occasions import do_create_occasion, do_delete_occasion, do_update_occasion
from gospablik.content.views.common import get_occasion
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.web.decorators import ministry_view


@ministry_view()
def occasion_list(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    occasions = InfoOccasion.objects.filter(ministry=ministry).annotate(post_count=Count("posts"))
    return render(
        request,
        "content/occasions.html",
        {
            "ministry": ministry,
            "occasions": occasions.prefetch_related("posts")[:200],
            "can_edit": has_perm(request.user, ministry, Perm.CONTENT_EDIT),
        },
    )


def _form_page(
    request: HttpRequest, ministry: Ministry, form: OccasionForm, occasion: InfoOccasion | None
) -> HttpResponse:
    return render(
        request,
        "content/occasion_form.html",
        {"ministry": ministry, "form": form, "occasion": occasion},
    )


@ministry_view(Perm.CONTENT_EDIT)
def occasion_new(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    form = OccasionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_create_occasion(ministry, form.cleaned_data, actor=request.user)
        messages.success(request, "Инфоповод добавлен")
        return redirect("content:occasions", ministry.key)
    return _form_page(request, ministry, form, None)


@ministry_view(Perm.CONTENT_EDIT)
def occasion_edit(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    occasion = get_occasion(ministry, pk)
    form = OccasionForm(request.POST or None, instance=occasion)
    if request.method == "POST" and form.is_valid():
        do_update_occasion(get_occasion(ministry, pk), form.cleaned_data, actor=request.user)
        messages.success(request, "Инфоповод сохранён")
        return redirect("content:occasions", ministry.key)
    return _form_page(request, ministry, form, occasion)


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def occasion_delete(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    do_delete_occasion(get_occasion(ministry, pk), actor=request.user)
    messages.success(request, "Инфоповод удалён; публикации остались")
    return redirect("content:occasions", ministry.key)
