"""Pages: connect an account of the registry to its network and test the connection."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gospablik.networks.base import CAPABILITY_LABELS_RU, Capability
from gospablik.networks.connections import (
    capabilities_of,
    config_schema_of,
    do_connect_account,
    do_test_connection,
)
from gospablik.networks.forms import ConnectionForm
from gospablik.networks.models import Connection
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.web.decorators import ministry_view
from gospablik.web.views.registry import get_account


def capability_table(network: str) -> list[tuple[str, bool]]:
    supported = capabilities_of(network)
    return [(str(CAPABILITY_LABELS_RU.get(c, c)), c in supported) for c in Capability]


@ministry_view()
def connection_page(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    connection = Connection.objects.filter(account=account).first()
    can_edit = has_perm(request.user, ministry, Perm.CONNECTION_EDIT)
    form = ConnectionForm(
        request.POST or None,
        schema=config_schema_of(account.network),
        config=connection.config if connection else {},
        secrets=connection.secrets if connection else {},
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Недостаточно прав")
        if form.is_valid():
            config, secrets = form.split()
            do_connect_account(account, config, secrets, actor=request.user)
            messages.success(request, "Подключение сохранено. Проверьте его.")
            return redirect("web:connection", ministry=ministry.key, pk=account.pk)
    return render(
        request,
        "web/connection.html",
        {
            "ministry": ministry,
            "account": account,
            "connection": connection,
            "form": form,
            "can_edit": can_edit,
            "capabilities": capability_table(account.network),
        },
    )


@ministry_view(Perm.CONNECTION_EDIT)
@require_POST
def connection_test(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    account = get_account(ministry, pk)
    connection = Connection.objects.filter(account=account).first()
    if connection is None:
        messages.error(request, "Сначала сохраните ключи доступа.")
    else:
        profile = do_test_connection(connection, actor=request.user)
        if profile is None:
            messages.error(request, f"Не удалось подключиться: {connection.last_error}")
        else:
            messages.success(request, f"Подключение работает: «{profile.title}»")
    return redirect("web:connection", ministry=ministry.key, pk=account.pk)
