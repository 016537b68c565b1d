"""Spam: hand-written signals (links, phones, "earn from home", repeated texts) and the
trained model. Both produce ``spam`` findings; the pipeline takes the strongest.

The heuristics alone stay below the default delete threshold except for a text
repeated by the same author: on their own they send a comment to review at most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gospablik.moderation.classifier.core import Finding, Item
from gospablik.moderation.classifier.normalize import normalize
from gospablik.moderation.classifier.text_model import TextModel


@dataclass(frozen=True)
class SpamSignal:
    key: str
    pattern: str
    explanation: str


def _signal(key: str, body: str, explanation: str) -> SpamSignal:
    return SpamSignal(key, body, explanation)


CONTACTS = (
    _signal("link", r"\[link\]", "ссылка"),
    _signal("phone", r"\[phone\]", "номер телефона"),
    _signal("username", r"\[username\]|\[email\]", "контакт для связи"),
)
OFFERS = (
    _signal("earn", r"заработ(?:ок|ай|аешь|ать|ком)|доход(?:ом)? от|пассивн\w+ доход", "заработок"),
    _signal(
        "amount",
        r"от \d[\d ]*(?:\[currency\]|р|руб|к|тыс)"
        r"|\d+ ?(?:\[currency\]|р|руб|к|тыс)\.? (?:в|за) (?:день|неделю|час|смену)",
        "суммы «от … в день»",
    ),
    _signal(
        "remote",
        r"удал[её]нн|на дому|из дома|в свободное время|пару часов в день|\d+ час\w* в день",
        "работа из дома",
    ),
    _signal(
        "dm",
        r"пиши(?:те)? (?:в |мне )?(?:лс|личк|личные|директ|\+)|в лс|ждем в лс|подробности в",
        "зовут в личные сообщения",
    ),
    _signal(
        "hiring",
        r"требуются|ищу (?:людей|сотрудник|партнер|ребят)|набираю (?:команду|людей)"
        r"|нужны люди|вакансия",
        "набор «сотрудников»",
    ),
    _signal(
        "finance",
        r"инвестиц|крипт|казино|ставк[иа] на спорт|букмекер|бонус|промокод|без вложений"
        r"|кредит|займ",
        "финансовые предложения",
    ),
    _signal(
        "adult",
        r"интим|эскорт|массаж|знакомств|секс|18\+|девушк\w* (?:ждут|ищут|для)|жд[её]т тебя"
        r"|в гости|пополню баланс",
        "интим-услуги и знакомства",
    ),
    _signal(
        "promo",
        r"подпис(?:ывайтесь|ывайся|ись) на|переходи(?:те)? по|жми на|скидк|акция|бесплатн",
        "реклама",
    ),
)
# All signals in one pass; the key of the alternative that matched is its group name.
_ANY_SIGNAL = re.compile(
    "(?<![а-я])(?:" + "|".join(f"(?P<{s.key}>{s.pattern})" for s in CONTACTS + OFFERS) + ")"
)
# offer signals -> (score, score when a link/phone/username is also there)
OFFER_SCORES = {0: (0.0, 0.0), 1: (0.0, 0.45), 2: (0.5, 0.65), 3: (0.7, 0.8), 4: (0.8, 0.85)}
SIMILARITY = 0.8
# A text of fewer than SHORT_WORDS words without any contact is rarely spam (1.7% of the
# spam set, half of ordinary chat messages): the model's score is multiplied by SHORT_FACTOR.
SHORT_WORDS = 5
SHORT_FACTOR = 0.15
_WORDS = re.compile(r"[а-яa-z0-9]+")
_CONTACT = re.compile(r"\[(?:link|phone|username|email)\]")


def content_factor(normalized: str) -> float:
    """How much of the spam model's score a text keeps.

    >>> content_factor("здравствуйте"), content_factor("пиши [username]")
    (0.15, 1.0)
    """
    if _CONTACT.search(normalized) or len(_WORDS.findall(normalized)) >= SHORT_WORDS:
        return 1.0
    return SHORT_FACTOR


class SpamHeuristics:
    """Links, contacts, "earn from home" offers and texts repeated by the same author.

    >>> heuristics = SpamHeuristics()
    >>> [f.score for f in heuristics.analyze(Item(
    ...     "Заработок от 5000р в день, без вложений! Пиши в лс @rich_bot"))]
    [0.85]
    >>> heuristics.analyze(Item("Когда починят дорогу на улице Ленина?"))
    []
    """

    name: str = "spam_heuristics"
    categories: tuple[str, ...] = ("spam",)

    def analyze(self, item: Item) -> list[Finding]:
        findings = [f for f in (self._offers(item), self._repeated(item)) if f is not None]
        return findings

    def _offers(self, item: Item) -> Finding | None:
        first: dict[str, re.Match[str]] = {}
        for match in _ANY_SIGNAL.finditer(item.normalized):
            first.setdefault(str(match.lastgroup), match)
        offers = [(s, first[s.key]) for s in OFFERS if s.key in first]
        contacts = [(s, first[s.key]) for s in CONTACTS if s.key in first]
        score = _offer_score(len(offers), len(contacts))
        if score == 0.0:
            return None
        fired = offers + contacts
        spans = item.spans([(m.start(), m.end(), f"spam:{s.key}") for s, m in fired])
        names = ", ".join(s.explanation for s, _ in fired)
        return Finding("spam", score, spans, f"Признаки рекламной рассылки: {names}")

    def _repeated(self, item: Item) -> Finding | None:
        context = item.context
        if len(item.normalized) < 20 or not (context.recent_by_author or context.recent_on_account):
            return None
        by_author = _similar_count(item.normalized, item.context.recent_by_author)
        on_account = _similar_count(item.normalized, item.context.recent_on_account)
        score = 0.95 if by_author >= 2 else 0.75 if by_author == 1 or on_account >= 3 else 0.0
        if score == 0.0:
            return None
        explanation = (
            f"Повтор текста: автор уже писал его {by_author} раз(а), "
            f"на странице он встречается {on_account} раз(а)"
        )
        spans = item.spans([(0, len(item.normalized), "spam:repeated")])
        return Finding("spam", score, spans, explanation)


def _offer_score(offers: int, contacts: int) -> float:
    """Score by the number of offer signals, raised when a contact is given."""
    base, with_contact = OFFER_SCORES[min(offers, 4)]
    return with_contact if contacts else base


def _shingles(text: str) -> set[str]:
    return {text[i : i + 5] for i in range(max(len(text) - 4, 1))}


def _similar_count(normalized: str, others: Sequence[str]) -> int:
    mine = _shingles(normalized)
    count = 0
    for other in others:
        theirs = _shingles(normalize(other))
        if len(mine & theirs) / max(len(mine | theirs), 1) >= SIMILARITY:
            count += 1
    return count


class SpamModel:
    """The linear model trained on the shared spam set against ordinary comments.

    >>> from gospablik.moderation.classifier.text_model import TextModel
    >>> model = SpamModel(TextModel.load())
    >>> offer = Item("Требуются люди на подработку, 3000р в день, пишите в лс")
    >>> model.analyze(offer)[0].score > 0.9
    True
    >>> model.analyze(Item("Спасибо врачам областной больницы за помощь маме!"))[0].score < 0.1
    True
    """

    name: str = "spam_model"
    categories: tuple[str, ...] = ("spam",)

    def __init__(self, model: TextModel) -> None:
        self.model = model

    def analyze(self, item: Item) -> list[Finding]:
        return self.analyze_many([item])[0]

    def analyze_many(self, items: Sequence[Item]) -> list[list[Finding]]:
        column = self.model.outputs.index("spam")
        scores = self.model.probabilities(items)[:, column]
        return [
            [self._finding(item, float(s) * content_factor(item.normalized))]
            for item, s in zip(items, scores, strict=True)
        ]

    def _finding(self, item: Item, score: float) -> Finding:
        text = f"Модель спама: вероятность {score:.2f} (обучена на рассылках из чатов)"
        return Finding("spam", score, [], text)
