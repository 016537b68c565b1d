"""Server time of the analytics dashboard and the ЦУР view on PostgreSQL: 10,000 accounts
with a year of daily statistics (raw series, weekly and per-ministry aggregates).

Seeds once (COPY; reused on the next run unless ``--reseed``), then times each page with
Django's test client (middleware, queries, charts, templates — no network) and prints
p50 / p95 / max in milliseconds and the number of SQL queries. ``--before DIR`` first
times the code in DIR (e.g. ``/work/main/src``) on the same database, in a subprocess,
and prints both with their ratio.

    .venv/bin/python bench/analytics.py [--accounts 10000] [--days 365] [--runs 20]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_analytics] [--reseed]
        [--before /work/main/src]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/bench_analytics"
NETWORKS = ("vk", "ok", "telegram", "max")
TELEGRAM_GAP = '{"views": "Telegram не даёт ботам статистику канала"}'


def configure(database_url: str, *, migrate: bool = True) -> None:
    os.environ["GOSPABLIK_VAR_DIR"] = tempfile.mkdtemp(prefix="gospablik-bench-")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gospablik.settings")
    os.environ.setdefault("GOSPABLIK_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    _create_database(database_url)
    import django

    django.setup()
    from django.core.management import call_command

    if migrate:
        call_command("migrate", verbosity=0, skip_checks=True)


def _create_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seeded() -> bool:
    from gospablik.registry.models import Account

    return Account.objects.count() > 0


def reset() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [r[0] for r in cursor.fetchall() if r[0] != "django_migrations"]
        cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")


def seed(accounts: int, days: int) -> None:
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset

    started = time.perf_counter()
    ministries = [do_setup_ministry(load_preset(k)) for k in
                  ("kuzbass-health-335", "kuzbass-social-protection-draft")]  # fmt: skip
    ids = _accounts(ministries, accounts)
    _days(ids, days)
    _aggregates()
    _people(ministries)
    print(f"seeded {accounts} accounts × {days} days in {time.perf_counter() - started:.0f} s")


def _accounts(ministries: list[Any], count: int) -> list[tuple[int, int, str]]:
    from gospablik.orgs.models import Organization
    from gospablik.registry.models import Account

    orgs = {m.pk: Organization.objects.filter(ministry=m).exclude(kind="cur").first()
            for m in ministries}  # fmt: skip
    tiers = ["flagship", "active", "card", ""]
    rows = [
        Account(
            ministry=m,
            network=NETWORKS[i % 4],
            url=f"https://example.org/{i}",
            title=f"Страница {i}",
            responsible_org=orgs[m.pk],
            tier=tiers[i % 4],
            has_avatar=i % 3 != 0,
            has_cover=i % 2 == 0,
            description="Описание",
            verified=i % 5 == 0,
        )  # fmt: skip
        for i in range(count)
        for m in [ministries[i % len(ministries)]]
    ]
    Account.objects.bulk_create(rows, batch_size=2000)
    return list(Account.objects.values_list("pk", "ministry_id", "network"))


def _days(ids: list[tuple[int, int, str]], days: int) -> None:
    from django.db import connection

    rng = random.Random(14)
    first = datetime.now(UTC).date() - timedelta(days=days - 1)
    now = datetime.now(UTC)
    columns = (
        "account_id, day, followers, posts, views, reach, likes, reposts, comments, gaps, "
        "collected_at"
    )
    with connection.cursor() as cursor:
        copying = cursor.copy(f"COPY analytics_accountday ({columns}) FROM STDIN")  # type: ignore[attr-defined]
        with copying as copy:
            for pk, _ministry, network in ids:
                followers = rng.randint(200, 40_000)
                for offset in range(days):
                    followers += rng.randint(-20, 30)
                    posts = rng.randint(0, 3)
                    views = posts * rng.randint(50, 4000)
                    likes = views // rng.randint(20, 60)
                    gaps = TELEGRAM_GAP if network == "telegram" else "{}"
                    copy.write_row((pk, first + timedelta(days=offset), followers, posts,
                                    None if network == "telegram" else views,
                                    views, likes, likes // 8, likes // 5, gaps, now))  # fmt: skip


def _aggregates() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO analytics_accountweek (account_id, ministry_id, week, followers,
                followers_start, posts, views, reach, likes, reposts, comments, gap_days,
                designed, verified, below_norm, rated_with, growth)
            SELECT d.account_id, a.ministry_id, date_trunc('week', d.day)::date,
                (array_agg(d.followers ORDER BY d.day DESC))[1],
                (array_agg(d.followers ORDER BY d.day))[1],
                sum(d.posts), coalesce(sum(d.views), 0), sum(d.reach), sum(d.likes),
                sum(d.reposts), sum(d.comments), count(*) FILTER (WHERE d.gaps <> '{}'),
                false, false, false, '',
                (array_agg(d.followers ORDER BY d.day DESC))[1]
                - (array_agg(d.followers ORDER BY d.day))[1]
            FROM analytics_accountday d JOIN registry_account a ON a.id = d.account_id
            GROUP BY d.account_id, a.ministry_id, date_trunc('week', d.day)""")
        cursor.execute("""
            INSERT INTO analytics_ministryday (ministry_id, network, day, followers,
                followers_start, posts, views, reach, likes, reposts, comments, gap_days,
                accounts)
            SELECT a.ministry_id, a.network, d.day, sum(d.followers), NULL, sum(d.posts),
                coalesce(sum(d.views), 0), sum(d.reach), sum(d.likes), sum(d.reposts),
                sum(d.comments), count(*) FILTER (WHERE d.gaps <> '{}'), count(*)
            FROM analytics_accountday d JOIN registry_account a ON a.id = d.account_id
            GROUP BY a.ministry_id, a.network, d.day""")
        cursor.execute("""
            INSERT INTO analytics_collection (account_id, collected_through, last_error,
                last_post_at)
            SELECT id, current_date, '', now() - (id % 20) * interval '1 day'
            FROM registry_account""")
        cursor.execute("ANALYZE")


def _people(ministries: list[Any]) -> None:
    from django.contrib.auth import get_user_model

    from gospablik.orgs.models import Membership, Organization

    users = get_user_model().objects
    head = users.create_user("bench-head", "head@example.org", "bench")
    cur = users.create_user("bench-cur", "cur@example.org", "bench")
    for m in ministries:
        org = Organization.objects.get(ministry=m, kind="ministry")
        Membership.objects.create(user=head, organization=org, role="head")
        Membership.objects.create(user=cur, organization=Organization.objects.get(
            ministry=m, kind="cur"), role="editor")  # fmt: skip


def timed(client: Any, url: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times, len(queries.captured_queries)


def summary(times: list[float], queries: int) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)]
    return {"p50": statistics.median(ordered), "p95": p95, "max": ordered[-1], "queries": queries}


def report(label: str, found: dict[str, float], before: dict[str, float] | None = None) -> None:
    line = (f"{label:<24} p50 {found['p50']:7.1f} ms   p95 {found['p95']:7.1f} ms   "
            f"max {found['max']:7.1f} ms   {found['queries']:.0f} queries")  # fmt: skip
    if before:
        line = (f"{label:<24} p50 {before['p50']:7.1f} → {found['p50']:6.1f} ms   p95 "
                f"{before['p95']:7.1f} → {found['p95']:6.1f} ms "
                f"(×{before['p95'] / found['p95']:.1f}"
                f" faster)   queries {before['queries']:.0f} → {found['queries']:.0f}")  # fmt: skip
    print(line, flush=True)


def vacuum() -> None:
    """What autovacuum does after updates, so both sides read a table without dead rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE analytics_accountweek")


def rate_measured_weeks() -> None:
    """The ЦУР view's kept points and norm flags, as collection keeps them (the seed
    writes the weekly rows in SQL, without them)."""
    from gospablik.analytics.aggregate import analytics_spec, monday
    from gospablik.analytics.weekrate import ensure_rated
    from gospablik.orgs.models import Ministry

    started = time.perf_counter()
    today = date.today()  # noqa: DTZ011 — the server's local date, as the pages use
    for ministry in Ministry.objects.all():
        spec = analytics_spec(ministry)
        for week in (monday(today) - timedelta(days=7), monday(today)):
            if spec is not None:
                ensure_rated(ministry, spec, week)
    vacuum()
    print(f"weekly rows rated in {time.perf_counter() - started:.1f} s (collection keeps them)")


def run(runs: int) -> dict[str, dict[str, float]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from gospablik.analytics.models import AccountDay, AccountWeek

    users = get_user_model().objects
    print(f"raw daily rows: {AccountDay.objects.count():,}; weekly rows: "
          f"{AccountWeek.objects.count():,}", file=sys.stderr)  # fmt: skip
    today = date.today()  # noqa: DTZ011 — the server's local date, as the pages use
    ranges = {"4 weeks": today - timedelta(days=27), "1 year": today - timedelta(days=364)}
    head, cur = Client(), Client()
    head.force_login(users.get(username="bench-head"))
    cur.force_login(users.get(username="bench-cur"))
    found = {}
    for label, since in ranges.items():
        query = f"?since={since}&until={today}"
        base = "/kuzbass-health-335/analytics/"
        found[f"dashboard ({label})"] = summary(*timed(head, f"{base}{query}", runs))
        found[f"ЦУР view ({label})"] = summary(*timed(cur, f"{base}cur/{query}", runs))
    return found


def measure_before(code: str, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": code}
    command = [sys.executable, __file__, "--database-url", args.database_url,
               "--runs", str(args.runs), "--json"]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    found: dict[str, dict[str, float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url", default=DEFAULT_DB)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--before", help="the code to time first (e.g. /work/main/src)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:  # the "before" side: another code base on the seeded database
        configure(args.database_url, migrate=False)
        print(json.dumps(run(args.runs)))
        return
    configure(args.database_url)
    if args.reseed and seeded():
        reset()
    if not seeded():
        seed(args.accounts, args.days)
    vacuum()
    before = measure_before(args.before, args) if args.before else {}
    if args.before:
        print(f"before: {args.before}; after: {ROOT / 'src'} (same database, same run)")
    rate_measured_weeks()
    for label, found in run(args.runs).items():
        report(label, found, before.get(label))


if __name__ == "__main__":
    main()
