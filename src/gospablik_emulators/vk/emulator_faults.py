"""How the VK emulator answers an injected fault, and VK's error body."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..emulation import EmulatedTimeout, Fault, StartResponse, json_response, text_response
from .emulator_state import VKError

# error_msg texts as VK sends them (descriptions from VKCOM/vk-api-schema errors.json).
ERROR_MESSAGES: dict[int, str] = {
    1: "Unknown error occurred",
    5: "User authorization failed: access_token has expired.",
    6: "Too many requests per second",
    7: "Permission to perform this action is denied",
    9: "Flood control",
    10: "Internal server error",
    14: "Captcha needed",
    15: "Access denied",
    17: "Validation required: please open redirect_uri in browser",
    27: "Group authorization failed: invalid access_token.",
    28: "Application authorization failed",
    29: "Rate limit reached",
    100: "One of the parameters specified was missing or invalid",
    104: "Not found",
    113: "Invalid user id",
    125: "Invalid group id",
    203: "Access to group denied",
    210: "Access to wall's post denied",
    211: "Access to wall's comment denied",
    214: "Access to adding post denied",
    219: "Advertisement post was recently added",
    222: "Hyperlinks are forbidden",
    224: "Too many ads posts",
    703: "You need to enable 2FA for this action",
}


def error_body(exc: VKError, method: str, params: dict[str, str]) -> dict[str, Any]:
    request_params = [{"key": "method", "value": method}, {"key": "oauth", "value": "1"}]
    request_params += [{"key": k, "value": v} for k, v in params.items() if k != "access_token"]
    error = {"error_code": exc.code, "error_msg": exc.message, "request_params": request_params}
    return {"error": error | exc.extra}


def fault_error(fault: Fault, base_url: str) -> VKError:
    code = int(fault.code or 1)
    extra: dict[str, Any] = dict(fault.extra)
    if code == 14:
        sid = extra.setdefault("captcha_sid", "239633676097")
        extra.setdefault("captcha_img", f"{base_url}/captcha.php?sid={sid}&s=1")
    if code == 17:
        extra.setdefault("redirect_uri", f"{base_url}/login?act=validate")
    return VKError(code, ERROR_MESSAGES.get(code, "Unknown error occurred"), **extra)


def apply_fault(
    fault: Fault, method: str, params: dict[str, str], base_url: str, start_response: StartResponse
) -> Iterable[bytes] | None:
    """The early answer for ``fault``; None when the call should run (accept_then_drop)."""
    if fault.kind == "timeout":
        raise EmulatedTimeout(method)
    if fault.kind == "http_500":
        return text_response(start_response, "Internal Server Error", "500 Internal Server Error")
    if fault.kind == "error":
        return json_response(
            start_response, error_body(fault_error(fault, base_url), method, params)
        )
    return None
