"""Shared fixtures: both ministries from their presets and personas for every role.

Personas (healthchecks-style): in the Ministry of Health (order 000)
  keeper    — registry keeper at the operator institution (КОМИАЦ), may edit the registry
  komiac    — editor at the operator institution
  head      — head of the ministry
  cur       — editor at ЦУР Кузбасса: sees, cannot edit the registry
  legal     — the ministry's legal department
and `foreign` — an editor of the other ministry (order 001), `outsider` — no memberships.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.utils import translation

from gospablik.networks.connections import shared_limiter
from gospablik.orgs.models import Membership, Ministry, Organization
from gospablik.policy.actions import do_setup_ministry
from gospablik.policy.loader import load_preset

HEALTH = "kuzbass-health-335"
SOCIAL = "kuzbass-social-protection-draft"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def health(db: Any) -> Ministry:
    return do_setup_ministry(load_preset(HEALTH))


@pytest.fixture
def social(db: Any) -> Ministry:
    return do_setup_ministry(load_preset(SOCIAL))


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    def make(username: str, ministry: Ministry | None = None, org: str = "", role: str = "") -> Any:
        user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
        if ministry is not None:
            organization = Organization.objects.get(ministry=ministry, key=org)
            Membership.objects.create(user=user, organization=organization, role=role)
        return user

    return make


@pytest.fixture
def keeper(make_user: Callable[..., Any], health: Ministry) -> Any:
    return make_user("keeper", health, "komiac", "registry_keeper")


@pytest.fixture
def komiac(make_user: Callable[..., Any], health: Ministry) -> Any:
    return make_user("komiac", health, "komiac", "editor")


@pytest.fixture
def head(make_user: Callable[..., Any], health: Ministry) -> Any:
    return make_user("head", health, "kuzdrav", "head")


@pytest.fixture
def cur(make_user: Callable[..., Any], health: Ministry) -> Any:
    return make_user("cur", health, "cur-kuzbass", "editor")


@pytest.fixture
def legal(make_user: Callable[..., Any], health: Ministry) -> Any:
    return make_user("legal", health, "kuzdrav-legal", "legal")


@pytest.fixture
def foreign(make_user: Callable[..., Any], social: Ministry) -> Any:
    return make_user("foreign", social, "orgwork", "editor")


@pytest.fixture
def outsider(make_user: Callable[..., Any]) -> Any:
    return make_user("outsider")


@pytest.fixture
def komiac_org(health: Ministry) -> Organization:
    return Organization.objects.get(ministry=health, key="komiac")


@pytest.fixture(autouse=True)
def _audit_checkpoints(settings: Any, tmp_path: Any) -> None:
    """Each test its own checkpoint file of the audit chain (its database is its own)."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"


@pytest.fixture(scope="session", autouse=True)
def _no_session_left_behind(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """PostgreSQL drops a test database only when no session uses it; a session a test's
    thread left open would fail the run after every test passed."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """A request with the English cookie activates English for the thread; later tests
    (and doctests) expect the default language."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _own_rate_limits(settings: Any) -> Iterator[None]:
    """Each test gets its own rate-limit slots: with Redis (CI) the limiter is shared by
    every test process, and one test's reserved slots would make another's wait."""
    settings.RATELIMIT_PREFIX = f"test:{uuid.uuid4().hex}:"
    shared_limiter.cache_clear()
    yield
    shared_limiter.cache_clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """PBKDF2 is slow on purpose; tests do not need that."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- networks: the VK emulator wired to our HTTP seam and our Callback endpoint -----------

VK_GROUP = 219000001
VK_USER_TOKEN = "vk-demo-user-token"
VK_COMMUNITY_TOKEN = "vk-demo-community-token"
VK_CALLBACK_SECRET = "callback-secret-for-tests"


def django_sender(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    """Deliver an emulator's Callback request to our app in-process (as VK would over HTTP)."""
    from urllib.parse import urlsplit

    from django.test import Client

    extra = {
        f"HTTP_{k.upper().replace('-', '_')}": v
        for k, v in headers.items()
        if k.lower() != "content-type"
    }
    response = Client().post(urlsplit(url).path, body, content_type="application/json", **extra)
    return response.status_code, response.content.decode()


@pytest.fixture
def vk_emulator() -> Iterator[Any]:
    """A fresh VK emulator that our connectors reach through the HTTP seam."""
    from gospablik.networks.connections import TRANSPORT_OVERRIDES
    from gospablik_emulators.emulation import emulator_transport
    from gospablik_emulators.vk.emulator import make_app

    emulator = make_app(sender=django_sender)
    TRANSPORT_OVERRIDES["vk"] = emulator_transport(emulator)
    yield emulator
    TRANSPORT_OVERRIDES.pop("vk", None)


@pytest.fixture
def vk_account(health: Ministry, keeper: Any, vk_emulator: Any) -> Any:
    """The ministry's VK community, registered, connected and subscribed to our Callback."""
    from gospablik.networks.connections import do_connect_account
    from tests.foundation.factories import register

    account = register(health, keeper, url="https://vk.com/club219000001", network_id=str(VK_GROUP))
    code = vk_emulator.state.community(VK_GROUP).confirmation_code
    connection = do_connect_account(
        account,
        {"group_id": str(VK_GROUP), "callback_confirmation": code},
        {
            "user_token": VK_USER_TOKEN,
            "community_token": VK_COMMUNITY_TOKEN,
            "callback_secret": VK_CALLBACK_SECRET,
        },
        actor=keeper,
    )
    vk_emulator.add_callback_server(
        VK_GROUP, f"http://testserver/hooks/vk/{connection.pk}/", VK_CALLBACK_SECRET
    )
    return account


# --- every policy value has an effect: tests name the field they prove -------------------

POLICY_FIELDS = pytest.StashKey[set[str]]()
WHOLE_SUITE = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Gather ``policy_field`` markers before -k/-m deselect anything (under xdist every
    worker collects every item, so each worker sees them all)."""
    paths = config.stash.setdefault(POLICY_FIELDS, set())
    for item in items:
        for mark in item.iter_markers("policy_field"):
            paths.update(str(arg) for arg in mark.args)
    config.stash[WHOLE_SUITE] = _collects_whole_suite(config)


def _collects_whole_suite(config: pytest.Config) -> bool:
    tests_dir = (config.rootpath / "tests").resolve()
    args = [a.split("::")[0] for a in config.args]
    return any(Path(a).resolve() in (tests_dir, config.rootpath.resolve()) for a in args)


@pytest.fixture
def policy_field_tests(request: pytest.FixtureRequest) -> set[str]:
    """Field paths named by ``policy_field`` markers of the collected tests."""
    if not request.config.stash.get(WHOLE_SUITE, False):
        pytest.skip("проверяется только при запуске всего каталога tests/")
    return request.config.stash.get(POLICY_FIELDS, set())
