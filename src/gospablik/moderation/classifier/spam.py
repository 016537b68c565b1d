"""Spam: the trained model with hand-written offer signals (links, phones, "earn from
home") and signals of form (``spam_stack.py``), and texts repeated by the same author
or on the account. Both produce ``spam`` findings; the pipeline takes the strongest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gospablik.moderation.classifier.core import Finding, Item, Span
from gospablik.moderation.classifier.courtesy import is_polite_request
from gospablik.moderation.classifier.normalize import normalize
from gospablik.moderation.classifier.spam_stack import (
    SpamStack,
    form_signals,
    logit,
    mixed_script_words,
)
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


@dataclass(frozen=True)
class Offers:
    """The offer and contact signals found in a text, and their combined score."""

    score: float
    fired: list[tuple[SpamSignal, re.Match[str]]]


def find_offers(normalized: str) -> Offers:
    """
    >>> offers = find_offers("заработок от 5000[currency] в день, пиши в лс [username]")
    >>> offers.score, [s.key for s, _ in offers.fired]
    (0.8, ['earn', 'amount', 'dm', 'username'])
    >>> find_offers("когда починят дорогу на улице ленина?").score
    0.0
    """
    first: dict[str, re.Match[str]] = {}
    for match in _ANY_SIGNAL.finditer(normalized):
        first.setdefault(str(match.lastgroup), match)
    offers = [(s, first[s.key]) for s in OFFERS if s.key in first]
    contacts = [(s, first[s.key]) for s in CONTACTS if s.key in first]
    base, with_contact = OFFER_SCORES[min(len(offers), 4)]
    score = with_contact if contacts else base
    return Offers(score, offers + contacts if score else [])


class SpamHeuristics:
    """A text repeated by the same author or on the account.

    >>> from gospablik.moderation.classifier.core import Context
    >>> text = "Купите наши окна со скидкой, лучшие окна в городе!"
    >>> context = Context(author_id="1", recent_by_author=[text, text])
    >>> [f.score for f in SpamHeuristics().analyze(Item(text, context))]
    [0.95]
    >>> SpamHeuristics().analyze(Item("Когда починят дорогу на улице Ленина?"))
    []
    """

    name: str = "spam_heuristics"
    categories: tuple[str, ...] = ("spam",)

    def analyze(self, item: Item) -> list[Finding]:
        context = item.context
        if len(item.normalized) < 20 or not (context.recent_by_author or context.recent_on_account):
            return []
        by_author = _similar_count(item.normalized, item.context.recent_by_author)
        on_account = _similar_count(item.normalized, item.context.recent_on_account)
        score = 0.95 if by_author >= 2 else 0.75 if by_author == 1 or on_account >= 3 else 0.0
        if score == 0.0:
            return []
        explanation = (
            f"Повтор текста: автор уже писал его {by_author} раз(а), "
            f"на странице он встречается {on_account} раз(а)"
        )
        spans = item.spans([(0, len(item.normalized), "spam:repeated")])
        return [Finding("spam", score, spans, explanation)]


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
    """The text model's spam output combined with offer and form signals.

    A polite request (``courtesy.is_polite_request``) with no contact, link, offer or
    disguised word is never deleted on this score alone: its finding's ceiling is
    ``review`` (citizens ask to be written to in private messages too). Nor is any text
    without a way to reach the sender (link, phone, username, «пиши в лс») or a
    disguised word: on real comments the score alone deleted «давай напиши» and a remark
    about salaries in dollars.

    >>> from gospablik.moderation.classifier.text_model import TextModel, sigmoid
    >>> model = SpamModel(TextModel.load())
    >>> offer = Item("Требуются люди на подработку, 3000р в день, пишите в лс")
    >>> model.analyze(offer)[0].score > 0.9
    True
    >>> model.analyze(Item("Спасибо врачам областной больницы за помощь маме!"))[0].score < 0.1
    True
    """

    name: str = "spam_model"
    categories: tuple[str, ...] = ("spam",)

    def __init__(self, model: TextModel, stack: SpamStack | None = None) -> None:
        self.model = model
        self.stack = stack or SpamStack.load()

    def analyze(self, item: Item) -> list[Finding]:
        return self.analyze_many([item])[0]

    def analyze_many(self, items: Sequence[Item]) -> list[list[Finding]]:
        column = self.model.outputs.index("spam")
        probabilities = self.model.probabilities(items)[:, column]
        return [self._analyze(item, float(p)) for item, p in zip(items, probabilities, strict=True)]

    def _analyze(self, item: Item, probability: float) -> list[Finding]:
        offers = find_offers(item.normalized)
        signals = form_signals(item.text, item.normalized, offers.score)
        score = self.stack.probability(logit(probability), signals)
        spans = self._spans(item, offers)
        explanation = _explain(score, offers, signals)
        if is_polite_request(item.normalized) and not has_evidence(signals):
            explanation += "; вежливое обращение без контактов и предложений: только на проверку"
            return [Finding("spam", score, spans, explanation, ceiling="review")]
        if not can_delete(signals, offers):
            explanation += "; нет контактов для связи: только на проверку"
            return [Finding("spam", score, spans, explanation, ceiling="review")]
        return [Finding("spam", score, spans, explanation)]

    def _spans(self, item: Item, offers: Offers) -> list[Span]:
        if not item.explain:
            return []
        fired = item.spans([(m.start(), m.end(), f"spam:{s.key}") for s, m in offers.fired])
        mixed = [
            Span(m.start(), m.end(), m.group(), "spam:mixed_script")
            for m in mixed_script_words(item.text)
        ]
        return fired + mixed


def has_evidence(signals: dict[str, float]) -> bool:
    """Whether a text shows spam beyond its wording: an offer, a contact, a link or a
    word disguised with Latin letters or digits (``signals`` from ``form_signals``)."""
    keys = ("offers", "links", "phones", "usernames", "mixed_words")
    return any(signals[key] > 0 for key in keys)


def can_delete(signals: dict[str, float], offers: Offers) -> bool:
    """Whether a spam text may be deleted automatically: it gives a way to reach the
    sender (link, phone, username, a call to write in private) or disguises a word."""
    keys = ("links", "phones", "usernames", "mixed_words")
    return any(signals[key] > 0 for key in keys) or any(s.key == "dm" for s, _ in offers.fired)


def _explain(score: float, offers: Offers, signals: dict[str, float]) -> str:
    text = f"Модель спама: вероятность {score:.2f}"
    signs = [s.explanation for s, _ in offers.fired]
    if signals["mixed_words"]:
        signs.append("слова из смеси кириллицы с латиницей или цифрами")
    return f"{text}; признаки рекламной рассылки: {', '.join(signs)}" if signs else text
