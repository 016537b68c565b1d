"""Dispatch lag of scheduled publishing: 10,000 posts due in the same minute.

Posts are spread over VK and OK accounts (emulators in-process, no rate limits: what is
measured is our claim/attempt/record machinery, not the networks' quotas). Dispatch runs
as ``--workers`` threads looping the outbound queue's ``run_once``, each with its own
database connection.
Lag = when the publication was recorded as published minus when it was due. Prints
p50/p99/max lag, throughput and CPU time.

    .venv/bin/python bench/publish.py [--posts 10000] [--accounts 20] [--workers 2]
        [--database-url postgres://…]   (default: a fresh SQLite file, WAL)
        [--code CHECKOUT]               (measure that checkout's src/ instead of this one)
        [--compare CHECKOUT]            (that checkout, then this one; prints the ratios)

A PostgreSQL database named by --database-url is dropped and created afresh.
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
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SQLITE_OPTIONS = (
    "transaction_mode=IMMEDIATE&init_command=PRAGMA+journal_mode%3DWAL%3B"
    "PRAGMA+synchronous%3DNORMAL"
)


def configure(database_url: str | None, code: str | None = None) -> None:
    """Settings for a fresh database; ``code``: another checkout's ``src`` (e.g. main's,
    for the "before" half of a comparison) is imported instead of this one's."""
    if code:
        sys.path.insert(0, str(Path(code).resolve() / "src"))
    var = Path(tempfile.mkdtemp(prefix="gospablik-bench-"))
    os.environ["GOSPABLIK_VAR_DIR"] = str(var)
    os.environ["DATABASE_URL"] = (
        database_url or f"sqlite:///{var / 'bench.sqlite3'}?{SQLITE_OPTIONS}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gospablik.settings")
    os.environ.setdefault("GOSPABLIK_LOG_LEVEL", "WARNING")
    sys.path.insert(1 if code else 0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)


def fresh_database(url: str) -> None:
    """Drop and create the PostgreSQL database ``url`` names."""
    drop_database(url)
    _admin(url, f'CREATE DATABASE "{urlsplit(url).path.lstrip("/")}"')


def drop_database(url: str) -> None:
    _admin(url, f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')


def _admin(url: str, statement: str) -> None:
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(statement)


def mount_emulators() -> None:
    """The VK and OK emulators in-process behind the HTTP seam; no client rate limits."""
    from django.conf import settings
    from tests.content.faultrun import fault_seeds

    from gospablik.networks.connections import refresh_connector_settings
    from gospablik.networks.http import TRANSPORT_OVERRIDES
    from gospablik_emulators.emulation import emulator_transport
    from gospablik_emulators.ok.emulator import make_app as make_ok
    from gospablik_emulators.vk.emulator import make_app as make_vk

    vk_seed, ok_seed = fault_seeds()
    TRANSPORT_OVERRIDES["vk"] = emulator_transport(make_vk(vk_seed))
    TRANSPORT_OVERRIDES["ok"] = emulator_transport(make_ok(ok_seed))
    settings.NETWORK_RATE_LIMIT = False
    refresh_connector_settings()


def seed(posts: int, accounts: int, minute: datetime) -> None:
    from tests.content.conftest import OK_SECRETS, VK_SECRETS
    from tests.content.faultrun import GROUPS, OK_FIRST, VK_FIRST
    from tests.foundation.factories import register

    from gospablik.content.models import Post, Publication
    from gospablik.content.outbound import PUBLISH
    from gospablik.networks.connections import do_connect_account
    from gospablik.networks.outbound import Operation
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset

    ministry = do_setup_ministry(load_preset("kuzbass-health-335"))
    made = []
    for n in range(accounts):
        network = "vk" if n % 2 == 0 else "ok"
        url = f"https://vk.com/bench{n}" if network == "vk" else f"https://ok.ru/group/bench{n}"
        account = register(ministry, None, network=network, url=url)
        group = (VK_FIRST if network == "vk" else OK_FIRST) + (n // 2) % GROUPS
        config = {"group_id": group if network == "vk" else str(group)}
        do_connect_account(
            account, config, VK_SECRETS if network == "vk" else OK_SECRETS, actor=None
        )
        made.append(account)
    rng = random.Random(1)
    due = [minute + timedelta(seconds=rng.uniform(0, 60)) for _ in range(posts)]
    rows = Post.objects.bulk_create(
        Post(ministry=ministry, text=f"Пост {n}", status="scheduled", publish_at=due[n])
        for n in range(posts)
    )
    pubs = Publication.objects.bulk_create(
        Publication(
            post=p, account=made[n % accounts], text=p.text, status="pending", due_at=due[n]
        )
        for n, p in enumerate(rows)
    )
    connections = {a.pk: a.connection for a in made}
    Operation.objects.bulk_create(
        Operation(
            kind=PUBLISH,
            connection=connections[pub.account_id],
            payload={"publication": pub.pk},
            key=str(pub.idempotency_key),
            next_try_at=pub.due_at,
        )
        for pub in pubs
    )


class QueryCount:
    """Statements a worker sends (an execute_wrapper), for queries per operation."""

    def __init__(self) -> None:
        self.queries = 0
        self.lock = threading.Lock()

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        with self.lock:
            self.queries += 1
        return execute(sql, params, many, context)


def worker(stop: threading.Event, counts: list[int], queries: QueryCount) -> None:
    from django.db import connection

    from gospablik.networks.outbound import QueueConfig, run_once

    config = QueueConfig()
    try:
        with connection.execute_wrapper(queries):
            while not stop.is_set():
                handled = run_once(config=config).handled
                counts.append(handled)
                if not handled:
                    time.sleep(0.05)
    finally:
        connection.close()


def run(posts: int, workers: int, queries: QueryCount) -> tuple[float, float]:
    from gospablik.content.models import Publication

    stop, counts = threading.Event(), []  # type: ignore[var-annotated]
    threads = [
        threading.Thread(target=worker, args=(stop, counts, queries)) for _ in range(workers)
    ]
    started, cpu = time.monotonic(), time.process_time()
    for thread in threads:
        thread.start()
    while Publication.objects.filter(status="published").count() < posts:
        time.sleep(0.5)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    stop.set()
    for thread in threads:
        thread.join()
    return elapsed, cpu


def lags() -> list[float]:
    from gospablik.content.models import Publication

    pairs = Publication.objects.values_list("published_at", "due_at")
    return sorted((published - due).total_seconds() for published, due in pairs)


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--accounts", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url")
    parser.add_argument("--code", help="a checkout whose src/ to measure (default: this one)")
    parser.add_argument("--compare", help="a checkout to measure first, as the 'before'")
    args = parser.parse_args()
    if args.compare:
        compare(args)
        return
    if args.database_url:
        fresh_database(args.database_url)
    configure(args.database_url, args.code)
    mount_emulators()
    # a minute boundary at least 90 s away: seeding 10,000 rows must end before it
    minute = (datetime.now(UTC) + timedelta(seconds=150)).replace(second=0, microsecond=0)
    seed(args.posts, args.accounts, minute)
    wait = (minute - datetime.now(UTC)).total_seconds()
    print(
        f"{args.posts} posts due in the minute from {minute:%H:%M} UTC over {args.accounts} "
        f"accounts; dispatch starts in {wait:.0f} s with {args.workers} worker(s)"
    )
    time.sleep(max(0.0, wait))
    queries = QueryCount()
    elapsed, cpu = run(args.posts, args.workers, queries)
    values = lags()
    print(
        f"published {len(values)} in {elapsed:.1f} s from the start of the minute "
        f"({len(values) / elapsed:.0f} posts/s; CPU {cpu:.1f} s; "
        f"{queries.queries / len(values):.1f} queries per post)"
    )
    print(
        f"dispatch lag: p50 {percentile(values, 0.5):.1f} s, p99 {percentile(values, 0.99):.1f} s, "
        f"max {values[-1]:.1f} s, mean {statistics.mean(values):.1f} s"
    )
    figures = {
        "posts/s": len(values) / elapsed,
        "queries/post": queries.queries / len(values),
        "p50 lag s": percentile(values, 0.5),
        "p99 lag s": percentile(values, 0.99),
        "CPU s": cpu,
    }
    print("FIGURES " + json.dumps(figures), flush=True)


def compare(args: argparse.Namespace) -> None:
    """The same run on ``--compare``'s code, then on this checkout's; the ratios."""
    common = [sys.executable, __file__, "--posts", str(args.posts), "--accounts",
              str(args.accounts), "--workers", str(args.workers)]  # fmt: skip
    if args.database_url:
        common += ["--database-url", args.database_url]
    figures = []
    for label, extra in (("before", ["--code", args.compare]), ("after", [])):
        load = os.getloadavg()[0]
        print(f"== {label} ({args.compare if extra else ROOT}; load {load:.1f})", flush=True)
        out = subprocess.run(common + extra, check=True, capture_output=True, text=True).stdout
        print("\n".join(line for line in out.splitlines() if not line.startswith("FIGURES")))
        figures.append(json.loads(out.split("FIGURES ", 1)[1].splitlines()[0]))
    before, after = figures
    for name in before:
        ratio = after[name] / before[name] if before[name] else float("nan")
        print(f"{name}: {before[name]:.2f} -> {after[name]:.2f} (x{ratio:.2f})")


if __name__ == "__main__":
    main()
