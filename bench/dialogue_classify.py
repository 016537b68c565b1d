"""Needs-an-answer classifier speed on one core: texts per second through the CLI's code path.

Texts are the hand-written dev and validation sets (tests/dialogue/data) repeated to the
wanted count, serialised as JSON lines and run through ``gospablik dialogue classify``'s
function (JSON parsing and writing included). CPU time is printed beside wall time.

    .venv/bin/python bench/dialogue_classify.py [--texts 20000]
"""

from __future__ import annotations

import argparse
import io
import json
import time
from pathlib import Path

from gospablik.dialogue.classifier.evaluate import read_labelled
from gospablik.dialogue.cli import classify_main

DATA = Path(__file__).resolve().parents[1] / "tests" / "dialogue" / "data"


def lines(count: int) -> str:
    texts = [
        text for name in ("dev", "validation") for _, text in read_labelled(DATA / f"{name}.tsv")
    ]
    rows = (
        json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False)
        for i in range(count)
    )
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=20000)
    count = parser.parse_args().texts
    source, sink = io.StringIO(lines(count)), io.StringIO()
    classify_main([], source, sink)  # warm the compiled cues
    source = io.StringIO(lines(count))
    sink = io.StringIO()
    wall, cpu = time.perf_counter(), time.process_time()
    classify_main([], source, sink)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert sink.getvalue().count("\n") == count
    print(f"texts: {count}")
    print(f"wall: {wall:.2f} s → {count / wall:,.0f} texts/s")
    print(f"cpu:  {cpu:.2f} s → {count / cpu:,.0f} texts/s (one core)")


if __name__ == "__main__":
    main()
