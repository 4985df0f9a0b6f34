"""Re-dispatch reactive power after netting simultaneous import and export (no solve needed).

Reactive power costs nothing in the objective, so once every active-power decision is fixed each
interval's reactive balance is independent: Q_grid + Q_bess + sum Q_gen = Q_load_served, with each
source confined to an interval [lo, hi] (PF cone and MVA polygon at the netted grid flow; the PCS
polygon at the battery's net power; rated-PF capability of synchronised units). A feasible split
exists iff sum(lo) <= Q_load <= sum(hi); we fill from the lows in a fixed order.
"""

from __future__ import annotations

import math

from dcep_opt.polygon import axis_vertex_polygon
from dcep_topology.linear import pf_q_limit_ratio

Interval = tuple[float, float]


def polygon_q_range(rating_mva: float, sides: int, p_mw: float) -> Interval | None:
    """Range of Q the inscribed polygon admits at active power ``p_mw`` (None if P itself is outside)."""
    lo, hi = -math.inf, math.inf
    for a_p, a_q, rhs in axis_vertex_polygon(rating_mva, sides):
        room = rhs - a_p * p_mw
        if a_q > 1e-12:
            hi = min(hi, room / a_q)
        elif a_q < -1e-12:
            lo = max(lo, room / a_q)
        elif room < -1e-9:
            return None
    return (lo, hi) if lo <= hi + 1e-9 else None


def grid_q_range(rating_mva: float, sides: int, min_pf: float | None, net_mw: float) -> Interval | None:
    """Q the grid connection may carry at net import ``net_mw``: polygon and PF cone together."""
    rng = polygon_q_range(rating_mva, sides, net_mw)
    if rng is None:
        return None
    lo, hi = rng
    if min_pf is not None:
        cap = pf_q_limit_ratio(min_pf) * abs(net_mw)
        lo, hi = max(lo, -cap), min(hi, cap)
    return (lo, hi) if lo <= hi + 1e-9 else None


def split_q(target_mvar: float, ranges: list[Interval], tol: float = 1e-7) -> list[float] | None:
    """Values inside ``ranges`` summing to ``target_mvar``, or None if no split exists."""
    low = sum(r[0] for r in ranges)
    high = sum(r[1] for r in ranges)
    if target_mvar < low - tol or target_mvar > high + tol:
        return None
    out = [r[0] for r in ranges]
    left = target_mvar - low
    for i, (lo, hi) in enumerate(ranges):
        take = min(max(left, 0.0), hi - lo)
        out[i] = lo + take
        left -= take
    out[-1] += left  # float residue only (|left| <= tol)
    return out
