"""``gospablik style check``: JSON lines in, one JSON line out per input.

Input lines: ``{"id": "...", "text": "...", "network": "vk"}`` (``network`` optional).
Output lines: ``{"id": ..., "score": 0-10, "issues": [...], "summary": ..., "penalties": ...}``,
or ``{"id": ... or null, "error": "..."}`` for a line that cannot be checked. No database needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from gospablik.style.checker import StyleChecker
from gospablik.style.networks import limits, table


class LineError(ValueError):
    def __init__(self, message: str, id: Any = None) -> None:  # noqa: A002
        super().__init__(message)
        self.id = id


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="gospablik style check",
        description="Проверка стиля: JSON-строки {id, text} на входе, отчёт на каждую строку.",
    )
    parser.add_argument("--network", choices=sorted(table()), default=None,
                        help="соцсеть, под лимиты которой проверять текст")  # fmt: skip
    return parser.parse_args(argv)


def read_lines(stream: IO[str]) -> Iterator[str]:
    """Non-blank input lines, decoded as UTF-8 whatever the locale (StringIO in tests)."""
    raw = getattr(stream, "buffer", None)
    lines = (
        (b.decode("utf-8", errors="replace") for b in iter(raw.readline, b""))
        if raw is not None
        else iter(stream.readline, "")
    )
    for line in lines:
        if line.strip():
            yield line


def write_line(stream: IO[str], payload: dict[str, Any]) -> None:
    """One JSON line, UTF-8, flushed at once so a pipe sees every result as it is ready."""
    line = json.dumps(payload, ensure_ascii=False) + "\n"
    raw = getattr(stream, "buffer", None)
    if raw is None:
        stream.write(line)
        stream.flush()
        return
    stream.flush()
    raw.write(line.encode("utf-8"))
    raw.flush()


def parse_line(line: str) -> tuple[Any, str, str | None]:
    """(id, text, network) of one input line; raises LineError."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineError(f"Строка не JSON: {exc.msg} (позиция {exc.pos})") from exc
    if not isinstance(data, dict):
        raise LineError('Ожидается JSON-объект {"id": ..., "text": ...}')
    id_ = data.get("id")
    text, network = data.get("text"), data.get("network")
    if not isinstance(text, str):
        raise LineError('Поле "text" должно быть строкой', id_)
    if network is not None and not isinstance(network, str):
        raise LineError('Поле "network" должно быть строкой', id_)
    return id_, text, network


def check_line(checker: StyleChecker, line: str) -> dict[str, Any]:
    try:
        id_, text, network = parse_line(line)
        try:
            limits(network)
        except ValueError as exc:
            raise LineError(str(exc), id_) from exc
        return checker.check(text, network).to_json(id_)
    except LineError as exc:
        return {"id": exc.id, "error": str(exc)}


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    checker = StyleChecker(network=args.network)
    for line in read_lines(sys.stdin):
        write_line(sys.stdout, check_line(checker, line))
    return 0
