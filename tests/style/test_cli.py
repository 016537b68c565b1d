import io
import json

import pytest

from gospablik.cli import main


def run(monkeypatch, capsys, lines: list[str], *args: str) -> list[dict]:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["style", "check", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_it_writes_one_result_per_input_line(monkeypatch, capsys):
    out = run(
        monkeypatch,
        capsys,
        [
            json.dumps({"id": "a", "text": "Данное мероприятие отменено."}, ensure_ascii=False),
            json.dumps({"id": "b", "text": "Приходите завтра!"}, ensure_ascii=False),
        ],
    )
    assert [r["id"] for r in out] == ["a", "b"]
    assert out[0]["score"] < out[1]["score"] == 10.0
    assert out[0]["issues"][0] == {
        "rule": "bureaucratic_lexicon",
        "category": "bureaucratese",
        "start": 0,
        "end": 6,
        "message": "«Данное» — канцелярит: «это»",
        "suggestion": "Это",
    }


def test_it_keeps_going_after_malformed_lines(monkeypatch, capsys):
    lines = ["{не json", '{"id": "x"}', '["a"]', '{"id": "ok", "text": "Привет"}']
    out = run(monkeypatch, capsys, lines)
    assert [r.get("id") for r in out] == [None, "x", None, "ok"]
    assert all("error" in r for r in out[:3]) and out[3]["score"] == 10.0


def test_it_skips_blank_lines(monkeypatch, capsys):
    assert run(monkeypatch, capsys, ["", "   ", '{"id": 1, "text": ""}']) == [
        {"id": 1, "score": 10.0, "issues": [], "summary": "Замечаний нет", "penalties": {}}
    ]


def test_it_writes_russian_without_escapes(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "r", "text": "В целях"}\n'))
    main(["style", "check"])
    assert "«В целях»" in capsys.readouterr().out


def test_it_checks_against_a_network(monkeypatch, capsys):
    text = json.dumps({"id": "t", "text": "Да!\n" * 275})
    assert run(monkeypatch, capsys, [text])[0]["issues"] == []
    flagged = run(monkeypatch, capsys, [text], "--network", "telegram_caption")[0]["issues"]
    assert [i["rule"] for i in flagged] == ["network_length"]


def test_it_takes_the_network_from_the_line_and_reports_unknown_ones(monkeypatch, capsys):
    lines = [
        json.dumps({"id": "a", "text": "Да!\n" * 275, "network": "telegram_caption"}),
        json.dumps({"id": "b", "text": "а", "network": "myspace"}),
    ]
    out = run(monkeypatch, capsys, lines)
    assert out[0]["issues"][0]["rule"] == "network_length"
    assert out[1]["id"] == "b" and "myspace" in out[1]["error"]


def test_it_rejects_an_unknown_network_option(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(SystemExit):
        main(["style", "check", "--network", "myspace"])
