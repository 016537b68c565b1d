import csv
import io
import json
import random

import pytest

from gospablik.cli import main
from gospablik.moderation.classifier.text_model import TextModel


def run_classify(monkeypatch, capsys, lines, *args):
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))
    assert main(["moderate", "classify", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_it_classifies_json_lines_in_order(monkeypatch, capsys):
    lines = [
        json.dumps({"id": str(i), "text": t}, ensure_ascii=False)
        for i, t in enumerate(["Спасибо!", "ну ты и х.у.й", "Пиши в лс, доход от 5000р в день"])
    ]
    rows = run_classify(monkeypatch, capsys, lines)
    assert [r["id"] for r in rows] == ["0", "1", "2"]
    assert rows[0]["action"] == "keep" and rows[0]["labels"] == []
    assert "obscenity" in rows[1]["labels"]
    assert set(rows[2]) == {"id", "labels", "scores", "action"}
    assert all(0.0 <= v <= 1.0 for r in rows for v in r["scores"].values())


def test_it_reports_malformed_lines_and_goes_on(monkeypatch, capsys):
    lines = [
        '{"id": "a", "text": "привет"}',
        "not json",
        '{"id": "b"}',
        '["x"]',
        '{"id": "c", "text": "ок"}',
    ]
    rows = run_classify(monkeypatch, capsys, lines)
    assert [r.get("id") for r in rows] == ["a", None, "b", None, "c"]
    assert "error" in rows[1] and "error" in rows[2] and "error" in rows[3]
    assert rows[4]["action"] == "keep"


def test_it_keeps_order_across_chunks(monkeypatch, capsys):
    lines = [json.dumps({"id": i, "text": f"текст номер {i}"}) for i in range(10)]
    rows = run_classify(monkeypatch, capsys, lines, "--chunk", "3")
    assert [r["id"] for r in rows] == list(range(10))


def test_it_applies_a_rules_file(monkeypatch, capsys, tmp_path):
    rules = [
        {
            "key": "drugs",
            "kind": "keyword",
            "pattern": "закладк*",
            "norm": "ст. 6.13 КоАП РФ",
            "description": "Наркотики",
        }
    ]
    (tmp_path / "rules.json").write_text(json.dumps(rules, ensure_ascii=False))
    lines = [json.dumps({"id": 1, "text": "закладки тут"}, ensure_ascii=False)]
    rows = run_classify(monkeypatch, capsys, lines, "--rules", str(tmp_path / "rules.json"))
    assert rows[0]["labels"] == ["unlawful"] and rows[0]["action"] == "review"


TOXIC = ["ты дебил", "тупая тварь", "иди нахуй", "урод конченый", "мразь ты", "заткнись идиот"]
POLITE = ["спасибо за ответ", "когда откроют школу", "хорошая новость", "где получить справку"]
SPAM = ["работа на дому от 5000р в день пиши в лс", "заработок без вложений [LINK]"]


def write_tiny_data(root):
    rng = random.Random(0)
    (root / "README.md").write_text("tiny")
    for folder in (
        "ru_toxic_2ch_pikabu",
        "russe_detox_2022",
        "telegram_spam_ru",
        "telegram_news_posts",
        "lexicons",
    ):
        (root / folder).mkdir()
    with open(root / "ru_toxic_2ch_pikabu/labeled.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["comment", "toxic"])
        for i in range(60):
            w.writerow(
                [f"{rng.choice(TOXIC)} {i}\n", "1.0"]
                if i % 2
                else [f"{rng.choice(POLITE)} {i}\n", "0.0"]
            )
    for split in ("train", "dev"):
        with open(root / f"russe_detox_2022/{split}.tsv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, delimiter="\t")
            w.writerow(
                [
                    "index",
                    "toxic_comment",
                    "neutral_comment1",
                    "neutral_comment2",
                    "neutral_comment3",
                ]
            )
            for i in range(30):
                w.writerow([i, f"{rng.choice(TOXIC)} вопрос {i}", f"вопрос {i}", "", ""])
    with open(
        root / "telegram_spam_ru/telegram_spam_ru.csv", "w", newline="", encoding="utf-8"
    ) as f:
        w = csv.writer(f)
        w.writerow(["label", "message"])
        for i in range(60):
            w.writerow(
                ["1", f"{rng.choice(SPAM)} {i}"]
                if i % 2
                else ["0", f"{rng.choice(POLITE)} чат {i}"]
            )
    with open(
        root / "telegram_news_posts/telegram_news_posts.csv", "w", newline="", encoding="utf-8"
    ) as f:
        w = csv.writer(f)
        w.writerow(["message_id", "sender_id", "channel", "date", "category", "text"])
        for i in range(40):
            w.writerow(
                [
                    i,
                    1,
                    "news",
                    "2024-01-01",
                    "x",
                    f"В области открыли новую больницу номер {i}. Работы идут.",
                ]
            )
    write_tiny_extra(root, rng)
    (root / "lexicons/censor-text_profanity-list_ru.txt").write_text("pizdec\nhuy\n")
    (root / "lexicons/alla-g_bad_wordlist.txt").write_text("блядь\nдебил\nхуйня\n")


def write_tiny_extra(root, rng):
    extra = root / "extra"
    for folder in ("ok_toxic_vyhuholl", "spb_citizen_appeals", "ru_abusive_sariellee"):
        (extra / folder).mkdir(parents=True)
    with open(extra / "ok_toxic_vyhuholl/ok_toxic_vyhuholl.csv", "w", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label", "toxic", "likely_origin"])
        for i in range(20):
            w.writerow([f"{rng.choice(TOXIC)} ок {i}", "toxic", 1, "ok_ru"])
    with open(extra / "spb_citizen_appeals/spb_citizen_appeals.csv", "w", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label", "district", "rude_flag", "toxic"])
        for i in range(20):
            w.writerow([f"Просьба убрать мусор у дома {i}. Примите меры.", "x", "y", 0, 0])
    with open(extra / "ru_abusive_sariellee/ru_abusive_sariellee.csv", "w", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label", "toxic", "hate_speech_0_3", "sentiment", "subsource"])
        for i in range(20):
            toxic = i % 2
            text = rng.choice(TOXIC if toxic else POLITE)
            w.writerow([f"{text} твит {i}", "x", toxic, 2 * toxic, 0, "t"])


@pytest.mark.slow
def test_it_trains_a_model_that_loads(tmp_path, capsys):
    write_tiny_data(tmp_path)
    out = tmp_path / "model"
    assert (
        main(
            ["moderate", "train", "--data", str(tmp_path), "--out", str(out), "--folds", "2"]
            + ["--cache", ""]
        )
        == 0
    )
    assert "thresholds" in capsys.readouterr().out
    model = TextModel.load(out)
    assert model.outputs == ("insult", "spam")
    assert json.loads((out / "thresholds.json").read_text())["delete"]["obscenity"] == 0.9
    assert "блядь" in (out / "obscene_words.txt").read_text()
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["samples"]["ok"] == 20 and metrics["samples"]["appeals"] == 20
    assert "ok" in metrics["before_after"]["after"]["leave_one_source_out"]
    thresholds = (out / "thresholds.json").read_text()
    args = ["moderate", "train", "--data", str(tmp_path), "--out", str(out), "--cache", ""]
    assert main([*args, "--report-only"]) == 0
    redone = json.loads((out / "metrics.json").read_text())
    assert "report_only_seconds" in redone and redone["thresholds"] == metrics["thresholds"]
    assert (out / "thresholds.json").read_text() == thresholds


def test_it_refuses_a_missing_data_folder(tmp_path, capsys):
    assert (
        main(["moderate", "train", "--data", str(tmp_path / "nope"), "--out", str(tmp_path)]) == 2
    )


def test_it_survives_lone_surrogates(monkeypatch, capsys):
    rows = run_classify(monkeypatch, capsys, ['{"id": "\\ud800", "text": "x\\udc00y"}'])
    assert rows[0]["id"] == "?" and rows[0]["action"] in ("keep", "review", "delete")
