"""``gospablik dialogue classify`` (no database).

Reads JSON lines ``{"id": ..., "text": ...}`` on stdin and writes one JSON line per input,
in order: ``{"id", "kind", "needs_answer", "score"}``, or ``{"id", "error"}`` for a line it
cannot read. ``--explain`` adds the cues that decided the kind.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from typing import IO, Any

from gospablik.dialogue.classifier import default_classifier


def classify_main(
    argv: list[str], stdin: IO[str] | None = None, stdout: IO[str] | None = None
) -> int:
    args = _parser().parse_args(argv)
    model = default_classifier()
    source, sink = stdin or _utf8(sys.stdin, "replace"), stdout or _utf8(sys.stdout, "strict")
    for line in source:
        if not line.strip():
            continue
        id_, text, error = _parse(line)
        if error is not None:
            row: dict[str, Any] = {"id": id_, "error": error}
        else:
            verdict = model.classify(text)
            row = verdict.to_json(id_)
            if args.explain:
                row["reasons"] = list(verdict.reasons)
        sink.write(json.dumps(row, ensure_ascii=False) + "\n")
    sink.flush()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gospablik dialogue classify", description=__doc__)
    parser.add_argument("--explain", action="store_true", help="add the deciding cues")
    return parser


def _utf8(stream: IO[str], errors: str) -> IO[str]:
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8", errors=errors)
    return stream


def _parse(line: str) -> tuple[Any, str, str | None]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return None, "", "строка не является JSON"
    if not isinstance(row, dict):
        return None, "", "ожидается объект JSON с полями id и text"
    text = row.get("text")
    if not isinstance(text, str):
        return row.get("id"), "", "поле text должно быть строкой"
    return row.get("id"), text, None
