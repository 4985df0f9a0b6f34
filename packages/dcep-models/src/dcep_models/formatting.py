"""How dcep writes numbers for people: one money format and plurals, used by every app.

The CLI, the TUI, explain's narratives, sweeps and the HTML report all call these, so a net value
reads the same everywhere: ``-$10,602.12`` (sign before the dollar sign, never ``$-10,602.12``).
"""

from __future__ import annotations

import math


def format_usd(value_usd: float, decimals: int = 2, unit: str = "") -> str:
    """US dollars with thousands separators and the sign first: ``-$10,602.12``.

    ``unit`` is appended after a slash (``format_usd(-3.5, unit="MWh")`` is ``-$3.50/MWh``).
    Values that round to zero print without a sign (``$0.00``, never ``-$0.00``); NaN prints
    ``n/a`` and infinities ``inf``/``-inf`` with the dollar sign.
    """
    if math.isnan(value_usd):
        return "n/a"
    tail = f"/{unit}" if unit else ""
    if math.isinf(value_usd):
        return f"{'-' if value_usd < 0 else ''}$inf{tail}"
    text = f"{abs(value_usd):,.{decimals}f}"
    negative = value_usd < 0 and any(ch not in "0.," for ch in text)
    return f"{'-' if negative else ''}${text}{tail}"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` followed by ``noun`` in the right number: ``1 interval``, ``2 intervals``.

    ``plural_noun`` overrides the default of appending ``s`` (``plural(2, "day", None)``).
    """
    word = noun if count == 1 else (plural_noun or f"{noun}s")
    return f"{count:,} {word}"
