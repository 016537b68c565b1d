"""Throughput and latency of the comment classifier (``gospablik moderate classify``).

Run: ``.venv/bin/python bench/moderation.py [--data /work/shared/data] [--n 6000]``.
The process pins itself to one CPU core (like ``taskset -c 0``) where the OS allows.

Printed figures:
* ``classify_many``: comments per second through the whole pipeline (batches of 256),
  without and with spans/explanations;
* ``classify``: p50/p99 latency of one comment at a time;
* ``cli``: comments per second through the JSON-lines command (parse + classify + dump);
* the size of the shipped model files.

Rates are given per CPU-second of this process (what one core delivers) and per
wall-clock second (lower when other processes share the core).

The end-to-end Callback latency (network event → verdict) belongs to the Django
intake; add it as another ``bench_*`` function and list it in ``BENCHES``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from gospablik.moderation.classifier import default_pipeline
from gospablik.moderation.classifier.pipeline import MODEL_DIR
from gospablik.moderation.cli import classify_main

FALLBACK = [
    "Спасибо за информацию, очень полезно!",
    "Когда наконец отремонтируют поликлинику на Советской?",
    "Вы там совсем о.х.у.е.л.и, чиновники хреновы",
    "Работа на дому, доход от 5000р в день, пиши в лс",
    "Ты тупой дебил, тебе здесь не место",
    "Запись к терапевту через госуслуги не работает уже неделю, что делать?",
]


def corpus(data: Path, n: int, seed: int = 1) -> list[str]:
    """A mix of real comments, chat messages, spam, ok.ru comments and citizen appeals
    (or built-in samples)."""
    texts: list[str] = []
    sources = [
        ("ru_toxic_2ch_pikabu/labeled.csv", "comment"),
        ("telegram_spam_ru/telegram_spam_ru.csv", "message"),
        ("extra/ok_toxic_vyhuholl/ok_toxic_vyhuholl.csv", "text"),
        ("extra/spb_citizen_appeals/spb_citizen_appeals.csv", "text"),
    ]
    for name, column in sources:
        path = data / name
        if path.exists():
            with open(path, encoding="utf-8") as f:
                texts += [row[column].strip() for row in csv.DictReader(f)]
    texts = texts or FALLBACK * 100
    rng = random.Random(seed)
    return [rng.choice(texts) for _ in range(n)]


def bench_classify_many(texts: list[str]) -> str:
    lines = []
    for explain in (False, True):
        pipeline = default_pipeline(explain=explain)
        pipeline.classify_many(texts[:256])  # warm caches
        wall, cpu = _timed(partial(pipeline.classify_many, texts))
        mode = "with spans and explanations" if explain else "scores only, as the CLI"
        lines.append(f"classify_many ({mode}): {_rates(len(texts), wall, cpu)}")
    return "\n".join(lines)


def bench_classify(texts: list[str]) -> str:
    pipeline = default_pipeline()
    wall_ms, cpu_ms = [], []
    for text in texts[:2000]:
        wall, cpu = _timed(partial(pipeline.classify, text))
        wall_ms.append(wall * 1000)
        cpu_ms.append(cpu * 1000)
    return (
        f"classify (one comment per call): p50 {_pct(wall_ms, 0.5):.2f} ms, "
        f"p99 {_pct(wall_ms, 0.99):.2f} ms wall clock; "
        f"p99 {_pct(cpu_ms, 0.99):.2f} ms CPU"
    )


def _pct(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def bench_cli(texts: list[str]) -> str:
    lines = "".join(
        json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
        for i, t in enumerate(texts)
    )
    wall, cpu = _timed(lambda: classify_main([], stdin=io.StringIO(lines), stdout=io.StringIO()))
    return f"cli (JSON lines in and out): {_rates(len(texts), wall, cpu)}"


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _rates(count: int, wall: float, cpu: float) -> str:
    # On a shared machine the wall-clock rate includes time spent waiting for the core;
    # the CPU-time rate is what one core of our own delivers.
    return f"{count / cpu:,.0f} comments/s per CPU-second ({count / wall:,.0f}/s wall clock)"


def bench_model_size(texts: list[str]) -> str:
    files = sorted(p for p in MODEL_DIR.iterdir() if p.is_file() and p.name != "metrics.json")
    total = sum(p.stat().st_size for p in files)
    largest = max(files, key=lambda p: p.stat().st_size)
    return (
        f"model files: {total / 1e6:.1f} MB in {len(files)} files "
        f"(largest {largest.name}, {largest.stat().st_size / 1e6:.1f} MB)"
    )


BENCHES: list[Callable[[list[str]], str]] = [
    bench_classify_many,
    bench_classify,
    bench_cli,
    bench_model_size,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="/work/shared/data")
    parser.add_argument("--n", type=int, default=6000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    started = time.perf_counter()
    default_pipeline()
    print(f"model load: {(time.perf_counter() - started) * 1000:.0f} ms")
    texts = corpus(Path(args.data), args.n)
    print(f"corpus: {len(texts)} texts, mean {statistics.mean(map(len, texts)):.0f} chars")
    for bench in BENCHES:
        print(bench(texts), flush=True)


if __name__ == "__main__":
    main()
