"""Press-release structure: the opening, officials' full titles, no word to the reader."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gospablik.style.document import WORD, Document, Span, Token
from gospablik.style.lexicon import word_set
from gospablik.style.model import Issue
from gospablik.style.rules.base import token_issue

ORG_LEMMAS = frozenset(
    {"министерство", "минздрав", "минсоцзащита", "управление", "департамент", "администрация",
     "комитет", "ведомство", "учреждение", "отдел", "правительство", "пресс-служба", "служба"}
)  # fmt: skip
ANNOUNCE_LEMMAS = frozenset(
    {"информировать", "сообщать", "уведомлять", "доводить", "извещать", "объявлять", "разъяснять"}
)
READER_WORDS = frozenset(
    {"вы", "ваш", "ты", "твой", "мы", "наш", "давайте", "спасибо", "пожалуйста", "друзья"}
)
TITLE_BREAKS = frozenset(",.;:!?()—–")
QUOTES = frozenset('"«»„“”')
# Parts of speech a title is made of: «заместитель министра здравоохранения по вопросам …».
TITLE_POS = frozenset({"NOUN", "ADJF", "PREP", "CONJ", "PRTF", "NUMR", None})
INITIAL_RE = re.compile(r"^[А-ЯЁA-Z]$")


def _lemma(token: Token) -> str:
    return token.info.lemma if token.info else ""


@dataclass(frozen=True)
class PressOpening:
    """Начало как у пресс-релиза: «Министерство … информирует».

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(PressOpening(), "Министерство здравоохранения Кузбасса информирует о вакцинации.")
    ['Министерство здравоохранения Кузбасса информирует']
    >>> flagged(PressOpening(), "Прививку от гриппа уже можно сделать в любой поликлинике.")
    []
    """

    name: str = "press_opening"
    category: str = "press_release"
    explanation_ru: str = (
        "Пост начинается как пресс-релиз («Министерство … информирует»). "
        "Начните с главного для читателя: что изменилось и что ему делать."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        for sentence in doc.sentences[:2]:
            tokens = doc.sentence_tokens(sentence)
            org = next((i for i, t in enumerate(tokens) if _lemma(t) in ORG_LEMMAS), None)
            if org is None:
                continue
            verb = next(
                (i for i in range(org + 1, len(tokens)) if _lemma(tokens[i]) in ANNOUNCE_LEMMAS),
                None,
            )
            if verb is not None and verb - org <= 8:
                message = "Начало как у пресс-релиза: начните с того, что важно читателю"
                yield token_issue(
                    self, doc.tokens, sentence.first + org, sentence.first + verb + 1, message,
                    None, 1.5,
                )  # fmt: skip
                return


def _is_name(token: Token) -> bool:
    info = token.info
    if info is None or not token.text[:1].isupper() or token.text.isupper():
        return False
    return info.person and not info.best_has("Geox")


def _capitalized(token: Token) -> bool:
    return token.kind == WORD and token.text[:1].isupper() and not token.text.isupper()


def _name_stop(tokens: Sequence[Token], k: int) -> int:
    """Index after a name that starts at k: up to three capitalized words or initials."""
    stop, parts = k + 1, 1
    while stop < len(tokens) and parts < 3:
        if _capitalized(tokens[stop]):
            stop += 1
        elif (
            INITIAL_RE.match(tokens[stop].text)
            and stop + 1 < len(tokens)
            and tokens[stop + 1].text == "."
        ):
            stop += 2
        else:
            break
        parts += 1
    return stop


def _name_after(tokens: Sequence[Token], start: int) -> tuple[int, int] | None:
    """(first, stop) of the person's name that follows a title, if one follows soon."""
    for k in range(start, min(start + 12, len(tokens))):
        token = tokens[k]
        if token.text in TITLE_BREAKS or token.text in QUOTES:
            return None
        if token.kind != WORD:
            continue
        if token.info is not None and token.info.pos not in TITLE_POS:
            return None
        if _is_name(token) and token.info is not None and token.info.can_be("Name"):
            return k, _name_stop(tokens, k)
    return None


@dataclass(frozen=True)
class OfficialTitle:
    """Полная должность перед именем, как в официальной цитате.

    >>> from gospablik.style.rules.base import flagged
    >>> text = "Об этом рассказал заместитель министра здравоохранения Кузбасса Иван Петров."
    >>> flagged(OfficialTitle(), text)
    ['заместитель министра здравоохранения Кузбасса Иван Петров']
    >>> flagged(OfficialTitle(), "Об этом рассказал губернатор Кузбасса Илья Середюк.")
    []
    """

    name: str = "official_title"
    category: str = "press_release"
    explanation_ru: str = (
        "Полная должность перед именем («заместитель министра здравоохранения Кузбасса по "
        "вопросам…») — примета официальной цитаты. Хватит «министр Иван Петров»."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        positions = word_set("positions.txt")
        for sentence in doc.sentences:
            yield from self._in_sentence(doc, sentence, positions)

    def _in_sentence(
        self, doc: Document, sentence: Span, positions: frozenset[str]
    ) -> Iterator[Issue]:
        tokens = doc.sentence_tokens(sentence)
        i = 0
        while i < len(tokens):
            name = _name_after(tokens, i + 1) if _lemma(tokens[i]) in positions else None
            if name is None:
                i += 1
                continue
            title_words = sum(t.kind == WORD for t in tokens[i : name[0]])
            if title_words >= 4:
                message = f"Должность из {title_words} слов перед именем: сократите до «министр …»"
                first = sentence.first
                yield token_issue(self, doc.tokens, first + i, first + name[1], message, None, 0.6)
            i = name[1]


def addresses_reader(doc: Document) -> bool:
    """True if the text speaks to the reader: «вы», «мы», a question, an imperative."""
    if any(t.text in "?!" for t in doc.tokens):
        return True
    for token in doc.tokens:
        info = token.info
        if info is not None and (
            info.lemma in READER_WORDS or info.can_be("impr") or info.best_has("2per")
        ):
            return True
    return False


@dataclass(frozen=True)
class NoReaderAddress:
    """Длинный текст ни разу не обращается к читателю.

    >>> from gospablik.style.rules.base import flagged
    >>> text = " ".join(["Министерство провело проверку поликлиник области."] * 12)
    >>> [len(p) for p in flagged(NoReaderAddress(), text)] == [len(text)]
    True
    >>> flagged(NoReaderAddress(), text + " Если вас плохо приняли, напишите нам.")
    []
    """

    name: str = "no_reader_address"
    category: str = "press_release"
    explanation_ru: str = (
        "Текст ни разу не обращается к читателю: нет «вы», «мы», вопросов и призывов. "
        "Так пишут пресс-релизы, а не посты."
    )
    min_words: int = 60

    def find(self, doc: Document) -> Iterator[Issue]:
        if doc.word_count < self.min_words or len(doc.sentences) < 3 or addresses_reader(doc):
            return
        message = "Текст ни разу не обращается к читателю: добавьте «вы», вопрос или призыв"
        yield Issue(self.name, self.category, 0, len(doc.text), message, None, 0.4)
