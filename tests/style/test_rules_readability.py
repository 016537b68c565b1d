from gospablik.style.document import Document
from gospablik.style.rules.readability import (
    HardToRead,
    LongParagraph,
    LongSentence,
    flesch_oborneva,
    text_stats,
)

from .helpers import passages


def test_it_flags_sentences_over_25_words_with_their_length():
    words = " ".join(["слово"] * 26) + "."
    issues = list(LongSentence().find(Document.of(words)))
    assert [i.message for i in issues] == ["Предложение из 26 слов: разбейте на два-три"]
    assert passages(LongSentence(), " ".join(["слово"] * 25) + ".") == []


def test_it_measures_paragraphs_by_line():
    fits = ("Строка текста. " * 30).strip()
    assert passages(LongParagraph(), "\n".join([fits] * 3)) == []
    long = ("Строка текста. " * 45).strip()
    assert passages(LongParagraph(), fits + "\n" + long) == [long]


def test_it_gives_easier_texts_a_higher_flesch_index():
    easy = text_stats(Document.of("Мы тут. Дом наш. Кот спит."))["flesch_oborneva"]
    hard = flesch_oborneva(words=30, sentences=1, syllables=120)
    assert easy > 80 > hard


def test_it_does_not_judge_short_texts_by_the_index():
    assert passages(HardToRead(), "Информационно-телекоммуникационное взаимодействие.") == []


def test_it_reports_stats():
    stats = text_stats(Document.of("Привет, Кузбасс! Читайте https://a.ru #здоровье"))
    assert (stats["words"], stats["sentences"], stats["links"], stats["hashtags"]) == (3, 2, 1, 1)
