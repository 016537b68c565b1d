"""``gospablik moderate classify`` and ``gospablik moderate train`` (no database).

``classify`` reads JSON lines ``{"id": ..., "text": ...}`` on stdin and writes one
JSON line per input, in order: ``{"id", "labels", "scores", "action"}`` or, for a
line it cannot read, ``{"id": ..., "error": "..."}``. Lines are read in chunks so
the models run in batches, and each chunk is flushed as soon as it is classified.
"""

from __future__ import annotations

import argparse
import io
import json
import select
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from gospablik.moderation.classifier.core import UnlawfulRule

CHUNK = 256


def classify_main(
    argv: list[str], stdin: IO[str] | None = None, stdout: IO[str] | None = None
) -> int:
    args = _classify_parser().parse_args(argv)
    from gospablik.moderation.classifier.pipeline import Pipeline, default_pipeline

    rules = _load_rules(Path(args.rules)) if args.rules else []
    pipeline = Pipeline(unlawful_rules=rules, explain=False) if rules else default_pipeline(False)
    source, sink = stdin or _utf8(sys.stdin, "replace"), stdout or _utf8(sys.stdout, "strict")
    for chunk in _chunks(source, args.chunk):
        parsed = [_parse(line) for line in chunk]
        texts = [text for _, text, error in parsed if error is None]
        verdicts = iter(pipeline.classify_many(texts))
        for id_, _, error in parsed:
            row = {"id": id_, "error": error} if error else next(verdicts).to_json(id_)
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            sink.flush()
    return 0


def _utf8(stream: IO[str], errors: str) -> IO[str]:
    """The JSON lines are UTF-8 whatever the locale; undecodable input bytes become U+FFFD."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8", errors=errors)
    return stream


def _classify_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gospablik moderate classify", description=__doc__)
    parser.add_argument("--rules", help="JSON file: a list of unlawful rules (key, kind, …)")
    parser.add_argument("--chunk", type=int, default=CHUNK, help="lines per batch")
    return parser


def _chunks(stream: IO[str], size: int) -> Iterator[list[str]]:
    """Yield lists of up to ``size`` non-blank lines.

    A chunk is cut short when no more input is ready, so a caller that writes one
    line and waits for its answer gets it at once; a piped file fills whole chunks.
    """
    while first := stream.readline():
        chunk = [first]
        while len(chunk) < size and _more_ready(stream) and (line := stream.readline()):
            chunk.append(line)
        yield [line for line in chunk if line.strip()]


def _more_ready(stream: IO[str]) -> bool:
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        return True  # an in-memory stream never blocks
    return bool(select.select([descriptor], [], [], 0)[0])


def _parse(line: str) -> tuple[Any, str, str | None]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, "", f"некорректный JSON: {exc.msg}"
    if not isinstance(row, dict):
        return None, "", "ожидается объект JSON с полями id и text"
    id_, text = _clean(row.get("id")), row.get("text")
    if not isinstance(text, str):
        return id_, "", "поле text отсутствует или не строка"
    return id_, _clean(text), None


def _clean(value: Any) -> Any:
    """Replace lone surrogates (valid in JSON escapes, not in UTF-8) by "?"."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _load_rules(path: Path) -> list[UnlawfulRule]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [UnlawfulRule(**row) for row in rows]


def train_main(argv: list[str]) -> int:
    from gospablik.moderation.classifier.training.train import main

    return main(argv)
