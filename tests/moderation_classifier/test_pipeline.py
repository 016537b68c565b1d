import pytest

from gospablik.moderation.classifier import (
    Finding,
    Item,
    Pipeline,
    Thresholds,
    default_pipeline,
)
from gospablik.moderation.classifier.core import Verdict


class AlwaysSpam:
    name = "always_spam"
    categories: tuple[str, ...] = ("spam",)

    def analyze(self, item: Item) -> list[Finding]:
        return [Finding("spam", 0.8, [], "тест")]


THRESHOLDS = Thresholds({"spam": 0.5}, {"spam": 0.9}, {"spam": 0.5}, {"spam": 0.7})


def test_it_runs_injected_components():
    verdict = Pipeline([AlwaysSpam()], THRESHOLDS).classify("что угодно")
    assert verdict.labels == ["spam"]
    assert verdict.scores == {"spam": 0.8}
    assert verdict.action == "hide"


def test_it_maps_hide_to_review_for_the_cli():
    verdict = Pipeline([AlwaysSpam()], THRESHOLDS).classify("что угодно")
    assert verdict.to_json("1") == {
        "id": "1",
        "labels": ["spam"],
        "scores": {"obscenity": 0.0, "insult": 0.0, "threat": 0.0, "spam": 0.8},
        "action": "review",
    }


class CappedSpam:
    name = "capped_spam"
    categories: tuple[str, ...] = ("spam",)

    def analyze(self, item: Item) -> list[Finding]:
        return [Finding("spam", 0.99, [], "тест", ceiling="review")]


def test_it_holds_a_finding_to_its_ceiling():
    verdict = Pipeline([CappedSpam()], THRESHOLDS).classify("что угодно")
    assert verdict.labels == ["spam"] and verdict.scores == {"spam": 0.99}
    assert verdict.action == "review"
    both = Pipeline([CappedSpam(), AlwaysSpam()], THRESHOLDS).classify("что угодно")
    assert both.action == "hide"


@pytest.mark.parametrize("name", ["ministry_eval.tsv", "vk_real/tune.tsv"])
def test_it_never_deletes_our_hand_labelled_citizens_on_its_own(name):
    """Every ordinary comment and every rude-but-lawful criticism of the hand-labelled
    ministry set (``data/moderation/ministry_eval.tsv``, never trained on) and of the
    tuning part of the labelled real VK comments (``data/moderation/vk_real``) is kept or
    sent to a moderator, never deleted by the classifier alone. (Their test part deletes
    one of 831: docs/moderation-model.md; it is not tuned on, so not asserted here.)"""
    from gospablik.moderation.classifier.training.data import read_labelled
    from gospablik.moderation.classifier.training.handset import CLEAN, EVAL_SET

    texts = [text for label, text in read_labelled(EVAL_SET.parent / name) if label in CLEAN]
    assert len(texts) >= 200
    verdicts = default_pipeline(explain=False).classify_many(texts)
    assert [t for t, v in zip(texts, verdicts, strict=True) if v.action == "delete"] == []


def test_an_insult_aimed_at_the_authority_is_deleted_and_criticism_kept():
    """data/moderation/LABELLING.md: name-calling of the ministry's staff is an insult even
    when a complaint comes with it, and an unambiguous insult word that the model confirms
    deletes; a rhetorical question or a harsh word about the work is criticism."""
    pipeline = default_pipeline()
    insult = pipeline.classify("Вы там совсем идиоты? Третий месяц не можем записаться")
    assert insult.labels == ["insult"] and insult.action == "delete"
    assert "идиоты" in insult.findings[-1].explanation
    for text in (
        "Вы там совсем с ума сошли? Третий месяц не можем записаться",
        "Позор такой работе, третий месяц не можем записаться",
        "Идиотизм какой-то: третий месяц не можем записаться",
    ):
        assert pipeline.classify(text).action != "delete", text


def test_it_keeps_polite_comments():
    verdict = default_pipeline().classify("Спасибо врачам за внимательное отношение к маме!")
    assert verdict.labels == [] and verdict.action == "keep"
    assert verdict.findings == []


def test_it_deletes_obscene_comments_and_explains_why():
    verdict = default_pipeline().classify("Вы там совсем х.у.е.с.о.с.ы")
    assert "obscenity" in verdict.labels
    assert verdict.action == "delete"
    finding = next(f for f in verdict.findings if f.category == "obscenity")
    assert finding.spans[0].text == "х.у.е.с.о.с.ы"


def test_it_sends_masked_obscenity_to_review():
    verdict = default_pipeline().classify("Ну и бл* же")
    assert verdict.scores["obscenity"] < 0.9
    assert verdict.action in ("review", "delete")


def test_it_classifies_many_like_one_by_one():
    texts = ["Спасибо!", "Ты дебил", "Работа на дому от 5000р в день, пиши в лс", "х*й"] * 70
    pipeline = default_pipeline()
    many = pipeline.classify_many(texts)
    assert [v.to_json(0) for v in many[:4]] == [pipeline.classify(t).to_json(0) for t in texts[:4]]
    assert len(many) == len(texts)


def test_it_reports_all_cli_scores():
    verdict: Verdict = default_pipeline().classify("")
    assert set(verdict.to_json(None)["scores"]) == {"obscenity", "insult", "threat", "spam"}


def test_it_scores_the_same_with_and_without_explanations():
    texts = ["Ты тупой дебил, я тебя найду", "Работа на дому от 5000р в день, пиши в лс", "х*й"]
    explained = default_pipeline().classify_many(texts)
    bare = default_pipeline(explain=False).classify_many(texts)
    assert [v.scores for v in explained] == [v.scores for v in bare]
    assert any(f.spans for v in explained for f in v.findings)
    assert not any(f.spans for v in bare for f in v.findings)


def test_it_never_deletes_for_a_threat_alone():
    pipeline = default_pipeline()
    assert "threat" not in pipeline.thresholds.delete
    verdict = pipeline.classify("Я знаю где ты живешь, жди гостей")
    assert "threat" in verdict.labels
