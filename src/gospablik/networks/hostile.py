"""What a parser of a network's body raises when the body is not what the network sends.

Webhook bodies come from the internet: a value of the wrong type or a missing field
surfaces as one of these while parsing, and the endpoint answers 400 and stores nothing.

The shared checks of ids and timestamps (:func:`network_id`, :func:`integer_id`,
:func:`timestamp`) are what every webhook parser reads them with.
"""

import re
from typing import Any

MALFORMED: tuple[type[Exception], ...] = (
    KeyError,
    IndexError,
    TypeError,
    ValueError,  # also UnicodeError and json's JSONDecodeError
    AttributeError,
    OverflowError,
    RecursionError,
)

MAX_ID = 64  # the longest network id our columns hold
_ID = re.compile(r"[A-Za-z0-9_.:\-]{1,64}")
_INTEGER = re.compile(r"-?[0-9]{1,19}")
BIGINT = 2**63  # the ids of VK and Telegram fit a signed 64-bit integer


def network_id(value: Any, *, required: bool = False) -> str:
    """An id as the networks send them — a string or an integer of letters, digits and
    ``_ . : -``, at most 64 characters — as text; "" for none. Anything else (an object, a
    boolean, a 10 kB string) is a malformed body: ValueError, answered 400, never a value too
    long for the database.

    >>> network_id(123), network_id("user:575000000100"), network_id("mid.fff"), network_id(None)
    ('123', 'user:575000000100', 'mid.fff', '')
    >>> network_id({"id": 1})
    Traceback (most recent call last):
    ValueError: a network id must be a string or a number
    """
    if value is None or value == "":
        if required:
            raise ValueError("a network id is missing")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("a network id must be a string or a number")
    text = str(value)
    if not _ID.fullmatch(text):
        raise ValueError("not a network id")
    return text


def integer_id(value: Any, *, signed: bool = False) -> int:
    """A numeric id as VK and Telegram send them: an integer or a string of ASCII digits
    within a signed 64-bit integer; negative only where ``signed`` (a VK community, a
    Telegram chat). Anything else is a malformed body: ValueError, answered 400.

    >>> integer_id(52), integer_id("-219000077", signed=True)
    (52, -219000077)
    >>> integer_id(-5)
    Traceback (most recent call last):
    ValueError: not a network id
    >>> integer_id(2**63, signed=True)
    Traceback (most recent call last):
    ValueError: not a network id
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("a network id must be a number")
    if isinstance(value, str) and not _INTEGER.fullmatch(value):
        raise ValueError("not a network id")
    number = int(value)
    if not (-BIGINT if signed else 0) <= number < BIGINT:
        raise ValueError("not a network id")
    return number


def timestamp(value: Any, *, millis: bool = False) -> int:
    """Seconds (or milliseconds) since 1970 as the networks send them; 0 for none.

    >>> timestamp(1700000000), timestamp("1498581292941", millis=True), timestamp(None)
    (1700000000, 1498581292941, 0)
    >>> timestamp(10**400)
    Traceback (most recent call last):
    ValueError: not a timestamp
    """
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("a timestamp must be a number")
    if isinstance(value, str) and not _INTEGER.fullmatch(value):
        raise ValueError("not a timestamp")
    number = int(value)
    if not 0 <= number < (10**13 if millis else 10**11):
        raise ValueError("not a timestamp")
    return number
