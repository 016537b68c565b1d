"""The style switches of a Порядок (п.2.4): which rule categories a ministry asks for.

Each switch of ``policy.style`` turns a group of categories on or off; the network
format rules always run (they are limits of the network, not of the regulation).

>>> sorted(categories_off(conversational=True, press_release=False, bureaucratese=True))
['press_release']
>>> "participle" in categories_off(conversational=True, press_release=True, bureaucratese=False)
True
"""

from __future__ import annotations

SWITCHES: dict[str, frozenset[str]] = {
    # «стиль, характерный для общения в социальных сетях (письменная разговорная речь)»
    "conversational": frozenset(
        {"syntax", "readability", "cliche", "intensifier", "vague", "time_parasite"}
    ),
    # «Не рекомендуется публиковать информацию в формате пресс-релизов»
    "discourage_press_release": frozenset({"press_release"}),
    # «… использовать канцеляризмы»
    "discourage_bureaucratese": frozenset({"bureaucratese", "noun_chain", "passive", "participle"}),
}


def categories_off(
    *, conversational: bool, press_release: bool, bureaucratese: bool
) -> frozenset[str]:
    """The categories switched off by the three switches of ``policy.style``."""
    wanted = {
        "conversational": conversational,
        "discourage_press_release": press_release,
        "discourage_bureaucratese": bureaucratese,
    }
    off = [SWITCHES[name] for name, on in wanted.items() if not on]
    return frozenset().union(*off)
