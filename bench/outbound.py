"""Throughput and lag of the outbound queue: 10,000 mixed operations due within one minute.

A quarter each: publications (VK and OK), comment deletions, bans and private answers,
on 20 accounts; the emulators run in-process without rate limits (what is measured is the
queue's claim / attempt / record machinery and its outcome handlers, not the networks'
quotas). The queue runs as ``--workers`` threads looping ``run_once``, each with its own
database connection. Lag = when the outcome was recorded minus when the operation was due.
Prints, per worker count, operations/s (from the first due moment to the last outcome),
p50/p99/max lag and CPU time.

    .venv/bin/python bench/outbound.py [--ops 10000] [--workers 1,2,4] [--window 60]
        [--database-url postgres://postgres@127.0.0.1:5432/gospablik_bench_outbound]

Each worker count runs in its own process on a fresh database (PostgreSQL: created and
dropped; default: a SQLite file, WAL).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from publish import configure, fresh_database  # the database and settings of publish.py

ACCOUNTS = 20
VK_GROUP, POST = 219000001, 3


def mount_emulators() -> Any:
    """VK (the demo community) and OK (the fault-test groups) in-process."""
    from django.conf import settings
    from tests.content.faultrun import fault_seeds

    from gospablik.networks.connections import refresh_connector_settings
    from gospablik.networks.http import TRANSPORT_OVERRIDES
    from gospablik_emulators.emulation import emulator_transport
    from gospablik_emulators.ok.emulator import make_app as make_ok
    from gospablik_emulators.vk.emulator import make_app as make_vk

    _vk_seed, ok_seed = fault_seeds()
    vk = make_vk()  # the demo community with its posts: comments to delete, writers
    TRANSPORT_OVERRIDES["vk"] = emulator_transport(vk)
    TRANSPORT_OVERRIDES["ok"] = emulator_transport(make_ok(ok_seed))
    settings.NETWORK_RATE_LIMIT = False
    refresh_connector_settings()
    return vk


def seed(ops: int, start: datetime, window: float, vk: Any) -> None:
    """Accounts, then ops/4 of each kind with due moments spread over the window."""
    from tests.conftest import VK_COMMUNITY_TOKEN, VK_USER_TOKEN
    from tests.content.conftest import OK_SECRETS
    from tests.content.faultrun import GROUPS, OK_FIRST
    from tests.foundation.factories import register

    from gospablik.networks.connections import do_connect_account
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset

    ministry = do_setup_ministry(load_preset("kuzbass-health-335"))
    vk_secrets = {"user_token": VK_USER_TOKEN, "community_token": VK_COMMUNITY_TOKEN}
    accounts = []
    for n in range(ACCOUNTS):
        if n % 2 == 0:
            account = register(ministry, None, network="vk", url=f"https://vk.com/bench{n}")
            do_connect_account(account, {"group_id": str(VK_GROUP)}, vk_secrets, actor=None)
        else:
            account = register(ministry, None, network="ok", url=f"https://ok.ru/group/b{n}")
            group = str(OK_FIRST + (n // 2) % GROUPS)
            do_connect_account(account, {"group_id": group}, OK_SECRETS, actor=None)
        accounts.append(account)
    rng = random.Random(1)
    due = sorted(start + timedelta(seconds=rng.uniform(0, window)) for _ in range(ops))
    rng.shuffle(due)
    quarter = ops // 4
    from django.db import transaction

    with transaction.atomic():
        _publications(ministry, accounts, due[:quarter])
        vk_accounts = [a for a in accounts if a.network == "vk"]
        _moderation(ministry, vk_accounts, due[quarter:], vk, quarter)


def _publications(ministry: Any, accounts: list[Any], due: list[datetime]) -> None:
    from gospablik.content.models import Post, Publication
    from gospablik.content.outbound import PUBLISH
    from gospablik.networks.outbound import Operation

    posts = Post.objects.bulk_create(
        Post(ministry=ministry, text=f"Пост {n}", status="scheduled", publish_at=at)
        for n, at in enumerate(due)
    )
    pubs = Publication.objects.bulk_create(
        Publication(post=p, account=accounts[n % len(accounts)], text=p.text, status="pending",
                    due_at=p.publish_at)
        for n, p in enumerate(posts)
    )  # fmt: skip
    connections = {a.pk: a.connection for a in accounts}
    Operation.objects.bulk_create(
        Operation(kind=PUBLISH, connection=connections[p.account_id], key=str(p.idempotency_key),
                  payload={"publication": p.pk}, next_try_at=p.due_at)
        for p in pubs
    )  # fmt: skip


def _moderation(
    ministry: Any, accounts: list[Any], due: list[datetime], vk: Any, quarter: int
) -> None:
    from gospablik.moderation.bans import BAN
    from gospablik.moderation.inbox import ANSWER
    from gospablik.moderation.models import ArchivedItem, Comment, Message, Offender, Sanction
    from gospablik.moderation.network import DELETE
    from gospablik.networks.outbound import Operation

    now, ops = due[0], []
    pick = [accounts[n % len(accounts)] for n in range(len(due))]
    common = {"ministry": ministry, "network": "vk"}
    posted = [vk.add_comment(VK_GROUP, post_id=POST, from_id=50000 + n, text=f"удалить {n}")
              for n in range(quarter)]  # fmt: skip
    comments = Comment.objects.bulk_create(
        Comment(**common, account=pick[n], network_comment_id=str(c["id"]), post_id=str(POST),
                author_id=str(c["from_id"]), text=c["text"], status="deleted")
        for n, c in enumerate(posted)
    )  # fmt: skip
    archives = ArchivedItem.objects.bulk_create(
        ArchivedItem(comment=c, ministry=ministry, account=c.account,
                     network_comment_id=c.network_comment_id, post_id=c.post_id,
                     author_id=c.author_id, text=c.text, decided_by_repr="бенчмарк",
                     reason="бенчмарк", decided_at=now, network_next_try_at=now)
        for c in comments
    )  # fmt: skip
    ops += [(DELETE, a.account, {"archive": a.pk}, f"archive:{a.pk}") for a in archives]
    offenders = Offender.objects.bulk_create(
        Offender(**common, author_id=str(70000 + n)) for n in range(quarter)
    )
    sanctions = Sanction.objects.bulk_create(
        Sanction(offender=o, step=1, action="ban", days=1, until=now + timedelta(days=1),
                 category="obscenity", reason="бенчмарк", decided_by_repr="бенчмарк")
        for o in offenders
    )  # fmt: skip
    ops += [(BAN, pick[n], {"sanction": s.pk, "account": pick[n].pk}, f"sanction:{s.pk}")
            for n, s in enumerate(sanctions)]  # fmt: skip
    for n in range(quarter):
        vk.send_message(VK_GROUP, from_id=90000 + n, text="Вопрос")
    messages = Message.objects.bulk_create(
        Message(**common, account=pick[n], network_message_id=f"m{n}", author_id=str(90000 + n),
                text="Вопрос", answer_text=f"Ответ {n}", answered_at=now, status="answered")
        for n in range(quarter)
    )  # fmt: skip
    ops += [(ANSWER, m.account, {"message": m.pk, "actor": None}, f"answer-{m.pk}")
            for m in messages]  # fmt: skip
    Operation.objects.bulk_create(
        Operation(kind=kind, connection=account.connection, key=key, payload=payload,
                  next_try_at=due[n])
        for n, (kind, account, payload, key) in enumerate(ops)
    )  # fmt: skip


def worker(stop: threading.Event) -> None:
    from django.db import connection

    from gospablik.networks.outbound import QueueConfig, run_once

    config = QueueConfig(batch=20)
    try:
        while not stop.is_set():
            if not run_once(config=config).handled:
                time.sleep(0.05)
    finally:
        connection.close()


def run(ops: int, workers: int) -> tuple[float, float]:
    from gospablik.networks.outbound import Operation

    stop = threading.Event()
    threads = [threading.Thread(target=worker, args=(stop,)) for _ in range(workers)]
    started, cpu = time.monotonic(), time.process_time()
    for thread in threads:
        thread.start()
    while Operation.objects.filter(finished_at__isnull=False).count() < ops:
        time.sleep(0.5)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    stop.set()
    for thread in threads:
        thread.join()
    return elapsed, cpu


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))]


def one_run(args: argparse.Namespace, workers: int) -> None:
    configure(args.database_url)
    from django.db.models import Count

    from gospablik.networks.outbound import Operation

    vk = mount_emulators()
    start = datetime.now().astimezone() + timedelta(seconds=args.lead)
    seed(args.ops, start, args.window, vk)
    wait = (start - datetime.now().astimezone()).total_seconds()
    total = Operation.objects.count()
    time.sleep(max(0.0, wait))
    elapsed, cpu = run(total, workers)
    rows = Operation.objects.values_list("finished_at", "next_try_at")
    lags = sorted((done - due).total_seconds() for done, due in rows)
    states = dict(Operation.objects.values_list("state").annotate(n=Count("pk")))
    print(
        f"{workers} worker(s): {total} operations due over {args.window:.0f} s finished in "
        f"{elapsed:.1f} s ({total / elapsed:.0f} ops/s; CPU {cpu:.1f} s); "
        f"lag p50 {percentile(lags, 0.5):.1f} s, p99 {percentile(lags, 0.99):.1f} s, "
        f"max {lags[-1]:.1f} s; states {states}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--workers", default="1,2,4", help="worker counts, one run each")
    parser.add_argument("--window", type=float, default=60.0, help="due moments spread, s")
    parser.add_argument("--lead", type=float, default=5.0, help="seconds before the first due")
    parser.add_argument("--database-url")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        one_run(args, args.one)
        return
    print(f"{args.ops} mixed operations (publish, delete comment, ban, answer) per run")
    for count in [int(n) for n in args.workers.split(",")]:
        if args.database_url:
            fresh_database(args.database_url)
        command = [sys.executable, __file__, "--one", str(count), "--ops", str(args.ops),
                   "--window", str(args.window), "--lead", str(args.lead)]  # fmt: skip
        if args.database_url:
            command += ["--database-url", args.database_url]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
