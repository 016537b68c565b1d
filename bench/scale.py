"""Scale benchmark: a region's worth of data on PostgreSQL, every page measured.

Run (seeds, serves with gunicorn, measures; re-runnable)::

    PYTHONPATH=src .venv/bin/python bench/scale.py --accounts 10000 --comments 10000000 \\
        --posts 1000000 --audit 1000000 --duties 100000

``--reuse`` measures an already seeded database (after ``migrate``); ``--code DIR``
serves and measures the code in DIR (e.g. ``/work/main/src``: the "before" figures on
the same data). The database is ``gospablik_scale`` unless ``--db`` says otherwise; it
is dropped and re-created on every seeding run.

Seeding: three ministries (the two presets and one whose policy was removed: the broken
tenant every beat job must survive), personas, then ``INSERT … SELECT generate_series``
clones of one real row of each table made through the actions, with skewed
distributions: 60 % of the accounts in one ministry, comments per account ~ a power law,
times spread over a year (most recent densest), statuses in realistic shares. The audit
log is written with the current chain function, so ``gospablik audit verify`` passes.

Printed: p50/p95 per page and API list per persona (operator, head, ЦУР, security
officer), SQL queries per page (in-process), response size, the ratio of each p95 to
a trivial page in the same run, one pass of each beat job, EXPLAIN of the key queries,
and the last line ``scale: worst page p95 N ms (PAGE), max queries Q, largest page K KB,
worst job S s``.
"""

# SQL here is built from constants and integers of this script (no input reaches it);
# the seeding expressions read best one per line.
# ruff: noqa: E501, S608, S108, UP031
from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PORT = 8765
TRIVIAL = "/accounts/login/"
PERSONAS = ("operator", "head", "cur", "security")


# --- configuration ------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--audit", type=int, default=50_000)
    parser.add_argument("--duties", type=int, default=10_000)
    parser.add_argument("--db", default="gospablik_scale")
    parser.add_argument("--reuse", action="store_true", help="measure the seeded database")
    parser.add_argument("--code", default=str(ROOT / "src"), help="the code to serve/measure")
    parser.add_argument("--repeat", type=int, default=8, help="requests per page and persona")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--personas", default=",".join(PERSONAS), help="comma-separated")
    parser.add_argument("--save", help="write the figures as JSON (to compare a later run)")
    parser.add_argument("--against", help="a --save file of the 'before' run: print ratios")
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the report tables first (after --reuse)"
    )
    return parser.parse_args(argv)


def configure(args: argparse.Namespace) -> dict[str, str]:
    env = {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.db}",
        "DJANGO_SETTINGS_MODULE": "gospablik.settings",
        "GOSPABLIK_REQUIRE_2FA": "0",
        "GOSPABLIK_LOG_LEVEL": "WARNING",
        "GOSPABLIK_VAR_DIR": str(Path("/tmp") / f"{args.db}-var"),
        "CELERY_BROKER_URL": "memory://",
        "PYTHONPATH": args.code,
    }
    os.environ.update(env)
    sys.path.insert(0, args.code)
    import django

    django.setup()
    return env


# --- seeding ------------------------------------------------------------------------------


def recreate_database(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def sql(statement: str, params: list[Any] | None = None) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])
        return int(cursor.rowcount or 0)


def clone(
    model: Any, template_pk: int, n: int, exprs: dict[str, str], chunk: int = 500_000
) -> None:
    """n copies of one row, ``exprs`` giving SQL (over ``g``, 1..n) for varying columns."""
    from django.db import transaction

    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields if f.column != "id" or "id" in exprs]
    select = ", ".join(exprs.get(c, f't."{c}"') for c in columns).replace("%", "%%")
    names = ", ".join(f'"{c}"' for c in columns)
    for lo in range(1, n + 1, chunk):
        hi = min(n, lo + chunk - 1)
        with transaction.atomic():
            sql(
                f'INSERT INTO "{table}" ({names}) SELECT {select} '  # noqa: S608
                f'FROM generate_series(%s, %s) g, (SELECT * FROM "{table}" WHERE id = %s) t',
                [lo, hi, template_pk],
            )
        print(f"  {table}: {hi:,}/{n:,}", flush=True)


def bump_sequence(model: Any) -> None:
    table = model._meta.db_table
    sql(
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT max(id) FROM \"{table}\"))"
    )  # noqa: S608


@dataclass
class World:
    ministries: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)


def seed(args: argparse.Namespace) -> World:
    started = time.monotonic()
    world = seed_tenants()
    seed_accounts(world, args.accounts)
    seed_posts(world, args.posts)
    seed_comments(world, args.comments)
    seed_duties(world, args.duties)
    seed_audit(args.audit)
    print(f"seeded in {time.monotonic() - started:.0f} s; analyzing", flush=True)
    from django.db import connection

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"ready in {time.monotonic() - started:.0f} s", flush=True)
    return world


def seed_tenants() -> World:
    from django.contrib.auth import get_user_model

    from gospablik.orgs.models import Membership, Ministry, Organization
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset
    from gospablik.policy.models import PolicyVersion

    world = World()
    world.ministries["health"] = do_setup_ministry(load_preset("kuzbass-health-335"))
    world.ministries["social"] = do_setup_ministry(load_preset("kuzbass-social-protection-draft"))
    broken = Ministry.objects.create(
        key="broken", name="Министерство без порядка", short_name="Без порядка"
    )
    Organization.objects.create(ministry=broken, key="broken", kind="ministry", name="Без порядка", short_name="Без порядка")  # fmt: skip
    world.ministries["broken"] = broken
    health = world.ministries["health"]
    users = get_user_model().objects
    for name, org, roles in (
        ("operator", "komiac", ("editor", "moderator", "registry_keeper")),
        ("head", "kuzdrav", ("head",)),
        ("cur", "cur-kuzbass", ("editor",)),
        ("security", "komiac", ("security_officer",)),
    ):
        user = users.create_user(name, f"{name}@example.org", "bench-password-1")
        organization = Organization.objects.get(ministry=health, key=org)
        for role in roles:
            Membership.objects.create(user=user, organization=organization, role=role)
        world.users[name] = user
    # the broken tenant had a policy once (its duties name a version), then lost it
    assert not PolicyVersion.objects.filter(ministry=broken).exists()
    return world


def seed_accounts(world: World, n: int) -> None:
    from gospablik.orgs.models import Organization
    from gospablik.registry.actions import do_register_account
    from gospablik.registry.models import Account

    health = world.ministries["health"]
    org = Organization.objects.get(ministry=health, key="komiac")
    template = do_register_account(
        health,
        {"network": "vk", "url": "https://vk.com/template", "title": "Шаблон", "status": "active",
         "responsible_org": org, "created_on": date(2024, 4, 26)},
        actor=world.users["operator"],
    )  # fmt: skip
    social, broken = world.ministries["social"], world.ministries["broken"]
    social_org = Organization.objects.get(ministry=social, key="orgwork")
    broken_org = Organization.objects.get(ministry=broken, key="broken")
    health_share, broken_n = int(n * 0.6), 20
    ministry = (
        f"CASE WHEN g <= {health_share} THEN {health.pk} "
        f"WHEN g <= {n - broken_n} THEN {social.pk} ELSE {broken.pk} END"
    )
    owner = (
        f"CASE WHEN g <= {health_share} THEN {org.pk} "
        f"WHEN g <= {n - broken_n} THEN {social_org.pk} ELSE {broken_org.pk} END"
    )
    clone(
        Account,
        template.pk,
        n - 1,
        {
            "ministry_id": ministry,
            "responsible_org_id": owner,
            "network": "(ARRAY['vk','vk','vk','ok','ok','telegram','max'])[1 + g % 7]",
            "url": "'https://example.org/acc' || g",
            "network_id": "g::text",
            "title": "'Учреждение № ' || g",
        },
    )
    bump_sequence(Account)


def seed_posts(world: World, n: int) -> None:
    from gospablik.content.actions import do_create_post
    from gospablik.content.models import Post, Publication
    from gospablik.registry.models import Account

    health = world.ministries["health"]
    account = Account.objects.filter(ministry=health).order_by("pk").first()
    post = do_create_post(health, {"format": "text", "text": "Шаблон публикации"}, [account], actor=world.users["operator"])  # fmt: skip
    pub = Publication.objects.get(post=post)
    base_post = sql_value("SELECT coalesce(max(id), 0) FROM content_post")
    base_pub = sql_value("SELECT coalesce(max(id), 0) FROM content_publication")
    accounts = account_ranges(world)
    # when: two years back to a month ahead, denser recently; past ones are published
    when = "now() - (power(random(), 2) * interval '730 days') + interval '30 days' * (random() < 0.04)::int"
    clone(Post, post.pk, n, {
        "id": f"{base_post} + g", "ministry_id": accounts.ministry_of("g % " + str(accounts.total)),
        "publish_at": when, "status": "'published'", "text": "'Публикация № ' || g",
    })  # fmt: skip
    sql(
        "UPDATE content_post SET status = 'scheduled' WHERE publish_at > now() AND id > %s",
        [base_post],
    )
    # 1.5 publications per post: every post in one account, every other post in a second
    for extra in (0, 1):
        count = n if extra == 0 else n // 2
        step = "g" if extra == 0 else "2 * g"
        clone(Publication, pub.pk, count, {
            "id": f"{base_pub + extra * n} + g",
            "post_id": f"{base_post} + {step}",
            "account_id": accounts.account_of(f"({step} + {extra})"),
            "status": "'published'", "idempotency_key": "gen_random_uuid()",
            "published_at": f"(SELECT publish_at FROM content_post WHERE id = {base_post} + {step})",
            "network_post_id": f"'{extra}-' || g",
        })  # fmt: skip
    sql("UPDATE content_publication SET status = 'pending', due_at = published_at, published_at = NULL "
        "WHERE published_at > now() AND id > %s", [base_pub])  # fmt: skip
    bump_sequence(Post)
    bump_sequence(Publication)


def sql_value(statement: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement)
        return int(cursor.fetchone()[0])


@dataclass
class AccountRanges:
    """Accounts are contiguous id ranges per ministry (the seeding made them so)."""

    first: int
    total: int
    health: int
    health_id: int
    social_id: int
    broken_id: int
    broken_from: int

    def account_of(self, k: str) -> str:
        return f"({self.first} + (({k}) % {self.total}))"

    def skewed_account(self) -> str:
        """A power law: a few accounts get most of the comments."""
        return f"({self.first} + floor({self.total} * power(random(), 3))::int)"

    def ministry_of(self, k: str) -> str:
        return (
            f"CASE WHEN ({k}) < {self.health} THEN {self.health_id} "
            f"WHEN ({k}) < {self.broken_from} THEN {self.social_id} ELSE {self.broken_id} END"
        )

    def ministry_of_account(self, account_sql: str) -> str:
        return self.ministry_of(f"({account_sql}) - {self.first}")


def account_ranges(world: World) -> AccountRanges:
    from gospablik.registry.models import Account

    ids = list(Account.objects.order_by("pk").values_list("pk", "ministry_id"))
    first, health_id = ids[0]
    health_n = sum(1 for _, m in ids if m == health_id)
    broken_id = world.ministries["broken"].pk
    broken_from = next(i for i, (_, m) in enumerate(ids) if m == broken_id)
    assert [pk for pk, _ in ids] == list(range(first, first + len(ids)))
    return AccountRanges(
        first, len(ids), health_n, health_id, world.ministries["social"].pk, broken_id, broken_from
    )


def seed_comments(world: World, n: int) -> None:
    from django.db import transaction

    from gospablik.moderation.models import Classification, Comment
    from gospablik.registry.models import Account

    health = world.ministries["health"]
    account = Account.objects.filter(ministry=health).order_by("pk").first()
    comment = Comment.objects.create(
        ministry=health, account=account, network="vk", network_comment_id="template", text="Шаблон"
    )
    verdict = Classification.objects.create(
        comment=comment, version=1, text="Шаблон", labels=["ok"], action="keep", final_action="keep"
    )
    base_c = comment.pk
    base_v = verdict.pk
    ranges = account_ranges(world)
    chunk = 500_000
    statuses = "(ARRAY['kept','kept','kept','kept','kept','kept','kept','kept','kept','kept','kept','kept','kept','kept','kept','kept','kept','deleted','review','hidden'])[1 + (g % 20)]"
    for lo in range(1, n + 1, chunk):
        hi = min(n, lo + chunk - 1)
        with transaction.atomic():
            sql(
                "CREATE TEMP TABLE IF NOT EXISTS seed_c (g bigint, account_id bigint, at timestamptz) ON COMMIT DROP"
            )
            sql(
                f"INSERT INTO seed_c SELECT g, {ranges.skewed_account()}, "
                "now() - power(random(), 1.5) * interval '365 days' FROM generate_series(%s, %s) g",
                [lo, hi],
            )
            insert_from(Comment, comment.pk, "seed_c s", {
                "id": f"{base_c} + s.g", "account_id": "s.account_id",
                "ministry_id": ranges.ministry_of_account("s.account_id"),
                "network_comment_id": "s.g::text", "received_at": "s.at", "posted_at": "s.at",
                "text": "'Комментарий жителя № ' || s.g", "status": statuses.replace("g %", "s.g %"),
                "author_id": "(s.g % 500000)::text", "author_name": "'Житель ' || (s.g % 500000)",
                "decided_at": "s.at + interval '1 minute' * (s.g % 600)",
                "decided_by_repr": "CASE WHEN s.g % 9 = 0 THEN 'moderator' ELSE '' END",
                "auto_action": "CASE WHEN s.g % 20 = 17 THEN 'delete' ELSE 'keep' END",
                "verdict_id": f"{base_v} + s.g",
            })  # fmt: skip
            insert_from(Classification, verdict.pk, "seed_c s", {
                "id": f"{base_v} + s.g", "comment_id": f"{base_c} + s.g", "created_at": "s.at",
                "action": "CASE WHEN s.g % 20 = 17 THEN 'delete' ELSE 'keep' END",
                "final_action": "CASE WHEN s.g % 20 = 17 THEN 'delete' ELSE 'keep' END",
                "labels": "CASE WHEN s.g % 20 = 17 THEN '[\"obscene\"]'::jsonb ELSE '[]'::jsonb END",
            })  # fmt: skip
        print(f"  comments: {hi:,}/{n:,}", flush=True)
    bump_sequence(Comment)
    bump_sequence(Classification)


def insert_from(model: Any, template_pk: int, source: str, exprs: dict[str, str]) -> None:
    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields if f.column != "id" or "id" in exprs]
    select = ", ".join(exprs.get(c, f't."{c}"') for c in columns).replace("%", "%%")
    names = ", ".join(f'"{c}"' for c in columns)
    sql(
        f'INSERT INTO "{table}" ({names}) SELECT {select} FROM {source}, '  # noqa: S608
        f'(SELECT * FROM "{table}" WHERE id = %s) t',
        [template_pk],
    )


def seed_duties(world: World, n: int) -> None:
    from gospablik.duties.models import Duty
    from gospablik.orgs.models import Organization

    health, broken = world.ministries["health"], world.ministries["broken"]
    template = Duty.objects.filter(ministry=health).order_by("pk").first()
    assert template is not None, "registering the template account opens a duty"
    owner = Organization.objects.get(ministry=health, key="komiac").pk
    broken_owner = Organization.objects.get(ministry=broken, key="broken").pk
    # 93 % done; open ones due over the next month (some overdue), ~1 % checked now
    clone(Duty, template.pk, n, {
        "ministry_id": f"CASE WHEN g % 1000 = 0 THEN {broken.pk} ELSE {health.pk} END",
        "owner_org_id": f"CASE WHEN g % 1000 = 0 THEN {broken_owner} ELSE {owner} END",
        "title": "'Обязанность № ' || g",
        "status": "CASE WHEN g % 100 < 7 OR g % 1000 = 0 THEN 'open' ELSE 'done' END",
        "started_at": "now() - interval '1 hour' * (g % 8760)",
        "due_at": "now() + interval '1 hour' * ((g % 800) - 100)",
        "done_at": "CASE WHEN g % 100 < 7 THEN NULL ELSE now() - interval '1 hour' * (g % 8760) END",
        "next_check_at": "CASE WHEN g % 100 < 7 OR g % 1000 = 0 THEN "
                         "CASE WHEN g % 7 = 0 THEN now() - interval '1 minute' ELSE now() + interval '1 day' END END",
        "subject_id": "g::text",
    })  # fmt: skip


def seed_audit(n: int) -> None:
    """``n`` entries appended after the ones the seeding wrote, hashed in Python with the
    current chain function and written with COPY."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gospablik.audit import log as audit_log
    from gospablik.audit.chain import entry_hash
    from gospablik.audit.keys import ring
    from gospablik.audit.models import AuditEntry, AuditHead
    from gospablik.orgs.models import Ministry

    keys = ring()
    ministries = list(Ministry.objects.order_by("pk").values_list("pk", flat=True))
    actions = [
        "duty.open",
        "duty.complete",
        "comment.decide",
        "content.post.schedule",
        "registry.account.update",
    ]
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().get(pk=1)
        seq, prev = head.last_seq, head.last_hash
        start = timezone.now() - timedelta(days=365)
        columns = ["seq", "created_at", "ministry_id", "actor_id", "actor_repr", "action", "object_type",
                   "object_id", "object_repr", "before", "after", "reason", "prev_hash", "hash", "key_id"]  # fmt: skip
        table = AuditEntry._meta.db_table
        copy_sql = f'COPY "{table}" ({", ".join(columns)}) FROM STDIN'
        connection.ensure_connection()
        with connection.connection.cursor() as raw, raw.copy(copy_sql) as copy:
            for i in range(n):
                seq += 1
                entry = AuditEntry(
                    seq=seq, created_at=start + timedelta(seconds=i * 31_536_000 // max(n, 1)),
                    ministry_id=ministries[0] if i % 10 < 6 else ministries[1], actor_repr="система",
                    action=actions[i % len(actions)], object_type="duties.duty", object_id=str(i),
                    object_repr=f"Обязанность № {i}", before=None, after={"n": i}, reason="",
                )  # fmt: skip
                entry.hash = entry_hash(prev, audit_log._hashed_fields(entry), keys.current())
                entry.prev_hash, prev = prev, entry.hash
                copy.write_row([
                    entry.seq, entry.created_at, entry.ministry_id, None, entry.actor_repr, entry.action,
                    entry.object_type, entry.object_id, entry.object_repr, None, '{"n": %d}' % i, "",
                    entry.prev_hash, entry.hash, keys.current_id,
                ])  # fmt: skip
                if (i + 1) % 250_000 == 0:
                    print(f"  audit: {i + 1:,}/{n:,}", flush=True)
        AuditHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev)
    bump_sequence(AuditEntry)


# --- measuring pages ----------------------------------------------------------------------


def pages(ministry: str) -> list[tuple[str, str]]:
    m = ministry
    return [
        ("board", f"/{m}/"),
        ("board all", f"/{m}/?all=1"),
        ("notifications", "/notifications/"),
        ("audit", f"/{m}/audit/"),
        ("registry", f"/{m}/registry/"),
        ("comments", f"/{m}/moderation/comments/"),
        ("moderation queue", f"/{m}/moderation/"),
        ("blacklist", f"/{m}/moderation/blacklist/"),
        ("moderation report", f"/{m}/moderation/reports/?{month()}"),
        ("content plan week", f"/{m}/content/?view=week"),
        ("content plan month", f"/{m}/content/?view=month"),
        ("compliance", f"/{m}/content/compliance/"),
        ("approvals", f"/{m}/approvals/"),
        ("security overview", f"/{m}/security/"),
        ("security alerts", f"/{m}/security/alerts/"),
        ("registry csv", f"/{m}/registry/export.csv"),
        ("registry xlsx", f"/{m}/registry/export.xlsx"),
        ("api accounts", f"/api/m/{m}/accounts/"),
        ("api duties", f"/api/m/{m}/duties/"),
        ("api audit", f"/api/m/{m}/audit/"),
        ("api comments", f"/api/m/{m}/moderation/comments/"),
        ("api moderation queue", f"/api/m/{m}/moderation/queue/"),
        ("api moderation report", f"/api/m/{m}/moderation/report/?{month()}"),
        ("api posts", f"/api/m/{m}/content/posts/"),
        ("api publications", f"/api/m/{m}/content/publications/"),
        ("api compliance", f"/api/m/{m}/content/compliance/"),
        ("api security posture", f"/api/m/{m}/security/posture/"),
        ("api security alerts", f"/api/m/{m}/security/alerts/"),
    ]


def month() -> str:
    """The last 30 days (the report's usual period)."""
    from django.utils import timezone

    today = timezone.localdate()
    return f"since={today - timedelta(days=30)}&until={today}"


@dataclass
class Timing:
    page: str
    persona: str
    status: int
    times: list[float]
    size: int
    first_byte: float = 0.0
    queries: int | None = None

    @property
    def p50(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def sessions(users: dict[str, Any]) -> dict[str, str]:
    """A logged-in session cookie per persona (as the login form would create)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    engine = import_module(settings.SESSION_ENGINE)
    cookies = {}
    for name, user in users.items():
        store = engine.SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies[name] = f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    return cookies


def fetch(path: str, cookie: str = "", timeout: float = 90.0) -> tuple[int, int, float, float]:
    """(status, size, seconds to the first byte, seconds in all)."""
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local
            first = response.read(1)
            first_byte = time.perf_counter() - started
            body = first + response.read()
            return response.status, len(body), first_byte, time.perf_counter() - started
    except urllib.error.HTTPError as error:
        body = error.read()
        return error.code, len(body), 0.0, time.perf_counter() - started
    except (TimeoutError, OSError):
        return 0, 0, 0.0, time.perf_counter() - started


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def serve(env: dict[str, str], workers: int) -> subprocess.Popen[bytes]:
    command = [
        str(ROOT / ".venv/bin/gunicorn"), "gospablik.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
        "--workers", str(workers), "--timeout", "90", "--log-level", "warning",
    ]  # fmt: skip
    log = open(f"/tmp/{os.environ.get('USER', 'bench')}-scale-gunicorn.log", "ab")  # noqa: SIM115
    server = subprocess.Popen(
        command, env=os.environ | env, cwd=str(ROOT), start_new_session=True, stderr=log
    )
    for _ in range(100):
        time.sleep(0.3)
        if fetch(TRIVIAL)[0] == 200:
            for _ in range(4 * workers):  # warm every worker up (imports, templates)
                fetch(TRIVIAL)
            return server
    stop(server)
    raise SystemExit("gunicorn did not start")


def stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def measure(
    ministry: str, cookies: dict[str, str], repeat: int, personas: list[str]
) -> list[Timing]:
    urllib.request.install_opener(urllib.request.build_opener(NoRedirect))
    results = [timed("trivial (login page)", "anonymous", TRIVIAL, "", repeat * 3)]
    for page, path in pages(ministry):
        for persona in personas:
            results.append(timed(page, persona, path, cookies[persona], repeat))
            row = results[-1]
            if row.status == 200:
                print(f"  {page:24} {persona:9} p50 {row.p50:8.0f} ms  p95 {row.p95:8.0f} ms  {row.size / 1024:8.0f} KB", flush=True)  # fmt: skip
    return results


def timed(page: str, persona: str, path: str, cookie: str, repeat: int) -> Timing:
    status, size, first_byte, seconds = fetch(path, cookie)
    times = [seconds]
    if status == 200:
        more = repeat - 1 if seconds < 2 else (1 if seconds < 20 else 0)
        for _ in range(more):
            status2, size, _fb, took = fetch(path, cookie)
            times.append(took)
            status = status if status2 == 200 else status2
    return Timing(page, persona, status, times, size, first_byte)


def count_queries(ministry: str, users: dict[str, Any], results: list[Timing]) -> None:
    """SQL statements per page, in-process, for the first persona that may see it (pages
    that took over 20 s on the server are not repeated here)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    done: set[str] = set()
    for row in results:
        if row.status != 200 or row.page in done or row.persona not in users:
            continue
        done.add(row.page)
        if max(row.times) > 20:
            continue
        client = Client()
        client.force_login(users[row.persona])
        path = dict(pages(ministry))[row.page]
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            b"".join(response) if getattr(response, "streaming", False) else response.content
        for other in results:
            if other.page == row.page:
                other.queries = len(captured.captured_queries)


# --- beat jobs, EXPLAIN -------------------------------------------------------------------


def jobs() -> list[tuple[str, float, str]]:
    try:
        from gospablik.networks.outbound.queue import run_due as dispatch_due
    except ImportError:  # older code
        from gospablik.content.dispatch import dispatch_due  # type: ignore[no-redef]

    from gospablik.duties.engine import tick
    from gospablik.moderation.polling import poll_all
    from gospablik.moderation.sla import refresh_review_duties
    from gospablik.networks.tasks import poll_vk_once
    from gospablik.security.snapshots import snapshot_all

    runs: list[tuple[str, Callable[[], Any]]] = [
        ("duties tick", tick), ("content dispatch", dispatch_due), ("moderation poll", poll_all),
        ("vk longpoll", poll_vk_once), ("security snapshots", snapshot_all),
        ("review sla", refresh_review_duties),
    ]  # fmt: skip
    out = []
    for name, job in runs:
        started = time.perf_counter()
        try:
            result = repr(job())
        except Exception as error:  # noqa: BLE001 - the figure to print is that it raised
            result = f"RAISED {type(error).__name__}: {error}"[:160]
        out.append((name, time.perf_counter() - started, result))
        print(f"  {name:20} {out[-1][1]:7.2f} s  {result}", flush=True)
    return out


def explains(world_ministry: Any) -> None:
    from django.db.models import DateTimeField
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from gospablik.audit.models import AuditEntry
    from gospablik.content.models import Publication
    from gospablik.duties.models import Duty
    from gospablik.moderation.models import Comment
    from gospablik.registry.models import Account

    now = timezone.now()
    accounts = Account.objects.filter(ministry=world_ministry)
    moment = Coalesce("published_at", "due_at", output_field=DateTimeField())
    queries = {
        "comments, first page": Comment.objects.filter(ministry=world_ministry).order_by("-received_at", "-pk")[:51],
        "comments, deep page (keyset)": Comment.objects.filter(ministry=world_ministry, received_at__lt=now - timedelta(days=200)).order_by("-received_at", "-pk")[:51],
        "comments of one account in a month": Comment.objects.filter(account=accounts.first(), received_at__gte=now - timedelta(days=30)),
        "audit, first page": AuditEntry.objects.filter(ministry=world_ministry).order_by("-seq")[:51],
        "duties board": Duty.objects.filter(ministry=world_ministry, status="open").order_by("due_at", "pk")[:51],
        "publications of a week": Publication.objects.annotate(m=moment).filter(account__in=accounts, m__gte=now - timedelta(days=7), m__lt=now).order_by(),
    }  # fmt: skip
    for name, qs in queries.items():
        print(f"-- {name}")
        plan = qs.explain(analyze=True)
        lines = plan.splitlines()
        print("\n".join("   " + line for line in lines[:12]))


# --- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    env = configure(args)
    if not args.reuse:
        recreate_database(args.db)
    migrate()
    from django.contrib.auth import get_user_model

    from gospablik.orgs.models import Ministry

    if not args.reuse:
        seed(args)
    if args.rebuild or not args.reuse:
        rebuild_reports()
    health = Ministry.objects.get(key="kuzbass-health-335")
    users = {u.username: u for u in get_user_model().objects.filter(username__in=PERSONAS)}
    print(f"code: {args.code}; database: {args.db}; {describe()}", flush=True)
    server = serve(env, args.workers)
    try:
        chosen = [p for p in args.personas.split(",") if p in PERSONAS]
        results = measure(health.key, sessions(users), args.repeat, chosen)
    finally:
        stop(server)
    count_queries(health.key, users, results)
    export_memory(health.key, users)
    report(results)
    compare(results, args)
    ran = [] if args.skip_jobs else jobs()
    print("EXPLAIN (ANALYZE) of the key queries:")
    explains(health)
    summary(results, ran)


def rebuild_reports() -> None:
    """The pre-aggregated report tables from the seeded rows (code that has them)."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    started = time.monotonic()
    try:
        call_command("reports", "rebuild")
    except (CommandError, LookupError) as error:
        print(f"no report tables to rebuild ({error})")
        return
    print(f"report tables rebuilt in {time.monotonic() - started:.0f} s", flush=True)


def export_memory(ministry: str, users: dict[str, Any]) -> list[tuple[str, float, float, int]]:
    """Each export consumed in-process: seconds to the first chunk, peak Python memory
    (tracemalloc) and the rows written."""
    import tracemalloc

    from django.test import Client

    client = Client()
    client.force_login(users["operator"])
    out = []
    for page in ("registry csv", "registry xlsx"):
        path = dict(pages(ministry))[page]
        tracemalloc.start()
        started = time.perf_counter()
        response = client.get(path)
        chunks = (
            iter(response) if getattr(response, "streaming", False) else iter([response.content])
        )
        first = next(chunks, b"")
        first_at = time.perf_counter() - started
        size = len(first) + sum(len(c) for c in chunks)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        out.append((page, first_at, peak / 2**20, size))
        print(f"  {page:14} first chunk {first_at:6.2f} s, peak {peak / 2**20:6.1f} MB, {size / 1024:8.0f} KB, {time.perf_counter() - started:6.2f} s in all", flush=True)  # fmt: skip
    return out


def compare(results: list[Timing], args: argparse.Namespace) -> None:
    import json

    mine = {f"{r.page}|{r.persona}": [r.status, r.p95, r.queries, r.size] for r in results}
    if args.save:
        Path(args.save).write_text(json.dumps(mine))
    if not args.against:
        return
    before = json.loads(Path(args.against).read_text())
    print(f"{'page':24} {'persona':9} {'before p95':>11} {'after p95':>10} {'ratio':>7} {'before KB':>10} {'after KB':>9} {'queries':>9}")  # fmt: skip
    for key, (status, p95, queries, size) in mine.items():
        if key not in before or status != 200:
            continue
        b_status, b_p95, b_queries, b_size = before[key]
        page, persona = key.split("|")
        b_text = f"{b_p95:9.0f}" if b_status == 200 else f"{b_status or 'timeout':>9}"
        ratio = f"{b_p95 / p95:6.1f}x" if b_status == 200 and p95 else "   -"
        print(f"{page:24} {persona:9} {b_text:>11} {p95:10.0f} {ratio:>7} {b_size / 1024:10.0f} {size / 1024:9.0f} {b_queries or '-'!s:>4}→{queries or '-'!s:<4}")  # fmt: skip


def describe() -> str:
    names = ["registry_account", "content_post", "content_publication", "moderation_comment",
             "moderation_classification", "audit_auditentry", "duties_duty"]  # fmt: skip
    return ", ".join(
        f"{n.split('_', 1)[1]} {sql_value(f'SELECT count(*) FROM {n}'):,}" for n in names
    )  # noqa: S608


def report(results: list[Timing]) -> None:
    trivial = results[0].p95 or 1.0
    print(
        f"{'page':24} {'persona':9} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'x triv':>7} {'KB':>7} {'queries':>7}"
    )
    for row in results:
        queries = "-" if row.queries is None else str(row.queries)
        if row.status != 200:
            print(f"{row.page:24} {row.persona:9} {row.status:>6}")
            continue
        print(f"{row.page:24} {row.persona:9} {row.status:>6} {row.p50:8.0f} {row.p95:8.0f} "
              f"{row.p95 / trivial:7.1f} {row.size / 1024:7.0f} {queries:>7}")  # fmt: skip


def summary(results: list[Timing], ran: list[tuple[str, float, str]]) -> None:
    seen = [r for r in results[1:] if r.status == 200]
    failed = [r for r in results[1:] if r.status >= 500 or r.status == 0]
    worst = max(seen, key=lambda r: r.p95)
    largest = max(
        (r for r in seen if "xlsx" not in r.page and "csv" not in r.page), key=lambda r: r.size
    )
    queries = max((r.queries or 0) for r in seen)
    worst_job = max(ran, key=lambda j: j[1]) if ran else ("-", 0.0, "")
    if failed:
        print(
            "failed: "
            + ", ".join(f"{r.page} as {r.persona} ({r.status or 'timeout'})" for r in failed)
        )
    print(f"scale: worst page p95 {worst.p95:.0f} ms ({worst.page}), max queries {queries}, "
          f"largest page {largest.size / 1024:.0f} KB, worst job {worst_job[1]:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
