"""Deletions, bans and answers under worker kills: real worker processes (``gospablik
outbound worker``) killed with SIGKILL at random moments while the VK emulator (real HTTP
on 127.0.0.1) answers with timeouts, 5xx, rate-limit errors and lost answers. Afterwards
every comment is deleted, every author banned and every answer sent exactly once (counted
on the emulator), and each outcome was recorded exactly once (counted in the audit log).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from gospablik_emulators.server import serve_in_thread
from gospablik_emulators.vk.emulator import make_app as make_vk
from tests.content.faultrun import ROOT, KillPlan, RandomFaults, env_for, run_with_kills

from .killrun import GROUP, POST

pytestmark = pytest.mark.slow

COMMENTS, BANS, ANSWERS = 150, 75, 75
OPERATIONS = COMMENTS + BANS + ANSWERS
WORKERS, KILLS, RATE = 3, 8, 0.1
FAULTS = [("timeout", {}), ("http_500", {}), ("error", {"code": 6}), ("accept_then_drop", {})]


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return list(conn.execute(sql).fetchall())


def done(db: Path) -> int:
    return int(query(db, "select count(*) from networks_operation where state = 'done'")[0][0])


@pytest.fixture
def emulator(tmp_path: Path) -> Any:
    vk = make_vk()  # the demo community and its posts
    plan: dict[str, list[Any]] = {"comments": [], "banned": [], "writers": []}
    for n in range(COMMENTS):
        posted = vk.add_comment(GROUP, post_id=POST, from_id=5000 + n, text=f"удалить {n}")
        plan["comments"].append([posted["id"], 5000 + n])
    plan["banned"] = [7000 + n for n in range(BANS)]
    for n in range(ANSWERS):
        vk.send_message(GROUP, from_id=9000 + n, text="Вопрос")
        plan["writers"].append(9000 + n)
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    faults = RandomFaults(vk, FAULTS, RATE, "/method/", seed=11)
    server = serve_in_thread("vk", 0, app=faults, timeout_sleep=1.5)
    yield vk, faults, plan, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_deletions_bans_and_answers_happen_exactly_once(tmp_path, emulator):
    vk, faults, plan, vk_url = emulator
    env, db = env_for(tmp_path), tmp_path / "fault.sqlite3"
    seeding = [sys.executable, "-m", "tests.networks_django.killrun", str(tmp_path / "plan.json"),
               vk_url]  # fmt: skip
    subprocess.run(seeding, env=env, cwd=ROOT, check=True, timeout=180)
    with open(tmp_path / "workers.log", "wb") as log:
        kill_plan = KillPlan(total=OPERATIONS, workers=WORKERS, kills=KILLS, seed=13)
        kills = run_with_kills(env, log, time.monotonic() + 420, kill_plan, lambda: done(db))
    log_tail = (tmp_path / "workers.log").read_text(errors="replace")[-3000:]
    assert done(db) == OPERATIONS, log_tail
    assert kills == KILLS and sum(faults.injected.values()) > 10
    for comment_id, _author in plan["comments"]:
        assert vk.state.comment(-GROUP, comment_id)["deleted"] is True
    assert set(plan["banned"]) <= set(vk.state.community(GROUP).bans)
    sent = [m["text"] for m in vk.sent_messages(GROUP)]
    assert sorted(sent) == sorted(f"Ответ {w}" for w in plan["writers"])  # each once
    audit = dict(query(db, "select action, count(*) from audit_auditentry group by action"))
    assert audit["moderation.network_delete"] == COMMENTS  # each outcome recorded once
    assert audit["moderation.sanction_network"] == BANS
    assert audit["moderation.message_answer_send"] == ANSWERS
    assert (
        query(db, "select count(*) from moderation_archiveditem where network_done_at is null")[0][
            0
        ]
        == 0
    )
    assert query(db, "select count(*) from moderation_message where answer_sent = 0")[0][0] == 0
