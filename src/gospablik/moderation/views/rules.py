"""The legal department's rules for unlawful content (each citing its norm)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gospablik.moderation.forms import RuleForm
from gospablik.moderation.legal import do_save_rule
from gospablik.moderation.models import UnlawfulRule
from gospablik.moderation.views import READ, abilities, moderation_view
from gospablik.orgs.access import Perm
from gospablik.orgs.models import Ministry


@moderation_view(*READ, Perm.MODERATION_RULES_EDIT)
def rule_list(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    rules = UnlawfulRule.objects.filter(ministry=ministry).order_by("-active", "key")
    return render(
        request,
        "moderation/rules.html",
        {"ministry": ministry, "rules": rules, **abilities(request, ministry)},
    )


@moderation_view(Perm.MODERATION_RULES_EDIT)
def rule_edit(request: HttpRequest, ministry: Ministry, pk: int | None = None) -> HttpResponse:
    rule = None if pk is None else get_object_or_404(UnlawfulRule, pk=pk, ministry=ministry)
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            do_save_rule(ministry, form.cleaned_data, actor=request.user, rule=rule)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Правило сохранено; оно действует для новых комментариев")
            return redirect("moderation:rules", ministry=ministry.key)
    return render(
        request, "moderation/rule_form.html", {"ministry": ministry, "form": form, "rule": rule}
    )
