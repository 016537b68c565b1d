"""1,000 scheduled posts, real worker processes killed with SIGKILL at random moments,
emulators (real HTTP on 127.0.0.1) answering with timeouts, 5xx, rate-limit errors and lost
answers: afterwards every post is on the network exactly once (counted on the emulator).

The workers use their own SQLite file (WAL, BEGIN IMMEDIATE), seeded by a subprocess.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from gospablik.networks.ok import convert as ok_convert
from gospablik_emulators.ok.emulator import make_app as make_ok
from gospablik_emulators.server import serve_in_thread
from gospablik_emulators.vk.emulator import make_app as make_vk

from .faultrun import ROOT, KillPlan, RandomFaults, env_for, fault_seeds, run_with_kills

pytestmark = pytest.mark.slow

POSTS = 1000
WORKERS = 3
KILLS = 12
RATE = 0.1  # share of API calls that meet a fault
PREFIX = "Проверка под сбоями"
VK_FAULTS = [("timeout", {}), ("http_500", {}), ("error", {"code": 6}), ("accept_then_drop", {})]
OK_FAULTS = [("timeout", {}), ("http_500", {}), ("error", {"code": 1}), ("accept_then_drop", {})]


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
        plan = KillPlan(total=POSTS, workers=WORKERS, kills=KILLS, seed=7)
        kills = run_with_kills(env, log, time.monotonic() + 420, plan, lambda: published(db))
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
