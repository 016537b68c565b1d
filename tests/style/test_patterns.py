import pytest

from gospablik.style.document import Document
from gospablik.style.patterns import PhraseMatcher, compile_pattern


def matches(phrases: list[str], text: str) -> list[str]:
    doc = Document.of(text)
    matcher = PhraseMatcher((p, p) for p in phrases)
    return [
        text[doc.tokens[i].start : doc.tokens[j - 1].end] for i, j, _ in matcher.find(doc.tokens)
    ]


def test_it_matches_every_word_form_by_lemma():
    assert matches(["осуществлять деятельность"], "Он осуществлял деятельность.") == [
        "осуществлял деятельность"
    ]


def test_it_matches_exact_forms_only_with_equals_sign():
    assert matches(["=данной"], "в данной сфере и в данном случае") == ["данной"]


def test_it_checks_grammemes():
    assert matches(["состояться{past} совещание"], "Состоялось совещание.") == [
        "Состоялось совещание"
    ]
    assert matches(["состояться{past} совещание"], "Состоится совещание.") == []


def test_it_prefers_the_longest_match():
    assert matches(["в рамках", "в рамках реализации"], "в рамках реализации проекта") == [
        "в рамках реализации"
    ]


def test_it_does_not_match_across_punctuation():
    assert matches(["в целях"], "в, целях") == []


def test_it_supports_a_wildcard_word():
    assert matches(["осуществлять * деятельность"], "осуществляет свою деятельность") == [
        "осуществляет свою деятельность"
    ]


def test_it_rejects_empty_and_malformed_patterns():
    with pytest.raises(ValueError):
        compile_pattern("   ")
    with pytest.raises(ValueError):
        compile_pattern("слово{NOUN")
