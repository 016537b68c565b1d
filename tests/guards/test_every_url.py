"""A standing guard: every URL pattern, for every demo person of both ministries, with the
object ids of the other ministry (GET, and POST/PUT/PATCH/DELETE with a valid CSRF token):
no answer is a server error, none hands over the other ministry's object, and no page
shows the other ministry's accounts. The demo is built once for the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils.crypto import get_random_string

from gospablik.analytics.models import Report
from gospablik.approvals.models import InformationRequest, ItemFile, RequestFile, Submission
from gospablik.content.models import InfoOccasion, Post, PostMedia, Publication
from gospablik.dialogue.models import Answer, Thread
from gospablik.duties.models import Duty
from gospablik.moderation.models import Comment, Message, Sanction, UnlawfulRule
from gospablik.orgs.models import Membership, Ministry
from gospablik.registry.models import Account
from gospablik.security.models import Alert, AllowedAdmin, Credential
from gospablik.styleguide.models import StyleEntry
from gospablik.web.demo import DEMO_PASSWORD, PEOPLE, load_demo

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SKIP = {  # URL patterns the guard does not request, each with the reason (matched as a prefix)
    "admin:": "Django's admin: staff only, outside the ministry door by design",
    "twofactor:": "the person's own second factor; tests/security/test_twofactor.py",
    "tokens:": "the person's own API tokens, no ministry in the URL; revoking another person's "
    "token is refused in tests/security/test_api_tokens.py",
    "set_language": "no object: switches the language of the session",
    "login": "the login page; lockout in tests/security/test_login.py",
    "logout": "ends the guard's own session",
    "api:schema": "the schema: tests/guards/test_api_schema.py runs Schemathesis over it",
    "api:docs": "the docs page of the schema; tests/security/test_hardening.py",
    "networks:": "webhooks, authenticated by the network's secret; fuzzed through the views "
    "in tests/security/test_webhook_fuzz.py",
}
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
FIXED = {"number": "1", "version": "1", "act": "close", "name": "note", "key": "audience"}
FORMATS = ("csv", "xlsx", "docx", "pdf", "svg")
REASONS = {  # (pattern prefix, ministry of the ids): why no object can be named (else: fail)
    **{
        (prefix, "kuzbass-social-protection-draft"): "the social-protection draft policy has no "
        "approvals, so that ministry has no submission, request or file"
        for prefix in ("approvals:", "approvals-")
    },
}
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


def skipped(name: str) -> bool:
    return name.startswith(tuple(SKIP))


def unbuilt_reason(name: str, other: Ministry) -> str:
    return next((why for (prefix, key), why in REASONS.items()
                 if name.startswith(prefix) and key == other.key), "")  # fmt: skip


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
        elif key in ("network", "author"):
            thread = Thread.objects.filter(ministry=other).exclude(author_id="").first()
            if thread is None:
                return None
            kwargs[key] = thread.network if key == "network" else thread.author_id
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
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


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
        if skipped(name):
            continue
        has_ids = bool(set(kwarg_names(pattern)) - {"ministry", "fmt"} - set(FIXED))
        has_ministry = "ministry" in kwarg_names(pattern)
        targets = [(url_for(name, pattern, own.key, other), has_ids, True)]
        if has_ministry:
            targets.append((url_for(name, pattern, other.key, other), True, False))
        for url, foreign, slug_is_own in targets:
            if url is None:
                if not unbuilt_reason(name, other):
                    problems.append(f"{name}: no object of {other.key} and no reason in REASONS")
                continue
            for method in methods(name, slug_is_own):
                response = getattr(client, method)(url, **csrf)
                problems += judge(method, url, response, foreign, TITLES[other.key])
                drain(response)
    assert problems == [], "\n".join(problems[:40])


def drain(response: Any) -> None:
    """Read a streamed answer to its end: the test client then closes its file."""
    if response.streaming:
        b"".join(response.streaming_content)


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


def coverage() -> tuple[int, int, list[str]]:
    """(URLs built, URL patterns requested, patterns left out), over both ministries' ids."""
    names = [(n, p) for n, p in patterns() if not skipped(n)]
    built, missing = 0, []
    for own in Ministry.objects.all():
        other = Ministry.objects.exclude(pk=own.pk).get()
        for name, pattern in names:
            if url_for(name, pattern, own.key, other) is not None:
                built += 1
            elif not unbuilt_reason(name, other):
                missing.append(f"{name} (ids of {other.key})")
    return built, 2 * len(names), missing


def test_the_guard_covers_the_urls(demo, db):
    """Not a guard that silently checks nothing: every pattern gets a URL with the other
    ministry's object, unless REASONS says why that ministry has none."""
    built, total, missing = coverage()
    print(f"URL guard coverage: {built} of {total} ({built / total:.0%})")
    assert missing == [], " ".join(missing)
    assert built >= 0.9 * total  # the rest: approvals of the ministry without approvals
    assert get_user_model().objects.count() >= len(ROLES)
    assert re.search("content", " ".join(n for n, _ in patterns()))


def test_a_skipped_pattern_needs_a_reason(demo, db):
    """A URL pattern with parameters that no rule fills fails the guard."""
    bare = Named("content:post", ["ministry", "unheard_of"])
    social = Ministry.objects.get(key="kuzbass-social-protection-draft")
    assert url_for("content:post", bare, "x", social) is None
    assert unbuilt_reason("content:post", social) == ""
    assert unbuilt_reason("approvals:item_file", social)
    assert all(reason.strip() for reason in SKIP.values())


HOSTILE_IDS = ("99999999999999999999", "0")  # beyond bigint; no such row
HOSTILE_QUERY = (
    "?page=-1&cursor=%00%FF%FE&after=zz&before=-1&since=2026-13-45&until=x&date=0000-00-00"
    "&account=-1&accounts=99999999999999999999&status=%3Cb%3E&q=%27%22%3Cscript%3E&ministry=x"
    "&period=99999999999&month=2026-99&all=x&order=-pk&network=%00&category=..%2F..&per_page=-5"
)
HOSTILE_ROLES = ["komiac", "moderator", "security", "szn_head", "szn_moderator"]


def hostile_url(name: str, pattern: Named, slug: str, value: str) -> str | None:
    """The pattern with every id replaced by a hostile value (others as the guard fills them)."""
    kwargs = {key: slug if key == "ministry" else FIXED.get(key, value)
              for key in kwarg_names(pattern) if key != "fmt"}  # fmt: skip
    if "network" in kwargs:
        kwargs["network"] = "vk"
    for fmt in FORMATS if "fmt" in kwarg_names(pattern) else (None,):
        try:
            return reverse(name, kwargs=kwargs | ({"fmt": fmt} if fmt else {}))
        except NoReverseMatch:
            continue
    return None


@pytest.mark.parametrize("username", HOSTILE_ROLES)
def test_hostile_ids_and_query_never_fail(demo, db, settings, username):
    """Ids beyond any column, ids of no row, and garbage in every usual query parameter, on
    every URL (the own ministry's objects too): never a server error."""
    settings.GOSPABLIK_REQUIRE_2FA = False
    own = Membership.objects.filter(user__username=username).first().organization.ministry
    other = Ministry.objects.exclude(pk=own.pk).get()
    client, csrf = client_of(username)
    problems: list[str] = []
    for name, pattern in patterns():
        if skipped(name):
            continue
        urls = [url_for(name, pattern, own.key, own), url_for(name, pattern, own.key, other)]
        if set(kwarg_names(pattern)) - {"ministry", "fmt"} - set(FIXED):
            urls += [hostile_url(name, pattern, own.key, value) for value in HOSTILE_IDS]
        for url in filter(None, urls):
            for method in ("get", "post"):
                response = getattr(client, method)(url + HOSTILE_QUERY, **csrf)
                drain(response)
                if response.status_code >= 500:
                    problems.append(
                        f"{method.upper()} {url}{HOSTILE_QUERY}: {response.status_code}"
                    )
    assert problems == [], "\n".join(problems[:40])
