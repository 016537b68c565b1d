"""Content fixtures: VK and OK accounts of the Ministry of Health, connected to in-process
emulators through the `connector_factory` seam of `gospablik.content.publishing`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from io import BytesIO
from typing import Any

import pytest
import yaml
from PIL import Image

from gospablik.content import publishing
from gospablik.content.actions import do_create_post, do_schedule
from gospablik.content.models import Post
from gospablik.networks.base import BaseConnector
from gospablik.networks.connections import do_connect_account
from gospablik.networks.http import HttpClient
from gospablik.networks.models import Connection
from gospablik.networks.ratelimit import NoRateLimiter
from gospablik.networks.registry import build_connector
from gospablik.orgs.models import Ministry, Organization
from gospablik.registry.models import Account
from gospablik_emulators import get_emulator_factory
from gospablik_emulators.emulation import emulator_transport
from gospablik_emulators.ok.emulator import make_app as make_ok
from gospablik_emulators.vk.emulator import make_app as make_vk
from tests.foundation.factories import register

VK_GROUP = 219000001
VK_OWNER = -VK_GROUP
VK_SECRETS = {"user_token": "vk-demo-user-token", "community_token": "vk-demo-community-token"}
OK_GID = "70000000000001"
OK_SECRETS = {
    "application_key": "CBAOKDEMOAPPKEY",
    "application_secret_key": "ok-demo-secret",
    "access_token": "ok-demo-access-token",
}


@pytest.fixture
def vk_emulator() -> Any:
    return make_vk()


@pytest.fixture
def ok_emulator() -> Any:
    return make_ok()


@pytest.fixture
def emulators(vk_emulator: Any, ok_emulator: Any) -> dict[str, Any]:
    others = {
        n: get_emulator_factory(n)() for n in ("telegram", "max", "facebook", "instagram", "blog")
    }
    return {"vk": vk_emulator, "ok": ok_emulator, **others}


@pytest.fixture(autouse=True)
def emulated(
    monkeypatch: pytest.MonkeyPatch, emulators: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    """Every connector the content module builds talks to an in-process emulator."""

    def factory(connection: Connection) -> BaseConnector:
        network = connection.account.network
        http = HttpClient(transport=emulator_transport(emulators[network]), network=network)
        connector = build_connector(
            network, connection.config, connection.secrets, http=http, limiter=NoRateLimiter()
        )
        if hasattr(connector, "sleep"):
            connector.sleep = lambda seconds: None  # Instagram polls its containers
        return connector

    monkeypatch.setattr(publishing, "connector_factory", factory)
    yield emulators
    publishing.clear_pool()


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def connect_vk(ministry: Ministry, actor: Any, **overrides: Any) -> Account:
    account = register(
        ministry,
        actor,
        network="vk",
        url=overrides.pop("url", "https://vk.com/kuzdrav"),
        title=overrides.pop("title", "Минздрав ВКонтакте"),
        **overrides,
    )
    do_connect_account(account, {"group_id": VK_GROUP}, VK_SECRETS, actor=actor)
    return account


def connect_ok(ministry: Ministry, actor: Any, **overrides: Any) -> Account:
    account = register(
        ministry,
        actor,
        network="ok",
        url=overrides.pop("url", "https://ok.ru/group/kuzdrav"),
        title=overrides.pop("title", "Минздрав в Одноклассниках"),
        **overrides,
    )
    do_connect_account(account, {"group_id": OK_GID}, OK_SECRETS, actor=actor)
    return account


def other_connection(network: str) -> tuple[dict[str, Any], dict[str, str]]:
    """Config and secrets of the demo community of each other emulator."""
    from gospablik_emulators.blog import world as blog
    from gospablik_emulators.facebook import world as fb
    from gospablik_emulators.instagram import world as ig
    from gospablik_emulators.max import world as mx
    from gospablik_emulators.telegram import world as tg

    return {
        "telegram": ({"channel": "@minzdrav_kuzbass_demo"}, {"bot_token": tg.DEMO_TOKEN}),
        "max": ({"chat_id": mx.CHANNEL_ID}, {"bot_token": mx.DEMO_TOKEN}),
        "facebook": (
            {"page_id": fb.PAGE_ID},
            {"page_token": fb.DEMO_TOKEN, "app_secret": fb.DEMO_APP_SECRET},
        ),
        "instagram": (
            {"ig_user_id": ig.IG_USER_ID, "media_base_url": "https://gospablik.example/media"},
            {"access_token": ig.DEMO_TOKEN, "app_secret": ig.DEMO_APP_SECRET},
        ),
        "blog": (
            {
                "journal": blog.DEMO_USER,
                "username": blog.DEMO_USER,
                "endpoint": "https://www.livejournal.com/interface/flat",
                "timezone": "Asia/Novokuznetsk",
            },
            {"password": blog.DEMO_PASSWORD},
        ),
    }[network]


def connect_other(ministry: Ministry, actor: Any, network: str) -> Account:
    """An account of ``network`` (the registry checks the policy, so allow it first)."""
    account = Account.objects.create(
        ministry=ministry,
        network=network,
        url=f"https://{network}.example/kuzdrav",
        title=f"Минздрав ({network})",
        status=Account.Status.ACTIVE,
        responsible_org=Organization.objects.get(ministry=ministry, key="komiac"),
    )
    config, secrets = other_connection(network)
    do_connect_account(account, config, secrets, actor=actor)
    return account


def allow_all_networks(ministry: Ministry, actor: Any) -> None:
    """A new policy version of the Ministry of Health that also names every other network."""
    from gospablik.policy.actions import do_update_policy
    from gospablik.policy.store import current_version

    data = yaml.safe_load(current_version(ministry).text)
    data["networks"] += [
        {"network": n, "clause": "тест"} for n in ("telegram", "max", "facebook", "instagram")
    ]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    do_update_policy(ministry, text, actor=actor, comment="тест: все соцсети")


@pytest.fixture
def vk_account(health: Ministry, keeper: Any) -> Account:
    return connect_vk(health, keeper)


@pytest.fixture
def ok_account(health: Ministry, keeper: Any) -> Account:
    return connect_ok(health, keeper)


def png(width: int = 400, height: int = 300, fmt: str = "PNG") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buffer, fmt)
    return buffer.getvalue()


def gif(width: int = 200, height: int = 200) -> bytes:
    frames = [Image.new("P", (width, height), i) for i in (1, 2)]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], loop=0)
    return buffer.getvalue()


def make_post(ministry: Ministry, actor: Any, accounts: list[Account], **data: Any) -> Post:
    data.setdefault("format", "text")
    data.setdefault("text", "Завтра открываем новую поликлинику. Приходите!")
    return do_create_post(ministry, data, accounts, actor=actor)


@pytest.fixture
def scheduled(health: Ministry, komiac: Any) -> Callable[..., Post]:
    def schedule(accounts: list[Account], at: datetime, **data: Any) -> Post:
        return do_schedule(make_post(health, komiac, accounts, **data), at, actor=komiac)

    return schedule


def vk_posts(emulator: Any, text: str | None = None) -> list[dict[str, Any]]:
    posts = [
        p for (o, _), p in emulator.state.posts.items() if o == VK_OWNER and not p.get("is_deleted")
    ]
    return [p for p in posts if text is None or p["text"] == text]


def ok_topics(emulator: Any, text: str | None = None) -> list[dict[str, Any]]:
    from gospablik.networks.ok import convert

    topics = [t for t in emulator.state.topics.values() if t["gid"] == OK_GID and not t["deleted"]]
    return [t for t in topics if text is None or convert.topic_text(t) == text]
