"""Russian style checker: bureaucratese, press-release patterns, readability, network fit.

Plain Python (no Django). ``check(text)`` gives a :class:`Report` with a 0–10 score.

>>> report = check("Данное мероприятие осуществляется в целях информирования населения.")
>>> report.score < 7
True
>>> check("Завтра открываем поликлинику. Приходите!").score
10.0
"""

from gospablik.style.checker import StyleChecker, check, default_checker
from gospablik.style.model import CATEGORIES, Issue, LexiconEntry, Report, Rule

__all__ = [
    "CATEGORIES",
    "Issue",
    "LexiconEntry",
    "Report",
    "Rule",
    "StyleChecker",
    "check",
    "default_checker",
]
