"""VK's ``execute``: a VKScript program that calls up to 25 API methods in one request.

The subset real bots send: ``var x = …;`` and ``return …;`` statements; numbers, strings,
``true``/``false``/``null``, arrays, objects; variables; ``a.b``, ``a[i]``, ``list@.field``;
``+`` and ``-``; and ``API.section.method({...})`` calls. A failing inner call yields
``false`` and an entry in ``execute_errors``, as VK does
(https://dev.vk.com/ru/method/execute).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .emulator_state import VKError

MAX_CALLS = 25
_TOKEN = re.compile(
    r"""\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
    r"""|(?P<name>[A-Za-z_]\w*)|(?P<op>@\.|[{}\[\](),:;.=+-]))"""
)
Dispatch = Callable[[str, dict[str, str]], Any]


@dataclass
class ExecuteResult:
    value: Any
    errors: list[dict[str, Any]] = field(default_factory=list)


def compile_error(detail: str) -> VKError:
    return VKError(12, f"Unable to compile code: {detail}")


def tokenize(code: str) -> list[str]:
    """The code's words and symbols.

    >>> tokenize('return API.users.get({"user_ids": 1})@.id;')[:5]
    ['return', 'API', '.', 'users', '.']
    """
    tokens, pos, code = [], 0, code.strip()
    while pos < len(code):
        match = _TOKEN.match(code, pos)
        if match is None or match.end() == pos:
            raise compile_error(f"unexpected symbol at {pos}")
        tokens.append(match.group().strip())
        pos = match.end()
        while pos < len(code) and code[pos].isspace():
            pos += 1
    return tokens


class Program:
    def __init__(self, code: str, dispatch: Dispatch) -> None:
        self.tokens, self.pos = tokenize(code), 0
        self.dispatch = dispatch
        self.names: dict[str, Any] = {}
        self.result = ExecuteResult(None)
        self.calls = 0

    def run(self) -> ExecuteResult:
        while self.pos < len(self.tokens):
            if self._take("var"):
                name = self._next()
                self._expect("=")
                self.names[name] = self._expr()
            elif self._take("return"):
                self.result.value = self._expr()
                return self.result
            else:
                self._expr()
            self._take(";")
        return self.result

    # --- tokens -----------------------------------------------------------------------

    def _peek(self) -> str:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ""

    def _next(self) -> str:
        token = self._peek()
        if not token:
            raise compile_error("unexpected end of code")
        self.pos += 1
        return token

    def _take(self, token: str) -> bool:
        if self._peek() == token:
            self.pos += 1
            return True
        return False

    def _expect(self, token: str) -> None:
        if not self._take(token):
            raise compile_error(f"expected '{token}' near '{self._peek()}'")

    # --- expressions ------------------------------------------------------------------

    def _expr(self) -> Any:
        value = self._postfix()
        while self._peek() in ("+", "-"):
            op, right = self._next(), self._postfix()
            value = _arith(op, value, right)
        return value

    def _postfix(self) -> Any:
        value = self._primary()
        while True:
            if self._take("."):
                value = _member(value, self._next())
            elif self._take("@."):
                key = self._next()
                value = [_member(v, key) for v in value] if isinstance(value, list) else None
            elif self._take("["):
                index = self._expr()
                self._expect("]")
                value = _member(value, index)
            else:
                return value

    def _primary(self) -> Any:
        word = self._next()
        if word == "API":
            return self._api_call()
        if word == "-":
            return _arith("-", 0, self._postfix())
        if word == "(":
            value = self._expr()
            self._expect(")")
            return value
        if word == "[":
            return self._items("]")
        if word == "{":
            return self._object()
        if word[0] in "\"'":
            return json.loads('"' + word[1:-1].replace('"', '\\"') + '"')
        if word[0].isdigit():
            return float(word) if "." in word else int(word)
        literals = {"true": True, "false": False, "null": None}
        if word in literals:
            return literals[word]
        if word in self.names:
            return self.names[word]
        raise compile_error(f"unknown name '{word}'")

    def _items(self, close: str) -> list[Any]:
        items: list[Any] = []
        while not self._take(close):
            items.append(self._expr())
            self._take(",")
        return items

    def _object(self) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        while not self._take("}"):
            key = self._next().strip("\"'")
            self._expect(":")
            obj[key] = self._expr()
            self._take(",")
        return obj

    def _api_call(self) -> Any:
        self._expect(".")
        parts = [self._next()]
        while self._take("."):
            parts.append(self._next())
        self._expect("(")
        params = {} if self._peek() == ")" else self._expr()
        self._expect(")")
        self.calls += 1
        if self.calls > MAX_CALLS:
            raise VKError(13, "Runtime error occurred during code invocation: Too many API calls")
        return self._call(".".join(parts), params if isinstance(params, dict) else {})

    def _call(self, method: str, params: dict[str, Any]) -> Any:
        try:
            return self.dispatch(method, {k: _wire(v) for k, v in params.items()})
        except VKError as error:
            self.result.errors.append(
                {"method": method, "error_code": error.code, "error_msg": error.message}
            )
            return False


def _wire(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return ",".join(_wire(v) for v in value)
    return "" if value is None else str(value)


def _member(value: Any, key: Any) -> Any:
    if isinstance(value, dict):
        return value.get(str(key))
    if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
        return value[key]
    return None


def _arith(op: str, left: Any, right: Any) -> Any:
    if op == "+" and (isinstance(left, str) or isinstance(right, str)):
        return f"{'' if left is None else left}{'' if right is None else right}"
    if op == "+" and isinstance(left, list) and isinstance(right, list):
        return left + right
    try:
        return left + right if op == "+" else left - right
    except TypeError:
        raise VKError(13, "Runtime error occurred during code invocation: bad operands") from None


def execute(code: str, dispatch: Dispatch) -> ExecuteResult:
    """Run ``code``; ``dispatch(method, params)`` performs one inner API call.

    >>> calls = lambda method, params: {"method": method, **params}
    >>> execute('var a = API.wall.get({"owner_id": -1, "count": 2}); return [a.method, a.count];',
    ...         calls).value
    ['wall.get', '2']
    """
    return Program(code, dispatch).run()
