"""A broken policy file, explained in Russian: which file, which line, which field, what.

>>> print(PolicyError("policy.yaml", [Issue("approvals.operational.amount", "плохо", 42)]))
Политика policy.yaml не загружена:
  policy.yaml, строка 42, поле approvals.operational.amount: плохо
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from gospablik.policy.consistency import ERROR_TYPE
from gospablik.policy.yamlpos import PositionMap, path_at_line


@dataclass(frozen=True)
class Issue:
    path: str  # dotted field path, "" for the whole file
    message: str  # in Russian
    line: int | None = None  # 1-based line in the file, when known
    column: int | None = None  # 1-based, for syntax errors


class PolicyError(ValueError):
    """A policy that cannot be loaded; ``issues`` lists every problem found.

    ``PolicyError("текст")`` (no issues) is a plain message, like any ValueError.

    >>> str(PolicyError("key: политика относится к другому министерству"))
    'key: политика относится к другому министерству'
    """

    def __init__(self, source: str, issues: list[Issue] | None = None) -> None:
        self.source = source
        self.issues = list(issues or [])
        super().__init__(self.render() if issues is not None else source)

    def render(self) -> str:
        lines = [f"Политика {self.source} не загружена:"]
        lines += [f"  {self._where(issue)}: {issue.message}" for issue in self.issues]
        return "\n".join(lines)

    def _where(self, issue: Issue) -> str:
        where = self.source
        if issue.line is not None:
            where += f", строка {issue.line}"
        if issue.column is not None:
            where += f", столбец {issue.column}"
        if issue.path:
            where += f", поле {issue.path}"
        return where


def show(value: Any) -> str:
    """A value as the user wrote it: strings in «quotes», numbers as they are."""
    if isinstance(value, str):
        return f"«{value}»"
    if isinstance(value, dict):
        return "набор полей"
    if isinstance(value, list):
        return "список"
    if value is None:
        return "пустое значение"
    return str(value)


def _kind(value: Any) -> str:
    return "целое число" if isinstance(value, int) and not isinstance(value, bool) else "число"


def _compare(sign: str, key: str) -> Callable[[ErrorDetails], str]:
    def message(error: ErrorDetails) -> str:
        ctx = error.get("ctx", {})
        value = error["input"]
        return f"ожидалось {_kind(value)} {sign} {ctx.get(key)}, получено {show(value)}"

    return message


def _got(expected: str) -> Callable[[ErrorDetails], str]:
    return lambda error: f"ожидалось {expected}, получено {show(error['input'])}"


def _from_ctx_error(error: ErrorDetails) -> str:
    return str(error.get("ctx", {}).get("error", error["msg"]))


def _literal(error: ErrorDetails) -> str:
    expected = str(error.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
    return f"недопустимое значение {show(error['input'])}; допустимы: {expected}"


def _too_short(error: ErrorDetails) -> str:
    return f"нужно не меньше {error.get('ctx', {}).get('min_length')} элементов (значений)"


_MESSAGES: dict[str, Callable[[ErrorDetails], str]] = {
    "missing": lambda _: "обязательное поле не указано",
    "extra_forbidden": lambda _: "неизвестное поле (проверьте написание)",
    "int_type": _got("целое число"),
    "int_parsing": _got("целое число"),
    "int_from_float": _got("целое число"),
    "float_type": _got("число"),
    "float_parsing": _got("число"),
    "bool_type": _got("true или false"),
    "bool_parsing": _got("true или false"),
    "string_type": _got("текст"),
    "string_too_short": lambda _: "значение не может быть пустым",
    "string_too_long": _got("более короткое значение"),
    "string_pattern_mismatch": _got("строчные латинские буквы, цифры и дефисы"),
    "greater_than": _compare(">", "gt"),
    "greater_than_equal": _compare("≥", "ge"),
    "less_than": _compare("<", "lt"),
    "less_than_equal": _compare("≤", "le"),
    "literal_error": _literal,
    "too_short": _too_short,
    "list_type": _got("список"),
    "dict_type": _got("набор полей"),
    "model_type": _got("набор полей"),
    "model_attributes_type": _got("набор полей"),
    "date_type": _got("дата ГГГГ-ММ-ДД"),
    "date_parsing": _got("дата ГГГГ-ММ-ДД"),
    "date_from_datetime_parsing": _got("дата ГГГГ-ММ-ДД"),
    "time_type": _got('время "ЧЧ:ММ" в кавычках'),
    "time_parsing": _got('время "ЧЧ:ММ" в кавычках'),
    "value_error": _from_ctx_error,
    "assertion_error": _from_ctx_error,
}


def dotted(loc: tuple[int | str, ...]) -> str:
    """pydantic's error location as a dotted path: ('a', 0, 'b') → 'a.0.b'."""
    return ".".join(str(part) for part in loc)


def _issues_of(error: ErrorDetails, positions: PositionMap) -> list[Issue]:
    base = dotted(error["loc"])
    if error["type"] == ERROR_TYPE:
        pairs = error.get("ctx", {}).get("problems", [])
        return [Issue(path, message, positions.line_of(path)) for path, message in pairs]
    translate = _MESSAGES.get(error["type"], lambda e: e["msg"])
    return [Issue(base, translate(error), positions.line_of(base))]


def validation_issues(exc: ValidationError, positions: PositionMap) -> list[Issue]:
    """Every pydantic error as an :class:`Issue` with its line (from ``positions``)."""
    return [issue for error in exc.errors() for issue in _issues_of(error, positions)]


# Messages of PyYAML and of libyaml (CSafeLoader), by prefix, for the usual mistakes.
_YAML_PROBLEMS = {
    "mapping values are not allowed": "двоеточие в неожиданном месте "
    "(значение с двоеточием возьмите в кавычки)",
    "could not find expected ':'": "после ключа не найдено двоеточие",
    "found character '\\t' that cannot start any token": "табуляция недопустима, "
    "отступы делаются пробелами",
    "found character that cannot start any token": "недопустимый символ: табуляцию замените "
    "пробелами, значение с символами @ или ` возьмите в кавычки",
    "found a tab character": "табуляция недопустима, отступы делаются пробелами",
    "found unexpected end of stream": "файл оборвался: не закрыта кавычка или скобка",
    "did not find expected key": "неверный отступ: ожидался ключ",
    "expected <block end>": "неверный отступ",
    "expected ',' or ']'": "не закрыта квадратная скобка [ ]",
    "did not find expected ',' or ']'": "не закрыта квадратная скобка [ ]",
    "expected ',' or '}'": "не закрыта фигурная скобка { }",
    "did not find expected ',' or '}'": "не закрыта фигурная скобка { }",
    "found undefined alias": "ссылка * на неизвестную метку &",
}


def _russian_problem(problem: str) -> str:
    for english, russian in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return russian
    return f"ошибка синтаксиса YAML ({problem})"


def yaml_issue(exc: yaml.YAMLError, text: str) -> Issue:
    """A YAML syntax error with its line and the field around it."""
    mark = getattr(exc, "problem_mark", None)
    russian = _russian_problem(str(getattr(exc, "problem", None) or exc))
    if mark is None:
        return Issue("", russian)
    context = getattr(exc, "context_mark", None)
    if context is not None and context.line != mark.line:
        russian += f" (конструкция начата в строке {context.line + 1})"
    line = mark.line + 1
    return Issue(path_at_line(text, line), russian, line, mark.column + 1)
