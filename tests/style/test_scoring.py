from gospablik.style.model import Issue
from gospablik.style.scoring import Scoring, score_issues


def issue(category: str, weight: float = 1.0) -> Issue:
    return Issue("r", category, 0, 1, "m", None, weight)


def test_it_gives_10_without_issues():
    assert score_issues([], words=500) == (10.0, {})


def test_it_saturates_towards_zero_but_never_below():
    score, _ = score_issues([issue("bureaucratese")] * 200, words=50)
    assert 0 <= score < 0.5


def test_it_normalizes_by_length():
    few_words, _ = score_issues([issue("passive")] * 3, words=40)
    many_words, _ = score_issues([issue("passive")] * 3, words=400)
    assert few_words < many_words


def test_it_shares_points_by_weight():
    _, penalties = score_issues([issue("a", 3.0), issue("b", 1.0)], words=10)
    assert penalties["a"] == 3 * penalties["b"] or abs(penalties["a"] - 3 * penalties["b"]) < 0.02


def test_it_uses_a_sub_linear_length_factor():
    scoring = Scoring()
    assert scoring.length_factor(40) == 1.0
    assert 1.0 < scoring.length_factor(800) < 10.0
