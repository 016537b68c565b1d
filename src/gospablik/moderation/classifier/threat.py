"""Threat patterns (угрозы): first-person violent verbs, threatening set phrases, calls
to violence. The shared data has no threat label, so these are hand-written rules;
``ToxicityModel`` combines their strength with the toxicity score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OBJECT = (
    r"(?:тебя|тебе|тя|те|вас|вам|твою|твоего|твоих|твой|твоих|его|ее|их|всех|каждого|этих|таких)"
)
_VERBS_1SG = (
    r"убью|убьем|прибью|пришибу|урою|зарою|закопаю|зарежу|прирежу|порежу|застрелю|пристрелю"
    r"|перестреляю|расстреляю|задушу|придушу|удавлю|повешу|сожгу|подожгу|спалю|взорву|утоплю"
    r"|покалечу|изобью|отпизжу|выпотрошу|размажу|грохну|замочу|прикончу|уебу|въебу|ебну"
    r"|порешу|прирежем|зарежем|сожжем|закопаем|пристрелим"
)
_PHRASES = (
    r"найду тебя|найдем тебя|найду и|найдем и|найду где ты|знаю где ты"
    r"|знаю где (?:ты )?жив[её]шь|жди гостей|ты труп|вы трупы"
    r"|тебе (?:конец|хана|пиздец|не жить|кранты|не жилец)|вам (?:конец|хана|не жить)"
    r"|(?:голову|башку|бошку|руки|ноги|яйца|язык) (?:тебе )?"
    r"(?:оторву|отрежу|откручу|переломаю|сверну|вырву)"
    r"|(?:приду|приеду|доберусь)(?: к тебе| до тебя| домой)? и|вычислю по"
    r"|живым не (?:уйдешь|уйдете)"
    r"|пожалеешь,? что родил|поставлю на ножи|пущу на органы|на куски (?:порву|разорву|порежу)"
)
_CALLS = (
    r"(?:надо|нужно|пора|следует|давно пора|всех) (?:их |его |ее |всех )?"
    r"(?:расстрелять|повесить|убить|сжечь|перестрелять|вешать|стрелять|уничтожить|закопать|утопить"
    r"|зарезать|четвертовать|посадить на кол)"
    r"|(?:расстрелять|повесить|перестрелять|сжечь|перебить) (?:их|всех|этих|таких|его|ее)"
)


@dataclass(frozen=True)
class ThreatRule:
    key: str
    strength: float
    pattern: re.Pattern[str]
    explanation: str


def _rule(key: str, strength: float, body: str, explanation: str) -> ThreatRule:
    pattern = re.compile(rf"(?<![а-я])(?<!не )(?:{body})(?![а-я])")
    return ThreatRule(key, strength, pattern, explanation)


THREAT_RULES = (
    _rule(
        "verb+object",
        0.9,
        rf"(?:{_VERBS_1SG}) {_OBJECT}|{_OBJECT} (?:{_VERBS_1SG})",
        "Угроза расправой",
    ),
    _rule("phrase", 0.85, _PHRASES, "Угрожающее выражение"),
    _rule("verb", 0.7, _VERBS_1SG, "Глагол насилия от первого лица"),
    _rule("call", 0.65, _CALLS, "Призыв к насилию"),
)


_ANY_THREAT = re.compile("|".join(rule.pattern.pattern for rule in THREAT_RULES))


@dataclass(frozen=True)
class ThreatHit:
    start: int
    end: int
    rule: ThreatRule


def find_threats(normalized: str) -> list[ThreatHit]:
    """Return threat hits in a normalized text, strongest rule first, without overlaps.

    >>> [(h.rule.key, normalized[h.start:h.end])
    ...  for normalized in ["я тебя найду и убью тебя"] for h in find_threats(normalized)]
    [('verb+object', 'убью тебя'), ('phrase', 'найду и')]
    >>> find_threats("хочу убить время до вечера"), find_threats("я тебя не убью")
    ([], [])
    """
    hits: list[ThreatHit] = []
    if not _ANY_THREAT.search(normalized):  # one cheap pass for the usual, harmless text
        return hits
    for rule in THREAT_RULES:
        for match in rule.pattern.finditer(normalized):
            if not any(h.start < match.end() and match.start() < h.end for h in hits):
                hits.append(ThreatHit(match.start(), match.end(), rule))
    return hits
