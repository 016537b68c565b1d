from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gospablik.audit.log import record, snapshot
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.style import CATEGORIES
from gospablik.styleguide.models import StyleEntry
from gospablik.web.decorators import ministry_view


class StyleEntryForm(forms.ModelForm):
    class Meta:
        model = StyleEntry
        fields = ["phrase", "category", "suggestion", "note"]


@ministry_view()
def style_page(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    can_edit = has_perm(request.user, ministry, Perm.STYLE_EDIT)
    form = StyleEntryForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            return HttpResponse("Недостаточно прав", status=403)
        if form.is_valid():
            _add(request, ministry, form)
            return redirect("styleguide:page", ministry=ministry.key)
    return render(
        request,
        "styleguide/page.html",
        {
            "ministry": ministry,
            "form": form,
            "can_edit": can_edit,
            "categories": CATEGORIES,
            "entries": StyleEntry.objects.filter(ministry=ministry),
        },
    )


def _add(request: HttpRequest, ministry: Ministry, form: StyleEntryForm) -> None:
    phrase = form.cleaned_data["phrase"].strip()
    if StyleEntry.objects.filter(ministry=ministry, phrase=phrase).exists():
        messages.error(request, "Такое выражение уже есть в словаре.")
        return
    entry = form.save(commit=False)
    entry.ministry, entry.created_by, entry.phrase = ministry, request.user, phrase
    entry.save()
    record(
        "style.entry.add", actor=request.user, obj=entry, ministry=ministry, after=snapshot(entry)
    )
    messages.success(request, "Добавлено в словарь министерства.")


@ministry_view(Perm.STYLE_EDIT)
@require_POST
def delete_entry(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    entry = get_object_or_404(StyleEntry, ministry=ministry, pk=pk)
    record(
        "style.entry.delete",
        actor=request.user,
        obj=entry,
        ministry=ministry,
        before=snapshot(entry),
    )
    entry.delete()
    return redirect("styleguide:page", ministry=ministry.key)
