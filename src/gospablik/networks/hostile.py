"""What a parser of a network's body raises when the body is not what the network sends.

Webhook bodies come from the internet: a value of the wrong type or a missing field
surfaces as one of these while parsing, and the endpoint answers 400 and stores nothing.
"""

MALFORMED: tuple[type[Exception], ...] = (
    KeyError,
    IndexError,
    TypeError,
    ValueError,  # also UnicodeError and json's JSONDecodeError
    AttributeError,
    OverflowError,
    RecursionError,
)
