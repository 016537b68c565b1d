from gospablik.style import check
from gospablik.style.model import Issue
from gospablik.style.summary import summarize


def issue(rule: str, category: str, message: str = "m") -> Issue:
    return Issue(rule, category, 0, 1, message, None)


def test_it_agrees_numbers_in_russian():
    issues = [issue("a", "bureaucratese")] * 5 + [issue("b", "cliche")] * 21
    assert summarize(issues) == "5 канцеляризмов, 21 штамп"


def test_it_names_the_longest_of_several_long_sentences():
    issues = [
        issue("long_sentence", "readability", "Предложение из 30 слов: …"),
        issue("long_sentence", "readability", "Предложение из 41 слова: …"),
    ]
    assert summarize(issues) == "2 длинных предложения (самое — 41 слово)"


def test_it_summarizes_a_real_report():
    summary = check("В целях экономии данное мероприятие отменено.").summary
    assert summary.startswith("3 канцеляризма")
