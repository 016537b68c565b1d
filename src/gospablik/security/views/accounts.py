"""Security pages of the accounts: the overview, one account's posture, its keys."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gospablik.networks.models import Connection
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account
from gospablik.security import standing
from gospablik.security.actions import do_allow_admin, do_forbid_admin, do_record_posture
from gospablik.security.assess import posture_of
from gospablik.security.changes import role_ru
from gospablik.security.credentials import do_update_credential, masked_keys, record_view
from gospablik.security.forms import AllowedAdminForm, CredentialForm, PostureForm
from gospablik.security.models import Alert, AllowedAdmin, Credential
from gospablik.security.snapshots import look_of, take_snapshot
from gospablik.web.decorators import ministry_view
from gospablik.web.keyset import Order, keyset_page

BY_TITLE = Order("title")


def get_account(ministry: Ministry, pk: int) -> Account:
    return get_object_or_404(
        Account.objects.select_related("responsible_org"), pk=pk, ministry=ministry
    )


def _to_account(ministry: Ministry, account: Account) -> HttpResponse:
    return redirect("security:account", ministry=ministry.key, pk=account.pk)


@ministry_view(Perm.SECURITY_VIEW)
def overview(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    accounts = Account.objects.filter(ministry=ministry).exclude(status=Account.Status.DELETED)
    # issue 18: a page of accounts at a time (a region has thousands), by title
    page = keyset_page(
        accounts.select_related("responsible_org", "passport"), BY_TITLE, request.GET.get("cursor")
    )
    postures = standing.postures(ministry, page)
    open_alerts = Alert.objects.filter(ministry=ministry, resolved_at__isnull=True)
    return render(
        request,
        "security/overview.html",
        {
            "ministry": ministry,
            "postures": postures,
            "grades": standing.grade_counts(ministry),
            "page": page,
            "open_alerts": open_alerts[:20],
        },
    )


def _posture_form(account: Account, ministry: Ministry) -> PostureForm:
    record = getattr(account, "security", None)
    initial = {}
    if record is not None:
        initial = {
            "owner_2fa": {True: "yes", False: "no"}.get(record.owner_2fa, ""),
            "owner_login_holder": record.owner_login_holder,
            "owner_login_org": record.owner_login_org_id,
        }
    return PostureForm(initial=initial, ministry=ministry)


@ministry_view(Perm.SECURITY_VIEW)
def account_page(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    posture = posture_of(account)
    allowed = {a.network_user_id: a for a in account.allowed_admins.all()}
    seen = look_of(posture.snapshot).admins if posture.snapshot else None
    admins = [(a, a.user_id in allowed, role_ru(a.role)) for a in seen or ()]
    can_manage = has_perm(request.user, ministry, Perm.SECURITY_MANAGE)
    return render(
        request,
        "security/account.html",
        {
            "ministry": ministry,
            "account": account,
            "posture": posture,
            "admins": admins,
            "admins_known": seen is not None,
            "allowed": list(allowed.values()),
            "alerts": account.alerts.all()[:20],
            "can_manage": can_manage,
            "posture_form": _posture_form(account, ministry) if can_manage else None,
            "admin_form": AllowedAdminForm() if can_manage else None,
            "connected": Connection.objects.filter(account=account).exists(),
        },
    )


@ministry_view(Perm.SECURITY_MANAGE)
@require_POST
def record_posture(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    form = PostureForm(request.POST, ministry=ministry)
    if form.is_valid():
        do_record_posture(account, form.changes(), actor=request.user)
        messages.success(request, "Сведения о защите аккаунта записаны.")
    else:
        messages.error(request, "Проверьте поля формы.")
    return _to_account(ministry, account)


@ministry_view(Perm.SECURITY_MANAGE)
@require_POST
def allow_admin(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    form = AllowedAdminForm(request.POST)
    if form.is_valid():
        do_allow_admin(
            account,
            user_id=form.cleaned_data["network_user_id"],
            name=form.cleaned_data["name"],
            role=form.cleaned_data["role"],
            actor=request.user,
        )
        messages.success(request, "Администратор внесён в список разрешённых.")
    else:
        messages.error(request, "Проверьте ID, имя и роль администратора.")
    return _to_account(ministry, account)


@ministry_view(Perm.SECURITY_MANAGE)
@require_POST
def forbid_admin(request: HttpRequest, ministry: Ministry, pk: int, admin_pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    admin = get_object_or_404(AllowedAdmin, pk=admin_pk, account=account)
    do_forbid_admin(admin, actor=request.user)
    messages.success(request, "Администратор убран из списка разрешённых.")
    return _to_account(ministry, account)


@ministry_view(Perm.SECURITY_MANAGE)
@require_POST
def snapshot_now(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    raised = take_snapshot(account)
    if raised:
        messages.error(request, f"Обнаружены изменения: {len(raised)}. См. оповещения.")
    else:
        messages.success(request, "Аккаунт проверен.")
    return _to_account(ministry, account)


@ministry_view(Perm.SECURITY_VIEW)
def keys(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    """Masked keys of the account's connection; every opening is audited."""
    account = get_account(ministry, pk)
    connection = Connection.objects.filter(account=account).first()
    shown = masked_keys(connection) if connection is not None else []
    if connection is not None:
        record_view(connection, actor=request.user)
    return render(
        request,
        "security/keys.html",
        {
            "ministry": ministry,
            "account": account,
            "keys": shown,
            "can_manage": has_perm(request.user, ministry, Perm.SECURITY_MANAGE),
        },
    )


@ministry_view(Perm.SECURITY_MANAGE)
def key_edit(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    credential = get_object_or_404(
        Credential.objects.select_related("connection__account"),
        pk=pk,
        connection__account__ministry=ministry,
    )
    account = credential.connection.account
    initial = {
        "holder_org": credential.holder_org_id,
        "scope": credential.scope,
        "expires_on": credential.expires_on,
    }
    form = CredentialForm(request.POST or None, initial=initial, ministry=ministry)
    if request.method == "POST" and form.is_valid():
        do_update_credential(credential, form.cleaned_data, actor=request.user)
        messages.success(request, "Сведения о ключе записаны.")
        return redirect("security:keys", ministry=ministry.key, pk=account.pk)
    label = next((k.label for k in masked_keys(credential.connection) if k.credential.pk == pk), "")
    return render(
        request,
        "security/key_form.html",
        {
            "ministry": ministry,
            "account": account,
            "credential": credential,
            "label": label,
            "form": form,
        },
    )
