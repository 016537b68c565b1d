"""LiveJournal's XML-RPC wire format (``POST /interface/xmlrpc``), built and read with the
standard library's :mod:`xmlrpc.client` (its ``dumps``/``loads`` only: the request travels
through our :class:`~gospablik.networks.http.HttpClient`, not xmlrpc's own transport).

A call is ``LJ.XMLRPC.<method>`` with one struct argument; the answer is one struct, or a
fault whose code is the number of LJ's error table (``ljprotocol.pl``). LJ sends text with
non-ASCII characters as ``base64``, so text fields may arrive as bytes: :func:`text`.
"""

from __future__ import annotations

import xmlrpc.client
from typing import Any
from xml.parsers.expat import ExpatError

from ..base import ConnectorError

METHOD_PREFIX = "LJ.XMLRPC."
CONTENT_TYPE = "text/xml; charset=utf-8"
# LJ error classes (ljprotocol.pl): these may succeed later; the rest are permanent.
TEMPORARY = {104, 151, 155, 157, 300, 301, 302, 303, 304, 306, 310, 311, 312, 313, 316, 317,
             318, 319, 404, 407, 408, 500, 501, 502, 503, 505, 506, 507}  # fmt: skip


def encode_call(method: str, args: dict[str, Any]) -> bytes:
    """The ``methodCall`` body of ``LJ.XMLRPC.<method>(args)``.

    >>> xmlrpc.client.loads(encode_call("login", {"username": "мз"}))
    (({'username': 'мз'},), 'LJ.XMLRPC.login')
    """
    return xmlrpc.client.dumps((args,), METHOD_PREFIX + method, encoding="utf-8").encode()


def decode_answer(body: bytes) -> dict[str, Any]:
    """The answer struct; a fault becomes a ConnectorError (:func:`lj_error`).

    >>> fault = xmlrpc.client.dumps(xmlrpc.client.Fault(101, "Invalid password"))
    >>> decode_answer(fault.encode())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gospablik.networks.base.ConnectorError: ЖЖ: вход не удался — проверьте имя и пароль ...
    """
    try:
        params, _ = xmlrpc.client.loads(body, use_builtin_types=True)
    except xmlrpc.client.Fault as fault:
        raise lj_error(_int(fault.faultCode), text(fault.faultString)) from None
    except (xmlrpc.client.Error, ExpatError, ValueError, TypeError):
        raise ConnectorError("ЖЖ вернул непонятный ответ", network="blog", code="bad_xml",
                             maybe_applied=True, retry_after=60.0) from None  # fmt: skip
    answer = params[0] if params else None
    return answer if isinstance(answer, dict) else {}


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def lj_error(code: int, message: str) -> ConnectorError:
    """Map an LJ protocol error to a ConnectorError.

    >>> lj_error(101, "Invalid password").needs_person
    True
    >>> lj_error(405, "Post frequency limit.").retry_after
    600.0
    """
    kw: dict[str, Any] = {"network": "blog", "code": code or message}
    if code in (100, 101, 305, 308):
        return ConnectorError(f"ЖЖ: вход не удался — проверьте имя и пароль ({message})",
                              needs_person=True, **kw)  # fmt: skip
    if code in (402, 405, 406, 411):
        return ConnectorError(f"ЖЖ ограничил частоту запросов ({message})", retry_after=600.0,
                              **kw)  # fmt: skip
    if code == 105 or code in TEMPORARY:
        return ConnectorError(f"ЖЖ временно отказал ({message})", retry_after=60.0,
                              maybe_applied=code >= 500, **kw)  # fmt: skip
    return ConnectorError(f"ЖЖ отклонил запрос ({message})", permanent=True, **kw)


def text(value: Any) -> str:
    """A text field as str (``base64`` values arrive as bytes).

    >>> text("Приём".encode()), text(7), text(None)
    ('Приём', '7', '')
    """
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    return "" if value is None else str(value)
