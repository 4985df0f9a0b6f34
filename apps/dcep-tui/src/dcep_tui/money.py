"""Short money labels for plot ticks (``-$24k``); full amounts use dcep-models' one money format."""

from __future__ import annotations


def format_usd_short(value_usd: float) -> str:
    """A tick label: ``$0``, ``-$250``, ``$2.5k``, ``-$24k``, ``$1.2M`` (sign first, as ``format_usd``)."""
    sign = "-" if value_usd < 0 else ""
    v = abs(value_usd)
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if v >= div:
            return f"{sign}${v / div:.3g}{suffix}"
    return f"{sign}${v:.3g}" if v else "$0"
