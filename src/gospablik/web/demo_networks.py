"""The demo's networks: VK and OK emulators on 127.0.0.1 and the accounts connected to them.

`gospablik serve` starts the emulators in its own process; their communities are the
ones the demo registry lists, and VK delivers Callback events to our endpoint like VK does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from gospablik.networks.connections import connector_for, do_connect_account
from gospablik.networks.models import Connection
from gospablik.networks.ok.connector import OKConnector
from gospablik.registry.models import Account
from gospablik_emulators.server import serve_in_thread

log = logging.getLogger(__name__)
PORTS = {"vk": 8701, "ok": 8702}


@dataclass(frozen=True)
class DemoCommunity:
    account_url: str
    network: str
    config: dict[str, str]
    secrets: dict[str, str]


def communities(ports: dict[str, int]) -> list[DemoCommunity]:
    vk_base = f"http://127.0.0.1:{ports['vk']}/method/"
    ok_url = f"http://127.0.0.1:{ports['ok']}/fb.do"
    vk_tokens = {"user_token": "vk-demo-user-token"}
    ok_keys = {
        "application_key": "CBAOKDEMOAPPKEY",
        "application_secret_key": "ok-demo-secret",
        "access_token": "ok-demo-access-token",
    }
    return [
        DemoCommunity(
            "https://vk.com/kuzdrav",
            "vk",
            {"group_id": "219000001", "api_base": vk_base},
            {
                **vk_tokens,
                "community_token": "vk-demo-community-token",
                "callback_secret": "demo-secret-219000001",
            },
        ),
        DemoCommunity(
            "https://vk.com/kuzsocial",
            "vk",
            {"group_id": "219000002", "api_base": vk_base},
            {
                **vk_tokens,
                "community_token": "vk-demo-community-token-2",
                "callback_secret": "demo-secret-219000002",
            },
        ),
        DemoCommunity(
            "https://ok.ru/group/kuzdrav",
            "ok",
            {"group_id": "70000000000001", "api_url": ok_url},
            {
                **ok_keys,
                "bot_access_token": "ok-demo-group-bot-key",
                "webhook_secret": "demo-ok-hook-secret-70000000000001",
            },
        ),
        DemoCommunity(
            "https://ok.ru/group/kuzsocial",
            "ok",
            {"group_id": "70000000000002", "api_url": ok_url},
            {
                **ok_keys,
                "bot_access_token": "ok-demo-group-bot-key-2",
                "webhook_secret": "demo-ok-hook-secret-70000000000002",
            },
        ),
    ]


def connect_demo_accounts(ports: dict[str, int] = PORTS) -> None:
    """Connect the demo registry's accounts to the emulated communities (idempotent)."""
    with transaction.atomic():
        for item in communities(ports):
            account = Account.objects.filter(url=item.account_url).first()
            if account is not None and not Connection.objects.filter(account=account).exists():
                do_connect_account(account, item.config, item.secrets, actor="demo")


def start_emulators(site_url: str, ports: dict[str, int] = PORTS) -> list[Any]:
    """Serve the emulators and point each VK community's Callback at its connection."""
    servers = {net: serve_in_thread(net, port) for net, port in ports.items()}
    vk = getattr(servers["vk"], "emulator")  # noqa: B009 - set by serve_in_thread
    for connection in Connection.objects.filter(account__network="vk").select_related("account"):
        group_id = int(connection.config.get("group_id", 0))
        if group_id not in vk.state.communities:
            continue
        code = vk.state.community(group_id).confirmation_code
        connection.config = {**connection.config, "callback_confirmation": code}
        connection.save(update_fields=["config"])
        url = f"{site_url}/hooks/vk/{connection.pk}/"
        server = vk.add_callback_server(
            group_id, url, connection.secrets["callback_secret"], confirm=False
        )
        server.status = "ok"
        log.info("VK community %s sends Callback events to %s", group_id, url)
    for connection in Connection.objects.filter(account__network="ok").select_related("account"):
        connector = connector_for(connection)
        if isinstance(connector, OKConnector) and connection.secrets.get("webhook_secret"):
            connector.register_webhook(f"{site_url}/hooks/ok/{connection.pk}/")
    if not Connection.objects.filter(account__network="vk", events__isnull=False).exists():
        send_demo_comments(vk, getattr(servers["ok"], "emulator"), site_url)  # noqa: B009
    seed_statistics(vk, getattr(servers["ok"], "emulator"))  # noqa: B009
    return list(servers.values())


HISTORY_WEEKS = 6


def seed_statistics(vk: Any, ok: Any) -> None:
    """Several weeks of believable statistics in the emulated communities, collected."""
    from datetime import UTC, datetime, timedelta

    from gospablik.analytics.collect import do_collect_account

    days = HISTORY_WEEKS * 7
    start = datetime.now(UTC).date() - timedelta(days=days - 1)
    for group_id, members in ((219000001, 18_400), (219000002, 9_700)):
        vk.seed_history(group_id, start, days, members=members)
    for gid, members in (("70000000000001", 6_300), ("70000000000002", 3_100)):
        ok.seed_history(gid, start, days, members=members)
    for connection in Connection.objects.select_related("account"):
        do_collect_account(connection.account, since=start)


DEMO_COMMENTS = [
    (200, "Подскажите, а детская консультация там тоже будет?"),
    (201, "Опять ничего не работает, чиновники тупые совсем"),
    (200, "Заработок от 5000 в день без вложений! Пиши в лс, ссылка в профиле"),
    (201, "Да пошли вы нахуй со своей поликлиникой"),
]
DEMO_MESSAGES = [
    (202, "Здравствуйте! Мама не может записаться к кардиологу уже месяц, что делать?"),
    (203, "Вы там совсем дебилы? Третий раз звоню в регистратуру, никто не берёт трубку"),
]
DEMO_OK_MESSAGE = ("70000000000001", "575000000100", "Добрый день! Где в Кемерове сдать ПЦР?")


def send_demo_comments(
    vk: Any, ok: Any, site_url: str, group_id: int = 219000001, post_id: int = 3
) -> None:
    """Once the site answers, residents comment and write to the community like they would
    in VK (pushed via Callback)."""
    import threading
    import time
    import urllib.request

    def run() -> None:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{site_url}/accounts/login/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(1)
        for author, text in DEMO_COMMENTS:
            vk.add_comment(group_id, post_id, author, text)
        for author, text in DEMO_MESSAGES:
            vk.send_message(group_id, author, text)
        ok.chats.write(*DEMO_OK_MESSAGE)

    threading.Thread(target=run, daemon=True, name="demo-comments").start()
