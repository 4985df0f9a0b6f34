"""Money as text: full amounts (``-$10,602.12``) and short tick labels (``-$24k``)."""

from __future__ import annotations


def format_usd(value_usd: float) -> str:
    """Dollars with thousands separators and cents, minus sign in front: ``-$10,602.12``."""
    sign = "-" if value_usd < 0 else ""
    return f"{sign}${abs(value_usd):,.2f}"


def format_usd_short(value_usd: float) -> str:
    """A tick label: ``$0``, ``-$250``, ``$2.5k``, ``-$24k``, ``$1.2M`` (minus sign in front)."""
    sign = "-" if value_usd < 0 else ""
    v = abs(value_usd)
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if v >= div:
            return f"{sign}${v / div:.3g}{suffix}"
    return f"{sign}${v:.3g}" if v else "$0"
