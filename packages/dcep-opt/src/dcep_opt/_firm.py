"""Firm capacity after losing units: the one definition of the N+k arithmetic outside the model rows.

The reliability margin (``n_plus_1_margin_mw``), dcep-explain's N+k narratives and its infeasibility
sentence all ask the same question: how many MW are left when the ``lost`` largest units are out?
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["firm_capacity_mw"]


def firm_capacity_mw(units: Iterable[tuple[float, float]], lost: int) -> float:
    """MW left of ``units`` after losing the ``lost`` largest single units.

    Args:
        units: ``(p_max_mw, count)`` per fleet; counts are rounded to whole units (negative = 0).
        lost: units lost (``redundancy_units``, k of N+k); losing more than there are leaves 0.

    Raises:
        ValueError: ``lost`` negative.
    """
    if lost < 0:
        raise ValueError(f"lost: must be >= 0, got {lost}")
    sizes: list[float] = []
    for p_max_mw, count in units:
        sizes.extend([p_max_mw] * max(round(count), 0))
    sizes.sort(reverse=True)
    return float(sum(sizes[lost:]))
