from gospablik.style.document import HASHTAG, MENTION, URL, WORD, Document, tokenize


def test_it_keeps_token_offsets_exact():
    text = "Привет 👋, Кузбасс! Ёлки — в 10:00 на ул. Ленина, 5."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_it_counts_offsets_in_code_points_after_emoji():
    text = "👨‍👩‍👧 Семья 🎉 поликлиника"
    token = next(t for t in tokenize(text) if t.text == "поликлиника")
    assert text[token.start : token.end] == "поликлиника"


def test_it_keeps_urls_hashtags_and_mentions_whole():
    tokens = tokenize("Читайте https://kuzdrav.ru/news/1. #Кузбасс @minzdrav42 и kuzdrav.ru")
    kinds = {t.text: t.kind for t in tokens}
    assert kinds["https://kuzdrav.ru/news/1"] == URL
    assert kinds["#Кузбасс"] == HASHTAG
    assert kinds["@minzdrav42"] == MENTION
    assert kinds["kuzdrav.ru"] == URL


def test_it_keeps_hyphenated_words_and_normalizes_yo():
    token = tokenize("Медико-санитарная ёмкость")[0]
    assert token.kind == WORD and token.text == "Медико-санитарная"
    assert tokenize("ёлка")[0].norm == "елка"


def test_it_splits_headline_lines_into_own_sentences():
    doc = Document.of("Новая поликлиника\n\nОна откроется завтра. Приходите!")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "Новая поликлиника",
        "Она откроется завтра.",
        "Приходите!",
    ]
    assert len(doc.paragraphs) == 2


def test_it_counts_words_per_sentence():
    doc = Document.of("Раз два три. Четыре 5 шесть.")
    assert [s.words for s in doc.sentences] == [3, 2]
    assert doc.word_count == 5


def test_it_handles_empty_text():
    doc = Document.of("")
    assert doc.tokens == [] and doc.sentences == [] and doc.paragraphs == []
