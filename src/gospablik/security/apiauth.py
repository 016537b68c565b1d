"""The API's doors: token authentication and one second-factor rule for every path.

``RequireTwoFactorMiddleware`` sees only session logins (DRF authenticates tokens later,
inside the view), so the same rule is enforced again here, after any authentication:
``ApiTokenAuthentication`` refuses a token whose owner must have a second factor and has
none, and ``SecondFactor`` (a default permission) refuses any request — session, token or
an authentication added later — whose person has not passed the second factor.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from gospablik.security.actor import client_ip
from gospablik.security.apitokens import active_token, allows, note_use
from gospablik.security.models import ApiToken
from gospablik.security.twofactor import confirmed_device, second_factor_step

KEYWORDS = (b"token", b"bearer")
NEEDS_SECOND_FACTOR = "Требуется второй фактор входа."


class ApiTokenAuthentication(BaseAuthentication):
    """``Authorization: Token <value>`` (or ``Bearer``) with a token from the tokens page."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Неверный заголовок Authorization.")
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise AuthenticationFailed("Недействительный токен.") from error
        token = active_token(key)
        if token is None or not token.user.is_active:
            raise AuthenticationFailed("Недействительный, отозванный или истёкший токен.")
        if second_factor_step(token.user, verified=confirmed_device(token.user) is not None):
            raise AuthenticationFailed(NEEDS_SECOND_FACTOR)
        note_use(token, method=request.method or "", path=request.path, ip=client_ip(request))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return "Token"


class SecondFactor(BasePermission):
    """The second-factor rule and the token's scope, whatever authenticated the request."""

    message = NEEDS_SECOND_FACTOR

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return True  # IsAuthenticated (or the view's AllowAny) decides
        if isinstance(request.auth, ApiToken):
            if allows(request.auth, request.method or "", request.path):
                return True
            self.message = "Права токена не позволяют этот запрос."
            return False
        verified = bool(getattr(user, "is_verified", lambda: False)())
        return not second_factor_step(user, verified=verified)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the schema describes the token header (drf-spectacular)."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Token <value> (created on /accounts/tokens/)"}  # fmt: skip
