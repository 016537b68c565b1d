"""End-to-end moderation latency: VK Callback receipt → our deletion call, at a fixed
offered rate (default 200 events/s) against the VK emulator.

Run: ``.venv/bin/python bench/moderation_e2e.py [--rate 200] [--seconds 10] [--workers 8]``.

In-process: the emulator (``gospablik.networks.vk.emulator``) delivers each Callback to
our Django app through the test client (no HTTP server), and our connector reaches the
emulator through the in-process transport — the same wiring as the end-to-end test.
A fresh SQLite database (WAL, ``BEGIN IMMEDIATE``) is made in a temporary directory;
with PostgreSQL (``DATABASE_URL``) the database part would behave differently.

Timestamps: *receipt* — the Callback request enters our app; *decision* — our code calls
``VKConnector.delete_comment``; *deletion call* — the ``wall.deleteComment`` request
reaches the emulator (after our shared rate limiter: VK allows an admin's user token
3 requests/s, and deleting needs that token, so one community can have at most ~3
deletions/s whatever we do). ``--obscene`` is the share of comments that are obscene
(auto-deleted; default 1 % = 2 deletions/s at 200/s); the rest are kept or reviewed.
Printed: offered and achieved rate, p50/p90/p99/max of receipt → decision, receipt →
deletion call and offered moment → deletion call (includes the backlog waiting to be
delivered when the app is slower than the offered rate), and how many obscene comments
were never deleted or stored twice.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parents[1]
OBSCENE = [
    "Иди нахуй, хуй тебе а не льготы",
    "да пошли вы нахуй со своей поликлиникой",
    "блядь, опять очередь, уроды",
    "сука, сколько можно ждать",
]
CLEAN = [
    "Подскажите, где получить справку для льготы?",
    "Спасибо врачам за помощь!",
    "Когда откроют новую поликлинику?",
    "Запись к терапевту через госуслуги не работает",
    "тупые чиновники",
    "Хорошая новость, ждём",
]


def setup_django(var_dir: str) -> None:
    os.environ["GOSPABLIK_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gospablik.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command
    from django.db import connection
    from django.db.backends.signals import connection_created

    def pragmas(sender: Any, connection: Any, **kwargs: Any) -> None:
        with connection.cursor() as cursor:  # WAL: readers never wait; fsync at checkpoints
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")

    connection_created.connect(pragmas)
    call_command("migrate", verbosity=0)
    connection.ensure_connection()


class Clock:
    """Receipt and deletion-call moments per VK comment id."""

    def __init__(self) -> None:
        self.receipt: dict[str, float] = {}
        self.decided: dict[str, float] = {}
        self.deleted: dict[str, float] = {}
        self.scheduled: dict[str, float] = {}  # when the offered load wanted it sent
        self.lock = threading.Lock()

    def note(self, table: dict[str, float], key: str) -> None:
        with self.lock:
            table.setdefault(key, time.perf_counter())


def wire(clock: Clock) -> tuple[Any, Any]:
    """The VK emulator sending Callbacks into our app; a connected health-ministry account."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from gospablik.networks.connections import TRANSPORT_OVERRIDES, do_connect_account
    from gospablik.networks.emulation import emulator_transport
    from gospablik.networks.vk.connector import VKConnector
    from gospablik.networks.vk.emulator import make_app
    from gospablik.orgs.models import Membership, Organization
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset
    from gospablik.registry.actions import do_register_account

    local = threading.local()

    def sender(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        event = json.loads(body)
        if event.get("type") == "wall_reply_new":
            clock.note(clock.receipt, str(event["object"]["id"]))
        if not hasattr(local, "client"):  # one handler per thread, as a server process has
            local.client = Client()
        path = url.split("testserver", 1)[-1]
        response = local.client.post(path, body, content_type="application/json")
        return response.status_code, response.content.decode()

    original = VKConnector.delete_comment

    def timed_delete(self: Any, comment: Any, *, block_author: bool = False) -> None:
        clock.note(clock.decided, comment.comment_id)
        original(self, comment, block_author=block_author)

    VKConnector.delete_comment = timed_delete  # type: ignore[method-assign]
    emulator = make_app(sender=sender)

    def arrivals(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO", "").endswith("/wall.deleteComment"):
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(body)
            comment_id = parse_qs(body.decode()).get("comment_id", [""])[0]
            clock.note(clock.deleted, comment_id)
        return emulator(environ, start_response)

    TRANSPORT_OVERRIDES["vk"] = emulator_transport(arrivals)
    ministry = do_setup_ministry(load_preset("kuzbass-health-335"))
    keeper = get_user_model().objects.create_user("bench-keeper")
    komiac = Organization.objects.get(ministry=ministry, key="komiac")
    Membership.objects.create(user=keeper, organization=komiac, role="registry_keeper")
    account = do_register_account(
        ministry,
        {"network": "vk", "url": "https://vk.com/club219000001", "title": "Бенчмарк",
         "status": "active", "responsible_org": komiac, "network_id": "219000001",
         "created_on": date(2024, 4, 26)},
        actor=keeper,
    )  # fmt: skip
    code = emulator.state.community(219000001).confirmation_code
    connection = do_connect_account(
        account,
        {"group_id": "219000001", "callback_confirmation": code},
        {"user_token": "vk-demo-user-token", "community_token": "vk-demo-community-token",
         "callback_secret": "bench-secret"},
        actor=keeper,
    )  # fmt: skip
    emulator.add_callback_server(
        219000001, f"http://testserver/hooks/vk/{connection.pk}/", "bench-secret"
    )
    return emulator, account


def run(
    emulator: Any, clock: Clock, rate: float, seconds: float, workers: int, share: float
) -> tuple[list[int], float]:
    """Offer ``rate`` comments per second for ``seconds``; return obscene ids and wall time."""
    from django.db import connections

    total = int(rate * seconds)
    obscene: list[int] = []
    lock = threading.Lock()

    every = max(1, round(1 / share))

    def post(i: int, due: float) -> None:
        bad = i % every == 0
        text = OBSCENE[i % len(OBSCENE)] if bad else CLEAN[i % len(CLEAN)]
        posted = emulator.add_comment(219000001, post_id=3, from_id=1000 + i, text=f"{text} #{i}")
        if bad:
            with lock:
                obscene.append(posted["id"])
                clock.scheduled[str(posted["id"])] = due
        connections.close_all()

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(post, i, start + i / rate)
    return obscene, time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0, help="offered Callbacks per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=8, help="concurrent Callback deliveries")
    parser.add_argument("--obscene", type=float, default=0.01, help="share of obscene comments")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gospablik-bench-") as var_dir:
        setup_django(var_dir)
        clock = Clock()
        emulator, account = wire(clock)
        from gospablik.moderation.judge import pipeline_for

        pipeline_for(account.ministry)  # load the model before the clock starts
        obscene, wall = run(emulator, clock, args.rate, args.seconds, args.workers, args.obscene)
        report(clock, obscene, wall, args)


def report(clock: Clock, obscene: list[int], wall: float, args: argparse.Namespace) -> None:
    from gospablik.moderation.models import ArchivedItem, Comment

    total = int(args.rate * args.seconds)
    stored = Comment.objects.count()
    print(f"offered: {total} Callbacks at {args.rate:.0f}/s, {args.workers} concurrent deliveries,")
    print(f"         {len(obscene)} obscene ({args.obscene:.0%}); in-process, SQLite (WAL)")
    print(f"achieved: {total / wall:.1f} Callbacks/s ({wall:.1f} s wall); stored {stored}")
    print(f"archived: {ArchivedItem.objects.count()}")
    for label, table in (
        ("receipt → decision", clock.decided),
        ("receipt → deletion call", clock.deleted),
    ):
        print(f"{label}, ms: {summary(clock.receipt, table, obscene)}")
    backlog = summary(clock.scheduled, clock.deleted, obscene)
    print(f"offered moment → deletion call (with the delivery backlog), ms: {backlog}")
    deleted = sum(1 for i in obscene if str(i) in clock.deleted)
    print(f"never deleted: {len(obscene) - deleted}; stored twice: {max(0, stored - total)}")


def summary(start: dict[str, float], end: dict[str, float], ids: list[int]) -> str:
    keys = [str(i) for i in ids if str(i) in end and str(i) in start]
    values = [(end[k] - start[k]) * 1000 for k in keys]
    if not values:
        return "none"
    return (
        f"p50 {statistics.median(values):.1f}  p90 {percentile(values, 0.9):.1f}  "
        f"p99 {percentile(values, 0.99):.1f}  max {max(values):.1f}  (n={len(values)})"
    )


if __name__ == "__main__":
    main()
