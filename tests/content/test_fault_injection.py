"""1,000 scheduled posts, real worker processes killed with SIGKILL at random moments,
emulators (real HTTP on 127.0.0.1) answering with timeouts, 5xx, rate-limit errors and lost
answers: afterwards every post is on the network exactly once (counted on the emulator).

The workers use their own SQLite file (WAL, BEGIN IMMEDIATE), seeded by a subprocess.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from gospablik.networks.ok import convert as ok_convert
from gospablik_emulators.ok.emulator import make_app as make_ok
from gospablik_emulators.server import serve_in_thread
from gospablik_emulators.vk.emulator import make_app as make_vk

from .faultrun import fault_seeds

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
POSTS = 1000
WORKERS = 3
KILLS = 12
RATE = 0.1  # share of API calls that meet a fault
PREFIX = "Проверка под сбоями"
VK_FAULTS = [("timeout", {}), ("http_500", {}), ("error", {"code": 6}), ("accept_then_drop", {})]
OK_FAULTS = [("timeout", {}), ("http_500", {}), ("error", {"code": 1}), ("accept_then_drop", {})]
WORKER_ARGS = [
    "content",
    "worker",
    "--skip-checks",
    "--interval",
    "0.05",
    "--lease",
    "6",
    "--batch",
    "2",
    "--http-timeout",
    "1",
    "--base-delay",
    "0.2",
    "--max-delay",
    "0.5",
    "--max-attempts",
    "100",
    "--no-rate-limit",
]


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
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }


def start_worker(env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gospablik.cli", *WORKER_ARGS]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)


def published(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        query = "select count(*) from content_publication where status = 'published'"
        return int(conn.execute(query).fetchone()[0])


def rows(db: Path) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        query = (
            "select p.text, p.status, p.network_post_id, a.network from content_publication p"
            " join registry_account a on a.id = p.account_id"
        )
        return list(conn.execute(query).fetchall())


@pytest.fixture
def fault_emulators() -> Any:
    vk_seed, ok_seed = fault_seeds()
    vk, ok = make_vk(vk_seed), make_ok(ok_seed)
    vk_faults = RandomFaults(vk, VK_FAULTS, RATE, "/method/wall.", seed=4)
    ok_faults = RandomFaults(ok, OK_FAULTS, RATE, "/fb.do", seed=5)
    servers = [
        serve_in_thread("vk", 0, app=vk_faults, timeout_sleep=1.5),
        serve_in_thread("ok", 0, app=ok_faults, timeout_sleep=1.5),
    ]
    yield vk, ok, vk_faults, ok_faults, [f"http://127.0.0.1:{s.server_port}" for s in servers]
    for server in servers:
        server.shutdown()
        server.server_close()


def run_with_kills(env: dict[str, str], db: Path, log: Any, deadline: float) -> int:
    """Kill a random worker (SIGKILL) each time publishing passes one of KILLS random
    marks, so the kills land while work is in flight however fast the machine is."""
    rng = random.Random(7)
    marks = sorted(rng.sample(range(POSTS // 20, POSTS * 9 // 10), KILLS))
    workers = [start_worker(env, log) for _ in range(WORKERS)]
    kills = 0
    try:
        while (done := published(db)) < POSTS and time.monotonic() < deadline:
            if kills < KILLS and done >= marks[kills]:
                time.sleep(rng.uniform(0.0, 0.3))
                victim = rng.randrange(WORKERS)
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


def test_every_post_is_published_exactly_once(tmp_path, fault_emulators):
    vk, ok, vk_faults, ok_faults, (vk_url, ok_url) = fault_emulators
    env, db = env_for(tmp_path), tmp_path / "fault.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "tests.content.faultrun", PREFIX, str(POSTS), vk_url, ok_url],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=180,
    )
    with open(tmp_path / "workers.log", "wb") as log:
        kills = run_with_kills(env, db, log, time.monotonic() + 420)
    log_tail = (tmp_path / "workers.log").read_text(errors="replace")[-3000:]
    assert published(db) == POSTS, log_tail
    assert kills == KILLS
    assert sum(vk_faults.injected.values()) > 20 and sum(ok_faults.injected.values()) > 20
    vk_texts = Counter(p["text"] for p in vk.state.posts.values() if not p.get("is_deleted"))
    ok_texts = Counter(ok_convert.topic_text(t) for t in ok.state.topics.values())
    on_network = {t: n for t, n in (vk_texts + ok_texts).items() if t.startswith(PREFIX)}
    expected = {f"{PREFIX} {n}" for n in range(POSTS)}
    assert set(on_network) == expected  # nothing lost
    assert set(on_network.values()) == {1}  # nothing duplicated
    states = rows(db)
    assert {status for _text, status, _id, _net in states} == {"published"}
    ids = {(net, text): post_id for text, _status, post_id, net in states}
    vk_ids = {p["text"]: str(p["id"]) for p in vk.state.posts.values()}
    assert all(vk_ids[text] == post_id for (net, text), post_id in ids.items() if net == "vk")
