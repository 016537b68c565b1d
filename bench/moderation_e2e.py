"""End-to-end moderation latency: VK Callback → our deletion call, at a fixed offered rate
(default 200 events/s) against the VK emulator, as a deployment runs it.

Run: ``.venv/bin/python bench/moderation_e2e.py [--rate 200] [--seconds 10]
[--processes 2 --threads 8] [--database-url postgres://postgres@127.0.0.1:5432/gospablik_bench
[--prepared-statements]] [--redis-url redis://127.0.0.1:6379/13]``.

What runs: this process plays VK — the emulator serves its API over HTTP on 127.0.0.1
and ``--deliveries`` threads post each new comment's Callback to our app. Our app runs
under gunicorn (``--processes`` × ``--threads``, gthread; ``--processes 0`` calls it
in-process through Django's test client instead), with a Celery worker for deletions
deferred when the rate limiter is saturated. Redis (``--redis-url``) carries the shared
rate limiter and the Celery queue; without it the limiter is per process and the queue a
filesystem broker. The database is a fresh SQLite file, or ``--database-url``: that
database is created (dropped first if it exists) and dropped at the end.

Moments (one monotonic clock for all processes): *sent* — VK sends the Callback
(includes queueing in front of our server); *answered* — VK has our "ok"; *decision* —
our code calls ``VKConnector.delete_comment`` (in the request or the Celery worker);
*deletion call* — ``wall.deleteComment`` reaches the emulator, after the shared limiter
(VK allows an admin's user token 3 requests/s and deleting needs that token). Printed:
what it ran on, offered and achieved rate, the Callback answer time of all events,
p50/p90/p99/max of sent → decision, sent → deletion call and offered moment → deletion
call (includes the backlog when the app is slower than the offered rate), how many
deletions ran in the request or in the worker, never deleted and stored twice, and
whether the audit chain verifies.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
GROUP = 219000001
USER_TOKEN = "vk-demo-user-token"  # noqa: S105 — the emulator's demo token
SECRET = "bench-secret"  # noqa: S105 — a throwaway Callback secret
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


# --- inside our app's processes (gunicorn workers, the Celery worker) -----------------


def time_decisions(role: str) -> None:
    """Note (comment id, moment) each time our code calls the deletion, in this process's
    own file under $BENCH_DIR."""
    from gospablik.networks.vk.connector import VKConnector

    out = open(Path(os.environ["BENCH_DIR"]) / f"decided.{role}.{os.getpid()}", "a")  # noqa: SIM115
    lock, original = threading.Lock(), VKConnector.delete_comment

    def timed(self: Any, comment: Any, *, block_author: bool = False) -> None:
        with lock:
            out.write(f"{comment.comment_id} {time.monotonic()}\n")
            out.flush()
        original(self, comment, block_author=block_author)

    VKConnector.delete_comment = timed  # type: ignore[method-assign]


def warm_up() -> None:
    """Load what a long-running process has loaded before the clock starts: the
    classifier, the URL configuration, the production calendar, the rate limiter."""
    from django.db import connections
    from django.urls import get_resolver
    from django.utils import timezone

    from gospablik.moderation.judge import pipeline_for
    from gospablik.networks.connections import shared_limiter
    from gospablik.orgs.models import Ministry

    get_resolver().url_patterns  # noqa: B018 — imports every app's views
    shared_limiter()
    for ministry in Ministry.objects.all():
        policy = pipeline_for(ministry)[1]
        policy.due_at(timezone.now(), policy.moderation.review_sla)
    connections.close_all()


def worker_app() -> Any:
    """For gunicorn: ``'moderation_e2e:worker_app()'``."""
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    time_decisions("web")
    warm_up()
    return app


def celery_worker() -> None:
    import django

    django.setup()
    time_decisions("worker")
    from gospablik.celery import app

    app.worker_main(["worker", "-P", "threads", "-c", "4", "-l", "WARNING", "--without-heartbeat",
                     "--without-gossip", "--without-mingle"])  # fmt: skip


# --- this process: VK -----------------------------------------------------------------


class Clock:
    """Moments per VK comment id."""

    def __init__(self) -> None:
        self.sent: dict[str, float] = {}
        self.answered: dict[str, float] = {}
        self.deleted: dict[str, float] = {}
        self.scheduled: dict[str, float] = {}  # when the offered load wanted it sent
        self.replies: dict[str, int] = {}
        self.lock = threading.Lock()

    def note(self, table: dict[str, float], key: str) -> None:
        with self.lock:
            table.setdefault(key, time.monotonic())


def environment(args: argparse.Namespace, var_dir: str) -> dict[str, str]:
    env = {
        "GOSPABLIK_VAR_DIR": var_dir,
        "BENCH_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "gospablik.settings",
        "GOSPABLIK_DB_CONN_MAX_AGE": "600",  # persistent connections, as a deployment sets
        "GOSPABLIK_NETWORK_ALLOW_HOSTS": "127.0.0.1",
        "GOSPABLIK_LOG_LEVEL": "WARNING",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.prepared_statements:
        env["GOSPABLIK_DB_PREPARED_STATEMENTS"] = "1"
    if args.redis_url:
        env["GOSPABLIK_REDIS_URL"] = args.redis_url
        env["CELERY_BROKER_URL"] = args.redis_url
    return env


@contextmanager
def database(url: str | None) -> Iterator[None]:
    """A PostgreSQL database of our own for the run (SQLite: a file in the var dir)."""
    if not url:
        yield
        return
    from publish import drop_database, fresh_database

    fresh_database(url)
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(url)


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def emulator_server(clock: Clock) -> tuple[Any, str]:
    """The VK emulator on 127.0.0.1; notes when each deletion call arrives."""
    import io

    from gospablik_emulators.server import serve_in_thread
    from gospablik_emulators.vk.emulator import make_app

    emulator = make_app()

    def arrivals(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO", "").endswith("/wall.deleteComment"):
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(body)
            comment_id = parse_qs(body.decode()).get("comment_id", [""])[0]
            clock.note(clock.deleted, comment_id)
        return emulator(environ, start_response)

    port = free_port()
    server = serve_in_thread("vk", port, app=arrivals)
    server.emulator = emulator  # type: ignore[attr-defined]
    return server, f"http://127.0.0.1:{port}/method/"


def connect_account(api_base: str) -> Any:
    """The health ministry's VK community, registered and connected to the emulator."""
    from django.contrib.auth import get_user_model

    from gospablik.networks.connections import do_connect_account
    from gospablik.orgs.models import Membership, Organization
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset
    from gospablik.registry.actions import do_register_account

    ministry = do_setup_ministry(load_preset("kuzbass-health-335"))
    keeper = get_user_model().objects.create_user("bench-keeper")
    komiac = Organization.objects.get(ministry=ministry, key="komiac")
    Membership.objects.create(user=keeper, organization=komiac, role="registry_keeper")
    account = do_register_account(
        ministry,
        {"network": "vk", "url": f"https://vk.com/club{GROUP}", "title": "Бенчмарк",
         "status": "active", "responsible_org": komiac, "network_id": str(GROUP),
         "created_on": date(2024, 4, 26)},
        actor=keeper,
    )  # fmt: skip
    return do_connect_account(
        account,
        {"group_id": str(GROUP), "callback_confirmation": "bench-code", "api_base": api_base},
        {"user_token": USER_TOKEN, "community_token": "vk-demo-community-token",
         "callback_secret": SECRET},
        actor=keeper,
    )  # fmt: skip


def sender(clock: Clock, base: str | None) -> Any:
    """VK posting a Callback: over HTTP to ``base`` (gunicorn), or through the test client.
    Events the emulator emits while serving our API calls (the echo of a deletion) go
    from a thread of their own, as VK does not hold our API call for them."""
    import json

    local = threading.local()

    def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        event = json.loads(body)
        key = str(event.get("object", {}).get("id")) if event["type"] == "wall_reply_new" else ""
        if key:
            clock.note(clock.sent, key)
        if not hasattr(local, "client"):
            local.client = client_for(base)
        response = local.client.post(urlsplit(url).path, content=body, headers=headers)
        if key:
            clock.note(clock.answered, key)
            clock.replies[key] = response.status_code if response.text == "ok" else -1
        return response.status_code, response.text

    def send(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        if threading.current_thread().name.startswith("bench-vk"):
            return post(url, body, headers)
        threading.Thread(target=post, args=(url, body, headers), daemon=True).start()
        return 200, "ok"

    return send


def client_for(base: str | None) -> Any:
    if base:
        return Poster(base)
    import httpx
    from django.core.wsgi import get_wsgi_application

    transport = httpx.WSGITransport(app=get_wsgi_application())
    return httpx.Client(base_url="http://testserver", transport=transport, timeout=30.0)


class Poster:
    """VK's side of a delivery thread: one keep-alive HTTP connection. http.client costs
    a fraction of httpx's CPU, which this load generator shares with the app it loads."""

    class Reply:
        def __init__(self, status_code: int, text: str) -> None:
            self.status_code, self.text = status_code, text

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.connection: http.client.HTTPConnection | None = None

    def post(self, path: str, content: bytes, headers: dict[str, str]) -> Poster.Reply:
        for attempt in (1, 2):  # the server may have closed an idle keep-alive connection
            try:
                return self._post(path, content, headers)
            except (http.client.HTTPException, ConnectionError):
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _post(self, path: str, content: bytes, headers: dict[str, str]) -> Poster.Reply:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30.0)
        self.connection.request("POST", path, content, headers)
        response = self.connection.getresponse()
        return Poster.Reply(response.status, response.read().decode())


@contextmanager
def processes(
    args: argparse.Namespace, env: dict[str, str]
) -> Iterator[tuple[str | None, dict[str, int]]]:
    """gunicorn (unless in-process) and the Celery worker; yields our app's base URL and
    the pids of what it started."""
    started: list[subprocess.Popen[bytes]] = []
    full_env = os.environ | env
    log = open(Path(env["BENCH_DIR"]) / "processes.log", "ab")  # noqa: SIM115
    python = sys.executable
    started.append(subprocess.Popen([python, __file__, "--celery-worker"], env=full_env,
                                    stdout=log, stderr=log))  # fmt: skip
    base = None
    if args.processes:
        port = free_port()
        gunicorn = str(Path(python).with_name("gunicorn"))
        started.append(subprocess.Popen(
            [gunicorn, "moderation_e2e:worker_app()", "--chdir", str(ROOT / "bench"),
             "-k", "gthread", "-w", str(args.processes), "--threads", str(args.threads),
             "-b", f"127.0.0.1:{port}", "--backlog", "2048", "--log-level", "warning"],
            env=full_env, stdout=log, stderr=log))  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, args.processes)
    time.sleep(3.0)  # the Celery worker connects to its broker
    pids = {"celery": started[0].pid} | ({"gunicorn": started[1].pid} if base else {})
    try:
        yield base, pids
    finally:
        for proc in started:
            proc.send_signal(signal.SIGTERM)
        for proc in started:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def wait_until_up(base: str, workers: int, seconds: float = 90.0) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/login/", timeout=5.0).status_code < 500:
                time.sleep(2.0 * workers)  # every worker has loaded the classifier
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not start: see processes.log in the bench directory")


def offer(emulator: Any, clock: Clock, args: argparse.Namespace) -> tuple[list[int], float]:
    """Offer ``rate`` comments per second for ``seconds``; return obscene ids, wall time."""
    total = int(args.rate * args.seconds)
    obscene: list[int] = []
    every = max(1, round(1 / args.obscene)) if args.obscene > 0 else total + 1

    def post(i: int, due: float) -> None:
        bad = i % every == 0
        text = OBSCENE[i % len(OBSCENE)] if bad else CLEAN[i % len(CLEAN)]
        posted = emulator.add_comment(GROUP, post_id=3, from_id=1000 + i, text=f"{text} #{i}")
        with clock.lock:
            clock.scheduled[str(posted["id"])] = due
            if bad:
                obscene.append(posted["id"])

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.deliveries, thread_name_prefix="bench-vk") as pool:
        for i in range(total):
            delay = start + i / args.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(post, i, start + i / args.rate)
    return obscene, time.monotonic() - start


class CPU:
    """CPU seconds of each side of the run, from /proc (Linux). Processes that appear
    during the run (database backends) count whole."""

    def __init__(self, find: Any) -> None:
        self.find = find
        self.start = self.read(find())

    @staticmethod
    def read(pids: dict[str, list[int]]) -> dict[tuple[str, int], float]:
        tick = os.sysconf("SC_CLK_TCK")
        used: dict[tuple[str, int], float] = {}
        for role, found in pids.items():
            for pid in found:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                used[(role, pid)] = (int(fields[11]) + int(fields[12])) / tick
        return used

    def per_event(self, events: int) -> dict[str, float]:
        pids = self.find()
        end = self.read(pids)
        per_role = dict.fromkeys(pids, 0.0)
        for (role, pid), seconds in end.items():
            per_role[role] += seconds - self.start.get((role, pid), 0.0)
        return {role: used * 1000 / max(events, 1) for role, used in per_role.items()}


def our_pids(started: dict[str, int]) -> dict[str, list[int]]:
    """This process (VK), gunicorn's workers (or this process), Celery, the database."""
    from django.db import connection

    pids: dict[str, list[int]] = {"VK side": [os.getpid()]}
    if "gunicorn" in started:
        master = started["gunicorn"]
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        pids["app"] = [int(p) for p in children]
    pids["Celery"] = [started["celery"]]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid()"
            )
            pids["PostgreSQL"] = [row[0] for row in cursor.fetchall()]
    return pids


def wait_for_deletions(clock: Clock, obscene: list[int], seconds: float) -> None:
    """Deferred deletions go at 3/s: give them their time, bounded."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(str(i) not in clock.deleted for i in obscene):
        time.sleep(0.2)
    time.sleep(1.0)  # their decision files are written before the call arrives


def decisions(var_dir: str) -> dict[str, tuple[str, float]]:
    """comment id -> (where the deletion was sent from: web | worker, the first moment our
    code decided). A deferred deletion is decided in the request, which calls the
    connector and finds the limiter busy, and sent by the worker, which calls it again."""
    calls: dict[str, list[tuple[float, str]]] = {}
    for path in Path(var_dir).glob("decided.*"):
        role = path.name.split(".")[1]
        for line in path.read_text().splitlines():
            key, moment = line.split()
            calls.setdefault(key, []).append((float(moment), role))
    return {key: (max(found)[1], min(found)[0]) for key, found in calls.items()}


def main() -> None:
    args = parse_args()
    if args.celery_worker:
        celery_worker()
        return
    with tempfile.TemporaryDirectory(prefix="gospablik-bench-") as var_dir:
        env = environment(args, var_dir)
        os.environ.update(env)
        with database(args.database_url):
            setup_django()
            purge_queue()
            clock = Clock()
            server, api_base = emulator_server(clock)
            connection = connect_account(api_base)
            if args.processes == 0:
                time_decisions("web")
                warm_up()
            with processes(args, env) as (base, started):
                emulator = server.emulator
                emulator.push.sender = sender(clock, base)
                emulator.add_callback_server(GROUP, f"/hooks/vk/{connection.pk}/", SECRET,
                                             confirm=False).status = "ok"  # fmt: skip
                load, cpu = os.getloadavg(), CPU(lambda: our_pids(started))
                obscene, wall = offer(emulator, clock, args)
                wait_for_deletions(clock, obscene, 10.0 + len(obscene) / 3.0)
                used = cpu.per_event(int(args.rate * args.seconds))
                report(clock, obscene, wall, args, load, decisions(var_dir))
                print_cpu(used, args)
            server.shutdown()


def purge_queue() -> None:
    from gospablik.celery import app

    try:
        app.control.purge()
    except Exception as error:  # noqa: BLE001 — a fresh filesystem broker has no queue yet
        print(f"(queue not purged: {error!r})")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0, help="offered Callbacks per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--deliveries", "--workers", type=int, default=16,
                        help="concurrent Callback deliveries (VK's side)")  # fmt: skip
    parser.add_argument("--obscene", type=float, default=0.01, help="share of obscene comments")
    parser.add_argument("--processes", type=int, default=2, help="gunicorn workers; 0: in-process")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    parser.add_argument("--database-url", default="", help="PostgreSQL (created and dropped)")
    parser.add_argument("--prepared-statements", action="store_true",
                        help="PostgreSQL: GOSPABLIK_DB_PREPARED_STATEMENTS=1")  # fmt: skip
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13",
                        help="rate limiter and Celery broker; '' for neither")  # fmt: skip
    parser.add_argument("--celery-worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- the report -----------------------------------------------------------------------


def ran_on(args: argparse.Namespace) -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.cursor().connection.info.server_version
        db = f"PostgreSQL {version // 10000}.{version % 10000}"
        db += ", prepared statements" if args.prepared_statements else ""
    else:
        import sqlite3

        db = f"SQLite {sqlite3.sqlite_version} (WAL)"
    app = (
        f"gunicorn {args.processes} processes × {args.threads} threads (gthread)"
        if args.processes
        else "in-process (Django test client)"
    )
    queue = "Redis limiter + Redis broker" if args.redis_url else "per-process limiter, fs broker"
    return f"{db}; {app}; {queue}; {os.cpu_count()} CPUs, Python {platform.python_version()}"


def report(
    clock: Clock,
    obscene: list[int],
    wall: float,
    args: argparse.Namespace,
    load: tuple[float, float, float],
    decided: dict[str, tuple[str, float]],
) -> None:
    from django.db.models import Count

    from gospablik.audit.log import verify
    from gospablik.moderation.models import ArchivedItem, Comment

    total = int(args.rate * args.seconds)
    stored = Comment.objects.count()
    twice = Comment.objects.values("network_comment_id").annotate(n=Count("id")).filter(n__gt=1)
    archived_twice = ArchivedItem.objects.values("comment").annotate(n=Count("id")).filter(n__gt=1)
    answered = [k for k in clock.sent if k in clock.answered]
    not_ok = sum(1 for k in answered if clock.replies.get(k) != 200)
    print(f"ran on: {ran_on(args)}")
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")  # fmt: skip
    print(f"offered: {total} Callbacks at {args.rate:.0f}/s, {args.deliveries} concurrent "
          f"deliveries, {len(obscene)} obscene ({args.obscene:.0%})")  # fmt: skip
    print(f"achieved: {len(answered) / wall:.1f} Callbacks/s answered ({wall:.1f} s wall); "
          f"stored {stored}, archived {ArchivedItem.objects.count()}")  # fmt: skip
    print(f"Callback answer (sent → ok), all events, ms: "
          f"{summary(clock.sent, clock.answered, answered)}; not ok: {not_ok}")  # fmt: skip
    moments = {k: v[1] for k, v in decided.items()}
    ids = [str(i) for i in obscene]
    print(f"sent → decision, ms: {summary(clock.sent, moments, ids)}")
    print(f"sent → deletion call, ms: {summary(clock.sent, clock.deleted, ids)}")
    backlog = summary(clock.scheduled, clock.deleted, ids)
    print(f"offered moment → deletion call (with the delivery backlog), ms: {backlog}")
    where = [decided[k][0] for k in ids if k in decided]
    print(f"deletions sent from the request: {where.count('web')}, "
          f"deferred to the Celery worker: {where.count('worker')}")  # fmt: skip
    never = sum(1 for k in ids if k not in clock.deleted)
    print(f"never deleted: {never}; stored twice: {twice.count()}; "
          f"archived twice: {archived_twice.count()}")  # fmt: skip
    checked = verify()
    print(f"audit chain: {'ok' if checked.ok else checked.problem} ({checked.checked} entries)")


def print_cpu(used: dict[str, float], args: argparse.Namespace) -> None:
    parts = ", ".join(f"{role} {ms:.2f}" for role, ms in used.items())
    ours = sum(ms for role, ms in used.items() if role != "VK side")
    if args.processes == 0:  # our app ran inside this process
        parts += " (the app runs in the VK side's process)"
    print(f"CPU per Callback, ms: {parts}")
    if args.processes:
        print(f"  ours (app + Celery + database): {ours:.2f} ms → 2 dedicated cores would "
              f"carry ≈ {2000 / max(ours, 0.01):.0f} Callbacks/s")  # fmt: skip


def summary(start: dict[str, float], end: dict[str, float], ids: list[str]) -> str:
    values = [(end[k] - start[k]) * 1000 for k in ids if k in end and k in start]
    if not values:
        return "none"
    return (
        f"p50 {statistics.median(values):.1f}  p90 {percentile(values, 0.9):.1f}  "
        f"p99 {percentile(values, 0.99):.1f}  max {max(values):.1f}  (n={len(values)})"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


if __name__ == "__main__":
    main()
