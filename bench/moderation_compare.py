"""Before/after of the comment classifier in one run: quality on the labelled sets, cost.

Run: ``.venv/bin/python bench/moderation_compare.py [--code main] [--n 2000]``.

The classifier of ``--code`` (a git revision: its ``src`` is extracted to a temporary
folder) and the one of this checkout are each loaded in a subprocess pinned to one core,
and measured on the same texts:

* toxic-vs-not precision/recall/F1 (texts as written and distorted), and per gold
  category the share flagged, sent to review and deleted, on the untouched test part of
  the real VK comments (``data/moderation/vk_real/test.tsv``) and on the hand-written
  ministry set (``data/moderation/ministry_eval.tsv``); neither is trained on;
* spam labels on the held-out citizen comments;
* comments per CPU-second through ``classify_many`` and the p50/p99 CPU time of one
  ``classify`` call (real VK comments), and the size of the model files.

Absolute times depend on the machine's load (they are CPU time of the process, but a
shared core's caches still slow it); compare the ratios, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SETS = {
    "vk_real_test": REPO / "data" / "moderation" / "vk_real" / "test.tsv",
    "ministry_eval": REPO / "data" / "moderation" / "ministry_eval.tsv",
}
HOLDOUT = "citizen_comments_holdout.txt"


def worker(n: int) -> dict[str, Any]:
    """Runs inside the subprocess whose ``sys.path`` holds the classifier under test."""
    from gospablik.moderation.classifier import default_pipeline
    from gospablik.moderation.classifier.pipeline import MODEL_DIR
    from gospablik.moderation.classifier.training import handset
    from gospablik.moderation.classifier.training.data import read_labelled

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    pipeline = default_pipeline(explain=False)
    out: dict[str, Any] = {}
    for name, path in SETS.items():
        figures = handset.evaluate(pipeline, 17, path)
        out[name] = {k: figures[k] for k in ("toxic_clean", "toxic_distorted", "by_category")}
        out[name]["wrongly_deleted"] = len(figures["wrongly_deleted"])
    holdout = MODEL_DIR.parent / "training" / HOLDOUT
    lines = holdout.read_text(encoding="utf-8").splitlines()
    citizens = [t for line in lines if (t := line.strip()) and not t.startswith("#")]
    verdicts = pipeline.classify_many(citizens)
    out["citizen_holdout"] = {
        "n": len(citizens),
        "labelled_spam": sum("spam" in v.labels for v in verdicts),
        "deleted": sum(v.action == "delete" for v in verdicts),
    }
    texts = [t for _label, t in read_labelled(SETS["vk_real_test"])]
    texts = (texts * (n // len(texts) + 1))[:n]
    out["speed"] = _speed(pipeline, default_pipeline(explain=True), texts)
    out["model_bytes"] = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())
    return out


def _speed(batch: Any, single: Any, texts: list[str]) -> dict[str, float]:
    single.classify(texts[0])  # warm
    start = time.process_time()
    for i in range(0, len(texts), 256):
        batch.classify_many(texts[i : i + 256])
    per_second = len(texts) / (time.process_time() - start)
    ms = []
    for text in texts[:1000]:
        t0 = time.process_time()
        single.classify(text)
        ms.append((time.process_time() - t0) * 1000)
    ms.sort()
    return {
        "batch_per_cpu_second": round(per_second),
        "p50_ms": round(statistics.median(ms), 3),
        "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 3),
    }


def measure(src: Path, n: int) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(src))
    cmd = [sys.executable, __file__, "--worker", "--n", str(n)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return json.loads(done.stdout.splitlines()[-1])


def extract(revision: str, into: Path) -> Path:
    archive = into / "src.tar"
    with open(archive, "wb") as f:
        subprocess.run(["git", "archive", revision, "src"], cwd=REPO, stdout=f, check=True)  # noqa: S607
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def report(before: dict[str, Any], after: dict[str, Any], revision: str) -> list[str]:
    lines = [f"before = {revision}, after = this checkout"]
    for name in SETS:
        b, a = before[name], after[name]
        for kind in ("toxic_clean", "toxic_distorted"):
            lines.append(
                f"{name} {kind}: "
                + ", ".join(
                    f"{k} {b[kind][k]} -> {a[kind][k]}" for k in ("precision", "recall", "f1")
                )
            )
        for category in a["by_category"]:
            bc, ac = b["by_category"].get(category, {}), a["by_category"][category]
            lines.append(
                f"  {name} {category} (n={ac['n']}): "
                + ", ".join(
                    f"{k} {bc.get(k, '-')} -> {ac[k]}"
                    for k in ("flagged", "reviewed", "deleted", "flagged_spam")
                )
            )
        lines.append(
            f"  {name} ordinary/criticism deleted: {b['wrongly_deleted']} -> {a['wrongly_deleted']}"
        )
    bh, ah = before["citizen_holdout"], after["citizen_holdout"]
    lines.append(
        f"citizen hold-out ({ah['n']}): labelled spam {bh['labelled_spam']} -> "
        f"{ah['labelled_spam']}, deleted {bh['deleted']} -> {ah['deleted']}"
    )
    for key in ("batch_per_cpu_second", "p50_ms", "p99_ms"):
        b_value, a_value = before["speed"][key], after["speed"][key]
        lines.append(f"speed {key}: {b_value} -> {a_value} (ratio {a_value / b_value:.2f})")
    lines.append(f"model files: {before['model_bytes']} -> {after['model_bytes']} bytes")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--code", default="main", help="git revision to compare with")
    parser.add_argument("--n", type=int, default=2000, help="texts for the speed figures")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.n), ensure_ascii=False))
        return
    with tempfile.TemporaryDirectory() as tmp:
        before = measure(extract(args.code, Path(tmp)), args.n)
    after = measure(REPO / "src", args.n)
    print("\n".join(report(before, after, args.code)))


if __name__ == "__main__":
    main()
