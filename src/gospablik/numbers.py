"""Numbers as the reader's language writes them: «12 345,6» in Russian, "12,345.6" in English.

Pages and documents format numbers here (or with the ``num`` filter), never by hand, so the
decimal and thousands separators follow the active language. Russian typesetting puts a
narrow no-break space between thousands (Django's own Russian format has a wide one, which
the analytics charts keep).

>>> from django.utils import translation
>>> with translation.override("ru"):
...     number(12345.678, 1), number(0.25, 2), number(7)
('12\\u202f345,7', '0,25', '7')
>>> with translation.override("en"):
...     number(12345.678, 1)
'12,345.7'
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language

NARROW = "\u202f"


def number(value: float | int | Decimal, places: int | None = None) -> str:
    """``value`` with the language's separators; ``places`` digits after the decimal mark
    (rounded half up: Django's formatter alone would cut the digits off)."""
    if places is not None:
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=get_format("NUMBER_GROUPING"),
        thousand_sep=NARROW
        if get_language().startswith("ru")
        else get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
