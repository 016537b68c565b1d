"""Style checker speed: texts per second (1,000 characters) and p95 latency (2,000 characters).

Texts are built from Telegram news posts (shared/data/telegram_news_posts) by joining posts up to
the wanted length, so vocabulary and structure are real. The morphology cache is warmed first on a
separate part of the corpus (as in a running server); the cold first pass is printed too. Wall-clock
figures depend on what else runs on the machine, so CPU-time figures are printed beside them.

    .venv/bin/python bench/style.py [--shared ../shared] [--texts 2000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

from gospablik.style import check
from gospablik.style.morph import analyze

ROOT = Path(__file__).resolve().parents[1]


def posts(shared: Path) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    path = shared / "data" / "telegram_news_posts" / "telegram_news_posts.csv"
    with path.open(encoding="utf-8") as f:
        texts = [r["text"].strip() for r in csv.DictReader(f) if len(r["text"].strip()) > 50]
    random.Random(11).shuffle(texts)
    return texts


def build(texts: list[str], size: int, count: int, offset: int) -> list[str]:
    """Texts of exactly `size` characters made of consecutive posts."""
    out: list[str] = []
    i = offset
    while len(out) < count:
        chunk = ""
        while len(chunk) < size:
            chunk += texts[i % len(texts)] + "\n\n"
            i += 1
        out.append(chunk[:size])
    return out


def throughput(texts: list[str]) -> tuple[float, float]:
    """Texts per second of wall-clock time and of this process's CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        check(text)
    return len(texts) / (time.perf_counter() - wall), len(texts) / (time.process_time() - cpu)


def latencies_ms(texts: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per check."""
    wall_ms, cpu_ms = [], []
    for text in texts:
        wall, cpu = time.perf_counter(), time.thread_time()
        check(text)
        wall_ms.append((time.perf_counter() - wall) * 1000)
        cpu_ms.append((time.thread_time() - cpu) * 1000)
    return wall_ms, cpu_ms


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--texts", type=int, default=2000)
    args = parser.parse_args()
    corpus = posts(args.shared)
    half = len(corpus) // 2

    cold = build(corpus, 1000, 200, offset=0)
    cold_wall, cold_cpu = throughput(cold)
    print(f"cold start (empty morphology cache): {cold_wall:.0f} texts/s (CPU: {cold_cpu:.0f})")
    for text in build(corpus, 1000, 3000, offset=0):  # warm-up on the first half of the corpus
        check(text)
    print(f"morphology cache: {analyze.cache_info().currsize} word forms")

    fresh = build(corpus, 1000, args.texts, offset=half)  # texts not seen during warm-up
    wall_rate, cpu_rate = throughput(fresh)
    print(
        f"throughput, 1,000 chars: {wall_rate:.0f} texts/s wall clock, "
        f"{cpu_rate:.0f} texts/s per CPU second (target >= 200 on one core)"
    )
    wall, cpu = latencies_ms(build(corpus, 2000, args.texts // 2, offset=half + 7))
    print(
        f"latency, 2,000 chars: median {statistics.median(wall):.1f} ms, p95 {p95(wall):.1f} ms, "
        f"max {max(wall):.1f} ms wall clock; p95 {p95(cpu):.1f} ms CPU (target p95 <= 30 ms)"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (other processes share cores)")


if __name__ == "__main__":
    main()
