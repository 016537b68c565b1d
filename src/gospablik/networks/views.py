"""Webhook endpoints the networks call (VK Callback API first)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gospablik.networks.base import ConnectorError
from gospablik.networks.connections import connector_for
from gospablik.networks.facebook.webhook import verify_subscription
from gospablik.networks.hostile import MALFORMED
from gospablik.networks.inbound import receive
from gospablik.networks.models import Connection
from gospablik.networks.ok.webhook import check_secret as check_ok_secret
from gospablik.networks.telegram.events import check_secret as check_telegram_secret
from gospablik.networks.vk.callback import parse_callback


@csrf_exempt  # the network authenticates with its shared secret, not a browser session
@require_POST
def vk_callback(request: HttpRequest, connection_id: int) -> HttpResponse:
    connection = get_object_or_404(
        Connection.objects.select_related("account"), pk=connection_id, account__network="vk"
    )
    secret = connection.secrets.get("callback_secret", "")
    result = parse_callback(
        request.body,
        confirmation_code=str(connection.config.get("callback_confirmation", "")),
        secret=secret,
        group_id=connection.config.get("group_id"),
    )
    if result.events and not secret:  # without a shared secret anyone could forge events
        return HttpResponse("Bad Secret", status=403, content_type="text/plain")
    for event in result.events:
        receive(connection, event)
    return HttpResponse(result.reply, status=result.status, content_type="text/plain")


WEBHOOK_NETWORKS = ("telegram", "max", "facebook", "instagram")


@csrf_exempt  # authenticated by the network's secret header, signature or URL secret (OK)
def network_webhook(
    request: HttpRequest, network: str, connection_id: int, secret: str = ""
) -> HttpResponse:
    """Telegram, MAX, Facebook, Instagram and OK push here; each one's secret is checked."""
    connection = get_object_or_404(
        Connection.objects.select_related("account"), pk=connection_id, account__network=network
    )
    if request.method == "GET" and network in ("facebook", "instagram"):
        return _meta_handshake(request, connection)
    if request.method != "POST":
        return HttpResponse(status=405)
    headers = dict(request.headers.items())
    try:
        if network == "telegram":  # before the connector, which may call the network
            check_telegram_secret(headers, connection.secrets.get("webhook_secret", ""))
        if network == "ok":
            check_ok_secret(secret, connection.secrets.get("webhook_secret", ""))
        events = connector_for(connection).parse_webhook(request.body, headers)  # type: ignore[attr-defined]
    except MALFORMED:
        return HttpResponse("Bad Request", status=400, content_type="text/plain")
    except ConnectorError as error:
        status = 403 if "secret" in str(error.code) or "signature" in str(error.code) else 400
        return HttpResponse(error.message, status=status, content_type="text/plain")
    for event in events:
        receive(connection, event)
    return HttpResponse("ok", content_type="text/plain")


def _meta_handshake(request: HttpRequest, connection: Connection) -> HttpResponse:
    try:
        challenge = verify_subscription(request.GET, connection.secrets.get("verify_token", ""))
    except ConnectorError as error:
        return HttpResponse(error.message, status=403, content_type="text/plain")
    return HttpResponse(challenge, content_type="text/plain")
