"""Calibrate the style checker: how well does the score separate official from conversational text?

Bureaucratic set: paragraphs of the two regulations (shared/seeds) and our own press-release-style
texts (tests/style/data/official.txt). Conversational set: Telegram news posts
(shared/data/telegram_news_posts, neutral public writing) and our own VK-style posts
(tests/style/data/conversational.txt). Prints ROC AUC (1.0 = every official text scores lower than
every conversational one) for whole texts and for single sentences, score distributions and which
rules fire on the neutral set.

    .venv/bin/python bench/style_calibration.py [--shared ../shared] [--posts 1500] [--show RULE]
        [--against DIR]   # DIR: another src tree (before), e.g. `git archive main src | tar -x`
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

from razdel import sentenize

from gospablik.style import Report, check

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "style" / "data"


def blocks(path: Path) -> list[str]:
    text = "\n".join(
        line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")
    )
    return [b.strip() for b in text.split("\n---\n") if b.strip()]


def seed_chunks(seeds: Path, low: int = 200, high: int = 900) -> list[str]:
    """Paragraphs of the regulations merged into post-sized chunks."""
    chunks: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        current = ""
        for para in re.split(r"\n\s*\n", path.read_text("utf-8")):
            para = re.sub(r"\*\*|\s+\n", " ", para).strip()
            if len(para) < 40:
                continue
            current = f"{current}\n{para}".strip()
            if len(current) >= low:
                chunks.append(current[:high])
                current = ""
    return chunks


def telegram_posts(shared: Path, n: int, seed: int = 7) -> list[str]:
    path = shared / "data" / "telegram_news_posts" / "telegram_news_posts.csv"
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as f:
        texts = [
            r["text"].strip() for r in csv.DictReader(f) if 80 <= len(r["text"].strip()) <= 3000
        ]
    random.Random(seed).shuffle(texts)
    return texts[:n]


def sentences(text: str) -> list[str]:
    """Sentences of 60+ characters without links (news posts end with «read more: https://…»)."""
    return [s.text for s in sentenize(text) if len(s.text) >= 60 and "http" not in s.text]


def auc(negatives: list[float], positives: list[float]) -> float:
    """P(score of a conversational text > score of an official one), ties count half."""
    wins = 0.0
    for p in positives:
        for q in negatives:
            wins += 1.0 if p > q else 0.5 if p == q else 0.0
    return wins / (len(positives) * len(negatives))


def describe(name: str, scores: list[float]) -> str:
    q = statistics.quantiles(scores, n=10)
    return (
        f"{name:<28} n={len(scores):<5} mean={statistics.mean(scores):.2f} "
        f"p10={q[0]:.1f} median={statistics.median(scores):.1f} p90={q[-1]:.1f}"
    )


def show(rule: str, texts: list[str], reports: list[Report]) -> None:
    """Print what one rule flags, with some context, for a manual precision check."""
    for text, report in zip(texts, reports, strict=True):
        for issue in report.issues:
            if issue.rule == rule:
                context = text[max(0, issue.start - 40) : issue.end + 40]
                print(f"  [{text[issue.start : issue.end][:90]}]  ← {context!r}")


BUCKETS = ((1, 20), (21, 60), (61, 150), (151, 10_000))


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def by_length(official: list[str], conversational: list[str]) -> None:
    """Per length bucket: mean scores, AUC, officialese below 5, conversational at 7 and above."""
    print("\nBy length (words): official vs conversational")
    print(f"  {'words':<10} {'n off':>5} {'n conv':>6} {'mean off':>8} {'mean conv':>9} "
          f"{'AUC':>6} {'off<5':>6} {'conv>=7':>7}")  # fmt: skip
    for low, high in BUCKETS:
        off = [check(t).score for t in official if low <= words(t) <= high]
        conv = [check(t).score for t in conversational if low <= words(t) <= high]
        if not off or not conv:
            continue
        below = sum(s < 5 for s in off) / len(off)
        above = sum(s >= 7 for s in conv) / len(conv)
        label = f"{low}-{high}" if high < 10_000 else f"{low}+"
        print(
            f"  {label:<10} {len(off):>5} {len(conv):>6} {statistics.mean(off):>8.2f} "
            f"{statistics.mean(conv):>9.2f} {auc(off, conv):>6.3f} {below:>6.0%} {above:>7.0%}"
        )


def before(args: argparse.Namespace) -> None:
    """Run this script on another source tree first, so both figures come from one run."""
    argv = [sys.argv[0], "--shared", str(args.shared), "--posts", str(args.posts)]
    env = {**os.environ, "PYTHONPATH": str(args.against)}
    print(f"=== before ({args.against}) ===", flush=True)
    subprocess.run([sys.executable, *argv], env=env, check=True)  # noqa: S603
    print("\n=== after (this tree) ===", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--posts", type=int, default=1500)
    parser.add_argument("--show", default=None, help="print passages a rule flags in news posts")
    parser.add_argument(
        "--against", type=Path, default=None,
        help="another source tree (e.g. main's src): its figures are printed first, same data",
    )  # fmt: skip
    args = parser.parse_args()
    if args.against is not None:
        before(args)

    sets = {
        "seeds (regulations)": seed_chunks(args.shared / "seeds"),
        "own press releases": blocks(DATA / "official.txt"),
        "telegram news posts": telegram_posts(args.shared, args.posts),
        "own VK-style posts": blocks(DATA / "conversational.txt"),
    }
    reports = {name: [check(t) for t in texts] for name, texts in sets.items()}
    scores = {name: [r.score for r in rs] for name, rs in reports.items()}
    for name, values in scores.items():
        print(describe(name, values))

    official = scores["seeds (regulations)"] + scores["own press releases"]
    print(f"\nAUC official vs telegram news : {auc(official, scores['telegram news posts']):.3f}")
    print(f"AUC official vs own VK posts  : {auc(official, scores['own VK-style posts']):.3f}")
    both = scores["telegram news posts"] + scores["own VK-style posts"]
    print(f"AUC official vs all conversational: {auc(official, both):.3f}")
    press_vs_vk = auc(scores["own press releases"], scores["own VK-style posts"])
    print(f"AUC own press releases vs own VK posts: {press_vs_vk:.3f}")

    off_sentences = [t for text in sets["seeds (regulations)"] + sets["own press releases"]
                     for t in sentences(text)]  # fmt: skip
    news_sentences = [t for text in sets["telegram news posts"] for t in sentences(text)]
    sentence_auc = auc(
        [check(t).score for t in off_sentences], [check(t).score for t in news_sentences]
    )
    print(
        f"AUC single sentences, official vs news ({len(off_sentences)} vs "
        f"{len(news_sentences)}): {sentence_auc:.3f}"
    )

    official_all = (
        sets["seeds (regulations)"] + sets["own press releases"]
        + blocks(DATA / "official_short.txt") + off_sentences
        + seed_chunks(args.shared / "seeds", 1200, 3000)
    )  # fmt: skip
    conversational_all = (
        sets["telegram news posts"] + sets["own VK-style posts"]
        + blocks(DATA / "conversational_short.txt") + news_sentences[:400]
    )  # fmt: skip
    by_length(official_all, conversational_all)
    orders = [t for text in sets["seeds (regulations)"] for t in sentences(text)]
    below = sum(check(t).score < 5 for t in orders) / len(orders)
    print(f"\nSentences of the orders (shared/seeds) scoring below 5: {below:.0%} of {len(orders)}")

    rules = Counter(i.rule for r in reports["telegram news posts"] for i in r.issues)
    n = len(reports["telegram news posts"])
    print("\nIssues per 100 news posts, by rule:")
    for rule, count in rules.most_common():
        print(f"  {rule:<24} {100 * count / n:6.1f}")
    if args.show:
        show(args.show, sets["telegram news posts"], reports["telegram news posts"])


if __name__ == "__main__":
    main()
