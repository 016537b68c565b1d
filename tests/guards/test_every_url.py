"""A standing guard: every URL pattern, for every demo person of both ministries, with the
object ids of the other ministry (GET, and POST/PUT/PATCH/DELETE with a valid CSRF token):
no answer is a server error, none hands over the other ministry's object, and no page
shows the other ministry's accounts. The demo is built once for the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from gospablik.analytics.models import Report
from gospablik.approvals.actions.requests import do_file_request
from gospablik.approvals.models import InformationRequest, ItemFile, RequestFile, Submission
from gospablik.content.models import InfoOccasion, Post, PostMedia, Publication
from gospablik.dialogue.models import Answer, Thread
from gospablik.duties.models import Duty
from gospablik.moderation.models import Comment, Message, Sanction, UnlawfulRule
from gospablik.orgs.models import Membership, Ministry, Organization
from gospablik.registry.models import Account
from gospablik.security.models import Alert, AllowedAdmin, Credential
from gospablik.styleguide.models import StyleEntry
from gospablik.web.demo import DEMO_PASSWORD, PEOPLE, load_demo
from tests.approvals.conftest import make_submission

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SKIP = ("admin", "twofactor", "tokens", "set_language", "login", "logout", "api:schema",
        "api:docs", "networks:")  # fmt: skip
MINISTRY_OF: dict[type[Model], str] = {
    Credential: "connection__account__ministry", AllowedAdmin: "account__ministry",
    Alert: "ministry", Duty: "ministry", Account: "ministry", InfoOccasion: "ministry",
    Post: "ministry", PostMedia: "post__ministry", Publication: "post__ministry",
    Submission: "ministry", ItemFile: "item__submission__ministry",
    InformationRequest: "ministry", RequestFile: "message__request__ministry",
    Comment: "ministry", Message: "ministry", UnlawfulRule: "ministry",
    Sanction: "offender__ministry", StyleEntry: "ministry",
    Thread: "ministry", Answer: "thread__ministry", Report: "ministry",
}  # fmt: skip
PK_MODEL: list[tuple[str, type[Model]]] = [  # first match on the URL's name
    ("dialogue-answer", Answer), ("dialogue", Thread), ("analytics:report", Report),
    ("key_edit", Credential), ("alert", Alert), ("duty", Duty),
    ("publication", Publication), ("media", PostMedia), ("occasion", InfoOccasion),
    ("content", Post), ("request_file", RequestFile), ("item_file", ItemFile),
    ("request", InformationRequest), ("approvals", Submission), ("sanction", Sanction),
    ("rule", UnlawfulRule), ("message", Message), ("moderation", Comment),
    ("styleguide", StyleEntry), ("", Account),
]  # fmt: skip
FIXED = {"number": "1", "version": "1", "act": "close"}
FORMATS = ("csv", "xlsx", "docx", "pdf")
TITLES = {  # an account title only that ministry has
    "kuzbass-health-335": "Прививка Кузбасс",
    "kuzbass-social-protection-draft": "Семья Кузбасса",
}
IN_ONE = [p for p in PEOPLE if sum(q.username == p.username for q in PEOPLE) == 1]
ROLES = list({(p.ministry, p.org, p.role): p for p in IN_ONE}.values())  # every role, once


class Named:
    """A URL pattern with its namespaced name and every keyword of its whole path."""

    def __init__(self, name: str, keys: list[str]) -> None:
        self.name, self.keys = name, keys


def patterns(resolvers: list[Any] | None = None, ns: str = "", keys: tuple[str, ...] = ()
             ) -> Iterator[tuple[str, Named]]:  # fmt: skip
    for item in resolvers if resolvers is not None else get_resolver().url_patterns:
        own = tuple(item.pattern.regex.groupindex)
        if isinstance(item, URLResolver):
            inner = f"{ns}{item.namespace}:" if item.namespace else ns
            yield from patterns(item.url_patterns, inner, keys + own)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{ns}{item.name}", Named(f"{ns}{item.name}", list(keys + own))


def kwarg_names(pattern: Named) -> list[str]:
    return pattern.keys


def model_for(name: str) -> type[Model]:
    short = name.split(":")[-1] if ":" in name else name
    return next(model for key, model in PK_MODEL if key in f"{name} {short}")


def other_id(model: type[Model], other: Ministry) -> str | None:
    pk = model.objects.filter(**{MINISTRY_OF[model]: other}).values_list("pk", flat=True).first()
    return None if pk is None else str(pk)


def url_for(name: str, pattern: Named, slug: str, other: Ministry) -> str | None:
    kwargs: dict[str, str] = {}
    for key in kwarg_names(pattern):
        if key == "ministry":
            kwargs[key] = slug
        elif key in FIXED:
            kwargs[key] = FIXED[key]
        elif key == "user_id":
            member = Membership.objects.filter(organization__ministry=other).first()
            kwargs[key] = str(member.user_id)
        elif key == "admin_pk":
            found = other_id(AllowedAdmin, other)
            if found is None:
                return None
            kwargs[key] = found
        elif key == "pk":
            found = other_id(model_for(name), other)
            if found is None:
                return None
            kwargs[key] = found
        elif key != "fmt":
            return None
    for fmt in FORMATS if "fmt" in kwargs or "fmt" in kwarg_names(pattern) else (None,):
        try:
            return reverse(name, kwargs=kwargs | ({"fmt": fmt} if fmt else {}))
        except NoReverseMatch:
            continue
    return None


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo, built once; rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHER):  # as every test has it
                load_demo()
                _approvals()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _approvals() -> None:
    """The demo has no approvals yet: one submission and one information request."""
    health = Ministry.objects.get(key="kuzbass-health-335")
    cur = get_user_model().objects.get(username="cur")
    make_submission(health, cur)
    org = Organization.objects.get(ministry=health, key="cur-kuzbass")
    do_file_request(health, actor=cur, cur_org=org, topic="Часы работы", questions="Когда?",
                    needed_by=timezone.localdate() + timedelta(days=10))  # fmt: skip


def client_of(username: str) -> tuple[Client, dict[str, str]]:
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    assert client.login(username=username, password=DEMO_PASSWORD)
    token = get_random_string(32)  # a valid CSRF secret: cookie and header agree
    client.cookies["csrftoken"] = token
    return client, {"HTTP_X_CSRFTOKEN": token}


def methods(name: str, slug_is_own: bool) -> tuple[str, ...]:
    """Writes where they can land: under the other ministry's slug the ministry door
    answers before any view code, so GET shows it; API writes beyond POST only on details."""
    if not slug_is_own:
        return ("get",)
    if name.endswith("-detail"):
        return ("get", "post", "put", "patch", "delete")
    return ("get", "post")


@pytest.mark.parametrize("person", ROLES, ids=lambda p: p.username)
def test_no_url_leaks_the_other_ministry_or_fails(demo, db, settings, person):
    settings.GOSPABLIK_REQUIRE_2FA = False
    own = Ministry.objects.get(key=person.ministry)
    other = Ministry.objects.exclude(pk=own.pk).get()
    client, csrf = client_of(person.username)
    problems: list[str] = []
    for name, pattern in patterns():
        if name.startswith(SKIP) or any(s in name for s in SKIP):
            continue
        has_ids = bool(set(kwarg_names(pattern)) - {"ministry", "fmt"} - set(FIXED))
        has_ministry = "ministry" in kwarg_names(pattern)
        targets = [(url_for(name, pattern, own.key, other), has_ids, True)]
        if has_ministry:
            targets.append((url_for(name, pattern, other.key, other), True, False))
        for url, foreign, slug_is_own in targets:
            if url is None:
                continue
            for method in methods(name, slug_is_own):
                response = getattr(client, method)(url, **csrf)
                problems += judge(method, url, response, foreign, TITLES[other.key])
    assert problems == [], "\n".join(problems[:40])


def judge(method: str, url: str, response: Any, foreign: bool, title: str) -> list[str]:
    status = response.status_code
    if status >= 500:
        return [f"{method.upper()} {url}: {status}"]
    if foreign and 200 <= status < 400 and status != 304:
        return [f"{method.upper()} {url}: {status} on the other ministry's object"]
    body = b"" if response.streaming else response.content
    if title.encode() in body:
        return [f"{method.upper()} {url}: shows the other ministry's account «{title}»"]
    return []


def test_the_guard_covers_the_urls(demo, db):
    """Not a guard that silently checks nothing: most patterns get a URL."""
    health = Ministry.objects.get(key="kuzbass-health-335")
    social = Ministry.objects.exclude(pk=health.pk).get()
    names = [(n, p) for n, p in patterns() if not any(s in n for s in SKIP)]
    built = [n for n, p in names if url_for(n, p, social.key, health) is not None]
    missing = sorted(set(n for n, _ in names) - set(built))
    assert len(built) >= 0.75 * len(names), " ".join(missing)
    assert get_user_model().objects.count() >= len(ROLES)
    assert re.search("content", " ".join(built))
