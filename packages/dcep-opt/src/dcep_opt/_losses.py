"""Transformer reactive losses, linear and conservative, for the MILP.

A transformer draws reactive power ``x * |I|**2``; with ``|I| = S / V`` at the MV bus that is
``Q_loss = c * S**2`` (MVAr) with ``c = x_eq / V**2`` per MVA squared. Taking ``V = v_min`` (the bottom
of the bus voltage band) over-states the loss whenever the voltage is higher, never under-states it.

The MILP holds ``Q_loss`` as a variable bounded below by tangents of the convex ``c * S**2``, each
lifted by the largest gap a tangent leaves between two tangent points (``c * d**2 / 4`` for spacing
``d``). The lifted tangents are then >= ``c * S**2`` on ``[d / 2, s_max]`` and never more than
``c * d**2 / 4`` above it; below ``d / 2`` (a near-zero exchange) the bound is ``max(0, ...)``, at
most ``c * d**2 / 4`` under the exact loss. No upper bound is needed: the loss enters only ``<=`` rows
with a positive coefficient (the POI power-factor cone and the HV-side faces of the MVA polygon), so a
larger value can only tighten the model and the optimiser gains nothing from inflating it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = ["Tangent", "loss_lower_bound_mvar", "loss_tangents", "transformer_q_loss_coefficient"]

#: ``(slope, intercept)``: ``Q_loss >= slope * S + intercept`` (MVAr, S in MVA).
Tangent = tuple[float, float]


def transformer_q_loss_coefficient(groups: Iterable[tuple[float, int, float, float]], v_min_pu: float = 1.0) -> float:
    """Reactive loss per MVA squared of transformer groups in parallel: ``1 / (v_min**2 * sum(n * S_r / x))``.

    Args:
        groups: ``(rating_mva, count, impedance_pct, resistance_pct)`` per group of identical units
            (percent on the unit's own base; reactance ``x = sqrt(vk**2 - vkr**2) / 100``).
        v_min_pu: the lowest MV voltage the loss is evaluated at (0 < v <= 1.5).

    Returns:
        MVAr per MVA squared of MV-side apparent power; 0.0 when there is no group.

    Raises:
        ValueError: a rating or count not positive, ``resistance_pct >= impedance_pct``, or a bad voltage.
    """
    if not 0 < v_min_pu <= 1.5:
        raise ValueError(f"v_min_pu: must be in (0, 1.5], got {v_min_pu}")
    admittance = 0.0  # sum of n * S_r / x: MVA per unit reactance
    for rating_mva, count, vk_pct, vkr_pct in groups:
        if rating_mva <= 0 or count < 1 or not 0 <= vkr_pct < vk_pct:
            raise ValueError(f"transformer group: need rating > 0, count >= 1, 0 <= vkr < vk; got {rating_mva, count}")
        x_pu = math.sqrt(vk_pct**2 - vkr_pct**2) / 100.0
        admittance += count * rating_mva / x_pu
    return 0.0 if admittance == 0 else 1.0 / (admittance * v_min_pu**2)


def loss_tangents(coef_mvar_per_mva2: float, s_max_mva: float, n_points: int = 6) -> list[Tangent]:
    """Lifted tangents of ``coef * S**2`` at ``S = j * s_max / n`` (j = 1..n).

    ``max(0, max_j(slope_j * S + intercept_j))`` is >= ``coef * S**2`` for ``S`` in ``[d/2, s_max]``
    (``d = s_max / n``) and exceeds it by at most ``coef * d**2 / 4`` anywhere in ``[0, s_max]``.

    Raises:
        ValueError: a negative coefficient, a non-positive ``s_max_mva`` or ``n_points < 1``.
    """
    if coef_mvar_per_mva2 < 0 or not s_max_mva > 0 or n_points < 1:
        raise ValueError(f"need coef >= 0, s_max > 0, n_points >= 1; got {coef_mvar_per_mva2}, {s_max_mva}, {n_points}")
    d = s_max_mva / n_points
    lift = coef_mvar_per_mva2 * d * d / 4.0
    out: list[Tangent] = []
    for j in range(1, n_points + 1):
        s = j * d
        out.append((2.0 * coef_mvar_per_mva2 * s, lift - coef_mvar_per_mva2 * s * s))
    return out


def loss_lower_bound_mvar(tangents: list[Tangent], s_mva: float) -> float:
    """The smallest loss the MILP admits at apparent power ``s_mva``: ``max(0, max_j tangent_j(S))``."""
    return max([0.0] + [slope * s_mva + icpt for slope, icpt in tangents])
