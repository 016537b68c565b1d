from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gospablik.audit.log import record
from gospablik.audit.models import AuditEntry
from gospablik.duties.models import Duty
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.registry.actions import (
    do_mark_account_deleted,
    do_register_account,
    do_update_account,
)
from gospablik.registry.documents import registry_csv_stream, registry_xlsx
from gospablik.registry.filters import AccountFilter
from gospablik.registry.models import Account
from gospablik.web.decorators import ministry_view
from gospablik.web.forms import AccountForm, MarkDeletedForm


def get_account(ministry: Ministry, pk: int) -> Account:
    return get_object_or_404(
        Account.objects.select_related("responsible_org"), pk=pk, ministry=ministry
    )


def _filtered(request: HttpRequest, ministry: Ministry) -> AccountFilter:
    queryset = Account.objects.filter(ministry=ministry).select_related("responsible_org")
    return AccountFilter(request.GET, queryset=queryset)


@ministry_view()
def account_list(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    filterset = _filtered(request, ministry)
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/registry_list.html",
        {
            "ministry": ministry,
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_edit": has_perm(request.user, ministry, Perm.REGISTRY_EDIT),
        },
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@ministry_view()
def account_export(request: HttpRequest, ministry: Ministry, fmt: str) -> HttpResponse:
    accounts = _filtered(request, ministry).qs
    record(
        "registry.export",
        actor=request.user,
        ministry=ministry,
        object_type="registry",
        object_id=fmt,
        object_repr=f"Экспорт реестра ({fmt})",
        after={"rows": accounts.count()},
    )
    name = f"registry-{ministry.key}.{fmt}"
    if fmt == "xlsx":  # written row by row to a temporary file, then streamed from it
        xlsx = HttpResponse(registry_xlsx(accounts), content_type=XLSX)
        xlsx["Content-Disposition"] = f'attachment; filename="{name}"'
        return xlsx
    stream = StreamingHttpResponse(
        registry_csv_stream(accounts), content_type="text/csv; charset=utf-8"
    )
    stream["Content-Disposition"] = f'attachment; filename="{name}"'
    return cast(HttpResponse, stream)


@ministry_view()
def account_detail(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    history = AuditEntry.objects.filter(object_type="registry.account", object_id=str(pk))
    duties = Duty.objects.filter(subject_type="registry.account", subject_id=str(pk))
    return render(
        request,
        "web/account_detail.html",
        {
            "ministry": ministry,
            "account": account,
            "history": history.order_by("-seq"),
            "duties": duties,
            "can_edit": has_perm(request.user, ministry, Perm.REGISTRY_EDIT),
        },
    )


@ministry_view(Perm.REGISTRY_EDIT)
def account_create(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    form = AccountForm(request.POST or None, ministry=ministry)
    if request.method == "POST" and form.is_valid():
        try:
            account = do_register_account(ministry, form.cleaned_data, actor=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Аккаунт внесён в реестр.")
            return redirect("web:account", ministry=ministry.key, pk=account.pk)
    return render(request, "web/account_form.html", {"ministry": ministry, "form": form})


@ministry_view(Perm.REGISTRY_EDIT)
def account_edit(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    form = AccountForm(request.POST or None, instance=account, ministry=ministry)
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data}
        try:
            do_update_account(account, changes, actor=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("web:account", ministry=ministry.key, pk=account.pk)
    return render(
        request, "web/account_form.html", {"ministry": ministry, "form": form, "account": account}
    )


@ministry_view(Perm.REGISTRY_EDIT)
def account_delete(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    form = MarkDeletedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_mark_account_deleted(
                account,
                form.cleaned_data["deleted_on"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Аккаунт отмечен как удалённый.")
            return redirect("web:account", ministry=ministry.key, pk=account.pk)
    return render(
        request, "web/account_delete.html", {"ministry": ministry, "form": form, "account": account}
    )


def _add_errors(form: AccountForm | MarkDeletedForm, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)
