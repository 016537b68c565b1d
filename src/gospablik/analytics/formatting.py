"""Numbers as a Russian reader expects them (thousands separators, decimal commas)."""

from __future__ import annotations

from django.utils.formats import number_format


def number(value: float | int | None, digits: int | None = None) -> str:
    """Grouped, in the active language's format; a whole float loses its ``,0``.

    >>> from django.utils import translation
    >>> with translation.override("ru"):
    ...     number(12345), number(1.0), number(0.5, 2)
    ('12\\xa0345', '1', '0,50')
    """
    if value is None:
        return "—"
    if digits is None and isinstance(value, float) and value.is_integer():
        value = int(value)
    return number_format(value, digits, use_l10n=True, force_grouping=True)
