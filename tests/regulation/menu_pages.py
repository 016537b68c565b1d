"""The menu as a user sees it: the entries of the base template, and the links a rendered
page's menu holds. Shared by the menu test and the English sweeps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import override_settings

from gospablik.web.demo import PEOPLE, load_demo

BASE = Path(__file__).parents[2] / "src/gospablik/web/templates/web/base.html"
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# every role of the demo once (the same person may hold roles in both ministries)
ROLES = list({(p.ministry, p.org, p.role): p for p in PEOPLE}.values())


def menu_names() -> list[str]:
    """Every entry the base template's menu may show (the URL names of its nav_link tags)."""
    return re.findall(r'{% nav_link "([\w:-]+)"', BASE.read_text())


def menu_links(html: str) -> list[str]:
    nav = re.search(r"<nav>(.*?)</nav>", html, re.S)
    assert nav is not None, "the page has no menu"
    return re.findall(r'href="([^"]+)"', nav.group(1))


def build_demo(django_db_blocker: Any) -> Iterator[None]:
    """The demo, built once for a module and rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHER):
                load_demo()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
