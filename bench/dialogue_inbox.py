"""«Диалоги» inbox page time with many threads (default 100,000) on PostgreSQL.

Seeds one ministry with two accounts and N resident comments with their threads (bulk
inserts: no classifier, no signals — the inbox reads only the stored rows), then times the
inbox page as a logged-in operator through Django's test client (views, queries,
templates): the first page, a keyset page deep in the list, the overdue filter, a status
filter, a text search and the thread page. Median of several runs; the query count of
each page is printed too (it must not grow with N).

    createdb -h 127.0.0.1 -U postgres gospablik_dialogue_bench  # once
    .venv/bin/python bench/dialogue_inbox.py \\
        --database-url postgres://postgres@127.0.0.1:5432/gospablik_dialogue_bench

Before and after in one run: ``--compare DIR`` seeds once with this tree's code, then
measures the same database with the code in DIR (e.g. the base commit's ``src``, from
``git archive``) and with this tree's, and prints the ratios::

    mkdir -p /tmp/before && git archive 250406c src | tar -x -C /tmp/before
    .venv/bin/python bench/dialogue_inbox.py --compare /tmp/before/src --database-url …
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gospablik_dialogue_bench"
TEXTS = [
    "Подскажите, когда откроется запись к терапевту?",
    "Третий день не вывозят мусор у поликлиники, безобразие",
    "Прошу разобраться с регистратурой",
    "Спасибо врачам за заботу!",
    "Хорошая новость",
]


def configure(database_url: str, keep: bool, code: str) -> None:
    sys.path.insert(0, code)
    os.environ["GOSPABLIK_VAR_DIR"] = tempfile.mkdtemp(prefix="gospablik-bench-")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gospablik.settings")
    os.environ.setdefault("GOSPABLIK_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    if not keep:
        call_command("flush", interactive=False, verbosity=0)


def seed(count: int) -> object:
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from tests.foundation.factories import register

    from gospablik.dialogue.classifier import classify
    from gospablik.dialogue.models import Thread
    from gospablik.moderation.models import Comment
    from gospablik.orgs.models import Membership, Organization
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset

    ministry = do_setup_ministry(load_preset("kuzbass-health-335"))
    accounts = [
        register(ministry, url=f"https://vk.com/club{n}", network_id=str(n)) for n in (1, 2)
    ]
    user = get_user_model().objects.create_user("operator", "op@example.org", "bench-password")
    org = Organization.objects.get(ministry=ministry, key="komiac")
    Membership.objects.create(user=user, organization=org, role="editor")
    verdicts = [classify(t) for t in TEXTS]
    now, batch = timezone.now(), 5000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        comments = [
            Comment(ministry=ministry, account=accounts[i % 2], network="vk",
                    network_comment_id=str(start + i), post_id=str((start + i) // 50),
                    author_id=str((start + i) % 7919), author_name=f"Житель {(start + i) % 7919}",
                    text=f"{TEXTS[(start + i) % 5]} ({start + i})", status="kept",
                    received_at=now - timedelta(minutes=start + i))
            for i in range(size)
        ]  # fmt: skip
        Comment.objects.bulk_create(comments, batch_size=batch)
        threads = []
        for c in comments:
            verdict = verdicts[int(c.network_comment_id) % 5]
            answered = int(c.network_comment_id) % 3 == 0
            threads.append(Thread(
                ministry=ministry, account=c.account, network="vk", kind="comment", comment=c,
                post_id=c.post_id, author_id=c.author_id, received_at=c.received_at,
                category=verdict.kind, machine_category=verdict.kind, score=verdict.score,
                needs_answer=verdict.needs_answer,
                status="answered" if answered and verdict.needs_answer else "new",
                due_at=c.received_at + timedelta(days=1) if verdict.needs_answer else None,
            ))  # fmt: skip
        Thread.objects.bulk_create(threads, batch_size=batch)
        print(f"  seeded {start + size:,}", end="\r", flush=True)
    print()
    return user


def analyze() -> None:
    """What autovacuum does after a bulk load: statistics and the visibility map."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("dialogue_thread", "moderation_comment"):
                cursor.execute(f"VACUUM ANALYZE {table}")


def timed(client: object, url: str, runs: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, status = [], 0, 0
    client.get(url)  # type: ignore[attr-defined]  # warm caches (templates, policy)
    for _ in range(runs):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
        queries, status = len(captured), response.status_code
    return statistics.median(times), queries, status


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--threads", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="reuse the threads seeded before")
    parser.add_argument("--code", default=str(ROOT / "src"), help="the code to measure")
    parser.add_argument("--compare", metavar="DIR", help="measure DIR's code, then this one's")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--search-queries", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def child(args: argparse.Namespace, code: str, *extra: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--database-url", args.database_url, "--threads",
               str(args.threads), "--runs", str(args.runs), "--code", code, *extra]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": code}
    done = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if "--json" in extra else {}


def compare(args: argparse.Namespace) -> None:
    """Seed once (this tree's code and migrations), then the same pages with both codes,
    alternating three times (neither side gets the warmer cache or the quieter minute);
    each page's figure is the best of its side's three medians. The search's two queries
    are then timed interleaved in one process too (the pages are noisy on a shared box)."""
    own = str(ROOT / "src")
    if not args.keep:
        child(args, own, "--seed-only")
    runs = [(side, child(args, code, "--keep", "--json"))
            for side, code in (("before", args.compare), ("after", own)) * 3]  # fmt: skip
    best = {side: {label: min(r[label] for s, r in runs if s == side) for label in runs[0][1]}
            for side in ("before", "after")}  # fmt: skip
    print(f"{args.threads:,} threads; median of {args.runs}; the machine is shared, so the")
    print("absolute times are inflated; the ratio is what compares.")
    print(f"{'page':40} {'before ms':>10} {'after ms':>10} {'ratio':>7}")
    for label, ms in best["before"].items():
        after = best["after"][label]
        print(f"{label:40} {ms:10.1f} {after:10.1f} {ms / after:6.1f}x")
    subprocess.run(
        [sys.executable, __file__, "--database-url", args.database_url, "--code", own,
         "--keep", "--search-queries", "--runs", str(args.runs)],
        env={**os.environ, "PYTHONPATH": own}, check=True,
    )  # fmt: skip


def search_queries(runs: int, words: list[str]) -> None:
    """The inbox search's first page of ids, as a full scan (an OR over the two joined
    text tables, the code before the trigram indexes) and as this code's subqueries,
    interleaved run by run in this one process."""
    from django.db.models import Q

    from gospablik.dialogue.models import Thread
    from gospablik.dialogue.search import matching

    def scan(q: str) -> Q:
        return Q(comment__text__icontains=q) | Q(message__text__icontains=q)

    print(f"{'search query (first 51 ids)':40} {'scan ms':>10} {'trigram ms':>10} {'ratio':>7}")
    for word in words:
        times: dict[str, list[float]] = {"scan": [], "trigram": []}
        for _ in range(runs):
            for name, where in (("scan", scan), ("trigram", matching)):
                qs = Thread.objects.filter(where(word)).order_by("-received_at", "-id")
                started = time.perf_counter()
                list(qs.values_list("pk", flat=True)[:51])
                times[name].append((time.perf_counter() - started) * 1000)
        before, after = (statistics.median(times[k]) for k in ("scan", "trigram"))
        print(f"{'«' + word + '»':40} {before:10.1f} {after:10.1f} {before / after:6.1f}x")


def main() -> None:
    args = arguments()
    if args.compare:
        compare(args)
        return
    configure(args.database_url, args.keep, args.code)
    from django.conf import settings
    from django.test import Client

    from gospablik.dialogue.models import Thread

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    started = time.perf_counter()
    if args.keep and Thread.objects.exists():
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username="operator")
    else:
        user = seed(args.threads)
        print(f"seeded {args.threads:,} threads in {time.perf_counter() - started:.0f} s")
        analyze()
    if args.seed_only:
        return
    if args.search_queries:
        search_queries(args.runs, ["регистратурой", str(args.threads // 3 + 7)])
        return
    if not args.json:
        print(f"threads in the database: {Thread.objects.count():,}")
    client = Client()
    client.force_login(user)
    base = "/kuzbass-health-335/dialogue/"
    deep = Thread.objects.order_by("-received_at", "-id")[args.threads // 2]
    cursor = f"{deep.received_at.isoformat()}|{deep.pk}"
    pages = {
        "inbox, first page (open)": base,
        "inbox, all statuses": f"{base}?status=all",
        "inbox, keyset page in the middle": f"{base}?status=all&after={cursor}",
        "inbox, overdue": f"{base}?overdue=1",
        "inbox, complaints": f"{base}?category=complaint",
        "inbox, search «регистратурой»": f"{base}?q=регистратурой&status=all",
        "inbox, search a rare word": f"{base}?q={args.threads // 3 + 7}&status=all",
        "thread page": f"{base}threads/{deep.pk}/",
        "API threads, first page": "/api/m/kuzbass-health-335/dialogue/threads/",
    }
    figures = {label: timed(client, url, args.runs) for label, url in pages.items()}
    if args.json:
        print(json.dumps({label: ms for label, (ms, _, _) in figures.items()}))
        return
    print(f"{'page':40} {'median ms':>10} {'queries':>8} {'status':>7}")
    for label, (ms, queries, status) in figures.items():
        print(f"{label:40} {ms:10.1f} {queries:8d} {status:7d}")


if __name__ == "__main__":
    main()
