"""``gospablik dialogue classify``: JSON lines in, JSON lines out, no database."""

from __future__ import annotations

import io
import json

from gospablik.cli import main
from gospablik.dialogue.cli import classify_main


def run(text: str, *argv: str) -> list[dict[str, object]]:
    sink = io.StringIO()
    assert classify_main(list(argv), io.StringIO(text), sink) == 0
    return [json.loads(line) for line in sink.getvalue().splitlines()]


def test_it_writes_one_line_per_input_in_order() -> None:
    rows = run('{"id": "a", "text": "Когда откроют запись?"}\n{"id": 7, "text": "Спасибо!"}\n')
    assert [r["id"] for r in rows] == ["a", 7]
    assert rows[0]["kind"] == "question" and rows[0]["needs_answer"] is True
    assert rows[1]["kind"] == "thanks" and rows[1]["needs_answer"] is False
    assert set(rows[0]) == {"id", "kind", "needs_answer", "score"}


def test_a_bad_line_gets_an_error_and_the_rest_goes_on() -> None:
    rows = run('oops\n{"id": 1}\n\n{"id": 2, "text": "Прошу помочь"}\n')
    assert rows[0]["error"] == "строка не является JSON"
    assert rows[1] == {"id": 1, "error": "поле text должно быть строкой"}
    assert rows[2]["kind"] == "request"


def test_explain_adds_the_cues() -> None:
    rows = run('{"id": 1, "text": "Прошу помочь"}\n', "--explain")
    assert "просьба" in rows[0]["reasons"]


def test_the_console_script_dispatches_without_django(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": 1, "text": "Спасибо"}\n'))
    assert main(["dialogue", "classify"]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "thanks"
