"""The needs-an-answer classifier: kinds, explanations and the validation figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from gospablik.dialogue.classifier import Classifier, classify
from gospablik.dialogue.classifier.core import read_cues
from gospablik.dialogue.classifier.evaluate import evaluate, read_labelled

DATA = Path(__file__).with_name("data")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Подскажите, где сделать прививку от клеща?", "question"),
        ("Третий день не вывозят мусор у поликлиники, безобразие", "complaint"),
        ("Прошу разобраться с записью к неврологу", "request"),
        ("Спасибо врачам за заботу!", "thanks"),
        ("Хорошая новость", "opinion"),
        ("Спасибо за ответ, а когда откроют запись?", "question"),
    ],
)
def test_it_names_the_kind(text: str, kind: str) -> None:
    assert classify(text).kind == kind


def test_it_marks_only_questions_complaints_and_requests_as_needing_an_answer() -> None:
    assert classify("Когда откроют запись?").needs_answer
    assert not classify("Спасибо большое!").needs_answer
    assert not classify("Интересная статья").needs_answer


def test_it_explains_the_decision_in_russian() -> None:
    verdict = classify("Прошу принять меры")
    assert "просьба" in verdict.reasons


def test_it_scores_between_zero_and_one() -> None:
    for text in ["", "???", "Спасибо спасибо спасибо", "Прошу помогите примите меры"]:
        assert 0 < classify(text).score <= 1


def test_it_reads_yo_as_ye() -> None:
    assert classify("Всё ещё нет света, ужас").kind == classify("Все еще нет света, ужас").kind


def test_an_empty_cue_list_calls_everything_an_opinion() -> None:
    assert Classifier([]).classify("Когда откроют запись?").kind == "opinion"


def test_every_cue_has_an_explanation() -> None:
    assert all(cue.explanation for cue in read_cues())


def test_the_validation_figures_hold() -> None:
    """The model card's figures: a cue change that lowers them must update the card."""
    figures = evaluate(read_labelled(DATA / "validation.tsv"))
    assert figures["needs_answer"].precision >= 0.95
    assert figures["needs_answer"].recall >= 0.9
    assert min(f.recall for f in figures.values()) >= 0.75
