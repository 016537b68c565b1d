"""Seeding the database of the fault-injection test (run in its own process).

``python -m tests.content.faultrun PREFIX N VK_URL OK_URL`` migrates the database named by
DATABASE_URL and schedules N text posts, due now, in turn to the VK communities and OK groups
of :func:`fault_seeds`, connected to the emulators at VK_URL and OK_URL. Rows (and
their queued operations) are bulk-created: this is test data, the publishing path
under test is the workers'.

Below the seeding, the harness the worker-kill tests share: emulator faults at random,
the workers' environment, and killing workers while work is in flight.
"""

from __future__ import annotations

import copy
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GROUPS = 5  # communities per network: 100 posts each, as a busy account might have in a day
VK_FIRST, OK_FIRST = 219100001, 70100000000001


def fault_seeds() -> tuple[dict[str, Any], dict[str, Any]]:
    """The demo seeds of the VK and OK emulators plus GROUPS communities each."""
    from gospablik_emulators.ok.emulator_state import DEMO_SEED as OK_SEED
    from gospablik_emulators.vk.emulator_seed import DEMO_SEED as VK_SEED

    vk, ok = copy.deepcopy(VK_SEED), copy.deepcopy(OK_SEED)
    for n in range(GROUPS):
        vk["communities"].append(
            {
                "id": VK_FIRST + n,
                "name": f"Сообщество {n}",
                "screen_name": f"fault{n}",
                "managers": {"100": "administrator"},
            }
        )
        ok["groups"].append(
            {
                "gid": str(OK_FIRST + n),
                "name": f"Группа {n}",
                "shortname": f"fault{n}",
                "members": {"575000000001": "ADMIN"},
            }
        )
    return vk, ok


def seed(prefix: str, count: int, vk_url: str, ok_url: str) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from gospablik.content.models import Post, Publication
    from gospablik.content.outbound import PUBLISH
    from gospablik.networks.connections import do_connect_account
    from gospablik.networks.outbound import Operation
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset
    from tests.content.conftest import OK_SECRETS, VK_SECRETS
    from tests.foundation.factories import register

    call_command("migrate", verbosity=0, skip_checks=True)
    ministry = do_setup_ministry(load_preset("kuzbass-health-335"))
    accounts = []
    for n in range(GROUPS):
        vk = register(ministry, None, network="vk", url=f"https://vk.com/fault{n}")
        do_connect_account(
            vk, {"group_id": VK_FIRST + n, "api_base": f"{vk_url}/method/"}, VK_SECRETS, actor=None
        )
        ok = register(ministry, None, network="ok", url=f"https://ok.ru/group/fault{n}")
        do_connect_account(
            ok,
            {"group_id": str(OK_FIRST + n), "api_url": f"{ok_url}/fb.do"},
            OK_SECRETS,
            actor=None,
        )
        accounts += [vk, ok]
    now = timezone.now()
    posts = Post.objects.bulk_create(
        Post(ministry=ministry, text=f"{prefix} {n}", status="scheduled", publish_at=now)
        for n in range(count)
    )
    pubs = Publication.objects.bulk_create(
        Publication(
            post=post,
            account=accounts[n % len(accounts)],
            text=post.text,
            status="pending",
            due_at=now,
        )
        for n, post in enumerate(posts)
    )
    connections = {a.pk: a.connection for a in accounts}
    Operation.objects.bulk_create(
        Operation(
            kind=PUBLISH,
            connection=connections[pub.account_id],
            payload={"publication": pub.pk},
            key=str(pub.idempotency_key),
            next_try_at=now,
        )
        for pub in pubs
    )


# --- the worker-kill harness (this test and tests/networks_django/test_outbound_kills.py) ---

ROOT = Path(__file__).resolve().parents[2]
WORKER_ARGS = ["outbound", "worker", "--skip-checks", "--interval", "0.05", "--lease", "6",
               "--batch", "2", "--http-timeout", "1", "--base-delay", "0.2",
               "--max-delay", "0.5", "--max-attempts", "100", "--no-rate-limit"]  # fmt: skip


class RandomFaults:
    """WSGI middleware: a share of the API calls meets a random fault of the emulator."""

    def __init__(
        self,
        app: Any,
        kinds: list[tuple[str, dict[str, Any]]],
        rate: float,
        path_prefix: str,
        seed: int,
    ) -> None:
        self.app, self.kinds, self.rate, self.prefix = app, kinds, rate, path_prefix
        self.rng, self.lock, self.injected = random.Random(seed), threading.Lock(), Counter()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO", "").startswith(self.prefix):
            with self.lock:
                if self.rng.random() < self.rate:
                    kind, extra = self.rng.choice(self.kinds)
                    self.app.faults.push(kind, method=None, **extra)
                    self.injected[kind] += 1
        return self.app(environ, start_response)


def env_for(tmp: Path) -> dict[str, str]:
    """The workers' environment: their own SQLite file (WAL, BEGIN IMMEDIATE) in ``tmp``."""
    db = tmp / "fault.sqlite3"
    options = (
        "transaction_mode=IMMEDIATE&init_command=PRAGMA+journal_mode%3DWAL%3B"
        "PRAGMA+synchronous%3DNORMAL"
    )
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}?{options}",
        "GOSPABLIK_VAR_DIR": str(tmp / "var"),
        "GOSPABLIK_LOG_LEVEL": "ERROR",
        "GOSPABLIK_REDIS_URL": "",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),  # this tree's code
    }


def start_worker(env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gospablik.cli", *WORKER_ARGS]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)


@dataclass(frozen=True)
class KillPlan:
    total: int  # units of work that ``progress`` counts up to
    workers: int
    kills: int
    seed: int


def run_with_kills(
    env: dict[str, str], log: Any, deadline: float, plan: KillPlan, progress: Callable[[], int]
) -> int:
    """Kill a random worker (SIGKILL) each time ``progress()`` passes one of ``plan.kills``
    random marks, so the kills land while work is in flight however fast the machine is;
    returns how many were killed."""
    rng = random.Random(plan.seed)
    marks = sorted(rng.sample(range(plan.total // 20, plan.total * 9 // 10), plan.kills))
    workers = [start_worker(env, log) for _ in range(plan.workers)]
    kills = 0
    try:
        while (done := progress()) < plan.total and time.monotonic() < deadline:
            if kills < plan.kills and done >= marks[kills]:
                time.sleep(rng.uniform(0.0, 0.3))
                victim = rng.randrange(plan.workers)
                workers[victim].send_signal(signal.SIGKILL)
                workers[victim].wait()
                workers[victim] = start_worker(env, log)
                kills += 1
            time.sleep(0.1)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
    return kills


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gospablik.settings")
    import django

    django.setup()
    seed(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
