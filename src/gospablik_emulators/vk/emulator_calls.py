"""The VK emulator's method registry and parameter helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .emulator_state import Token, VKError, VKState

Emit = Callable[[int, str, dict[str, Any]], None]


@dataclass
class Call:
    state: VKState
    token: Token
    params: dict[str, str]
    base_url: str
    emit: Emit  # (group_id, event type, object) -> queue + deliver the event

    def text(self, name: str, default: str | None = None) -> str:
        value = self.params.get(name, default)
        if value is None:
            raise VKError(
                100, f"One of the parameters specified was missing or invalid: {name} is undefined"
            )
        return value

    def number(self, name: str, default: int | None = None) -> int:
        raw = self.params.get(name)
        if raw in (None, ""):
            if default is None:
                raise VKError(
                    100,
                    f"One of the parameters specified was missing or invalid: {name} is undefined",
                )
            return default
        try:
            return int(raw)
        except ValueError:
            raise VKError(
                100, f"One of the parameters specified was missing or invalid: {name} not integer"
            ) from None

    def flag(self, name: str) -> bool:
        return self.params.get(name, "0") in ("1", "true")

    def user_id(self) -> int:
        """The acting user (for a community token: the community as a negative id)."""
        return self.token.owner_id if self.token.kind == "user" else -self.token.owner_id

    def require_role(self, group_id: int, level: int, code: int = 15) -> None:
        """User tokens need a manager role; a community token acts for its own community."""
        if self.token.kind == "group":
            if self.token.owner_id != abs(group_id):
                raise VKError(15, "Access denied: community token of another community")
            return
        if self.state.role_level(abs(group_id), self.token.owner_id) < level:
            raise VKError(code, _ROLE_ERRORS.get(code, "Access denied"))


_ROLE_ERRORS = {
    15: "Access denied: no access to call this method",
    211: "Access to wall's comment denied",
    214: "Access to adding post denied",
}


@dataclass(frozen=True)
class MethodSpec:
    handler: Callable[[Call], Any]
    token_kinds: frozenset[str]
    scope: str | None


METHODS: dict[str, MethodSpec] = {}


def method(
    name: str, *, tokens: tuple[str, ...] = ("user",), scope: str | None = None
) -> Callable[[Callable[[Call], Any]], Callable[[Call], Any]]:
    def register(handler: Callable[[Call], Any]) -> Callable[[Call], Any]:
        METHODS[name] = MethodSpec(handler, frozenset(tokens), scope)
        return handler

    return register


def check_token(spec: MethodSpec, token: Token) -> None:
    if token.kind not in spec.token_kinds:
        if token.kind == "group":
            raise VKError(27, "Group authorization failed: method is unavailable with group auth.")
        raise VKError(15, "Access denied: method is unavailable with user auth")
    if token.kind == "user" and spec.scope and spec.scope not in token.scopes:
        raise VKError(15, "Access denied: no access to call this method")
