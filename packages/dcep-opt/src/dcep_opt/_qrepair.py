"""Re-dispatch reactive power after netting simultaneous import and export (no solve needed).

Reactive power costs nothing in the objective, so once every active-power decision is fixed each
interval's reactive balance is independent: Q_grid + Q_bess + sum Q_gen = Q_load_served, with each
source confined to an interval [lo, hi] (PF cone and MVA polygon at the netted grid flow; the PCS
polygon at the battery's net power; rated-PF capability of synchronised units). A feasible split
exists iff sum(lo) <= Q_load <= sum(hi); we keep the solver's values where they fit.
"""

from __future__ import annotations

import math

from dcep_opt._polygon import Row, axis_vertex_polygon
from dcep_topology.linear import mva_polygon, pf_q_limit_ratio

Interval = tuple[float, float]


def pcs_q_range(rating_mva: float, sides: int, p_mw: float) -> Interval | None:
    """Q the battery inverter's polygon (vertices on the axes) admits at ``p_mw``; None if P is outside."""
    return _q_range(axis_vertex_polygon(rating_mva, sides), p_mw)


def _q_range(rows: list[Row], p_mw: float) -> Interval | None:
    lo, hi = -math.inf, math.inf
    for a_p, a_q, rhs in rows:
        room = rhs - a_p * p_mw
        if a_q > 1e-12:
            hi = min(hi, room / a_q)
        elif a_q < -1e-12:
            lo = max(lo, room / a_q)
        elif room < -1e-9:
            return None
    return (lo, hi) if lo <= hi + 1e-9 else None


def grid_q_range(
    rating_mva: float,
    sides: int,
    min_pf: float | None,
    net_mw: float,
    loss_mvar: float = 0.0,
    extra_rows: list[Row] | None = None,
) -> Interval | None:
    """MV-side Q the grid connection may carry at net import ``net_mw`` (None if none).

    The MVA polygon (faces with a positive Q coefficient see the HV side, ``Q + loss_mvar``), the PF cone
    (``-r |P| <= Q`` and ``Q + loss_mvar <= r |P|``) and ``extra_rows`` evaluated at ``P = |net_mw|``
    (the ``xfmr-s`` rows, which the model writes on import + export).
    """
    rows = [(a_p, a_q, rhs - a_q * loss_mvar if a_q > 0 else rhs) for a_p, a_q, rhs in mva_polygon(rating_mva, sides)]
    rng = _q_range(rows, net_mw)
    if rng is None:
        return None
    lo, hi = rng
    if extra_rows:
        extra = _q_range(extra_rows, abs(net_mw))
        if extra is None:
            return None
        lo, hi = max(lo, extra[0]), min(hi, extra[1])
    if min_pf is not None:
        cap = pf_q_limit_ratio(min_pf) * abs(net_mw)
        lo, hi = max(lo, -cap), min(hi, cap - loss_mvar)
    return (lo, hi) if lo <= hi + 1e-9 else None


def split_q(
    target_mvar: float, ranges: list[Interval], current: list[float] | None = None, tol: float = 1e-7
) -> list[float] | None:
    """Values inside ``ranges`` summing to ``target_mvar``, or None if no split exists.

    Starts from ``current`` (the solver's values) clipped into the ranges, then moves the residual onto
    the sources in reverse order (the grid, listed first, moves last), so the repaired dispatch stays
    as close to the solver's as the ranges allow.
    """
    low = sum(r[0] for r in ranges)
    high = sum(r[1] for r in ranges)
    if target_mvar < low - tol or target_mvar > high + tol:
        return None
    start = current if current is not None else [r[0] for r in ranges]
    out = [min(max(v, lo), hi) for v, (lo, hi) in zip(start, ranges, strict=True)]
    left = target_mvar - sum(out)
    for i in reversed(range(len(ranges))):
        lo, hi = ranges[i]
        step = min(max(left, lo - out[i]), hi - out[i])
        out[i] += step
        left -= step
    out[0] += left  # float residue only (|left| <= tol)
    return out
