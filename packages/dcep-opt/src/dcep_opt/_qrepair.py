"""Post-solve netting of simultaneous import and export, with the reactive re-dispatch it needs.

Reactive power costs nothing in the objective, so once every active-power decision is fixed each
interval's reactive balance is independent: Q_grid + Q_bess + sum Q_gen = Q_load_served, with each
source confined to an interval [lo, hi] (PF cone and MVA polygon at the netted grid flow; the PCS
polygon at the battery's net power; rated-PF capability of synchronised units). A feasible split
exists iff sum(lo) <= Q_load <= sum(hi); we keep the solver's values where they fit.

The same ranges give the reactive tie-break (:func:`minimise_reactive`): the split with the least
``sum |Q|``, so reactive power flows only where a limit needs it. The intervals
come from ``dcep_topology.linear`` (the same geometry the model's rows are written from).
"""

from __future__ import annotations

import math
from typing import Any

from dcep_opt._families.grid import p_loss_per_q_loss
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import DispatchModel
from dcep_topology.linear import Interval, grid_q_range, loss_s_faces, pcs_q_range

_FLOW_TOL_MW = 1e-6


def simultaneous(
    values_a: dict[tuple[object, ...], object], values_b: dict[tuple[object, ...], object], n: int
) -> set[int]:
    """Intervals ``t`` where both ``values_a[(t,)]`` and ``values_b[(t,)]`` solved above 1e-6 (MW)."""
    out = set()
    for t in range(n):
        a, b = values_a.get((t,)), values_b.get((t,))
        va = getattr(a, "varValue", None) or 0.0
        vb = getattr(b, "varValue", None) or 0.0
        if va > _FLOW_TOL_MW and vb > _FLOW_TOL_MW:
            out.add(t)
    return out


def _q_sources(
    inputs: DispatchInputs, model: DispatchModel, t: int, net_mw: float
) -> tuple[list[Interval], list[Any]] | None:
    """Every reactive source of interval ``t`` with the Q range its rows admit, everything else fixed.

    Sources in order grid, battery, generator fleets; the grid at net import ``net_mw`` with the
    transformer loss and its apparent-power estimate kept at their solved values (so the ``xfmr-s``
    rows must hold too). None when a range is empty or the AC loop tightened the rows (not modelled
    here). Ranges come from ``dcep_topology.linear``, the geometry the rows are written from.
    """
    if model.options.ac_margins is not None and model.options.ac_margins.any:
        return None
    v = model.index.variables
    g = inputs.grid
    b = inputs.battery
    q_loss = v.get("xfmr-q-loss", {}).get((t,))
    loss_mvar = float(q_loss.varValue) if q_loss is not None else 0.0
    s_var = v.get("xfmr-s", {}).get((t,))
    extra = None
    if s_var is not None:
        cos_n = math.cos(math.pi / inputs.polygon_sides)
        faces = loss_s_faces(inputs.polygon_sides, g.min_power_factor)
        extra = [(math.cos(th), math.sin(th), cos_n * float(s_var.varValue)) for _k, th in faces]
    k_p = p_loss_per_q_loss(g)
    grid_rng = grid_q_range(
        g.limit_mva, inputs.polygon_sides, g.min_power_factor, net_mw, loss_mvar, extra, p_loss_mw=k_p * loss_mvar
    )
    if grid_rng is None:
        return None
    ranges = [grid_rng]
    q_vars = [v["grid-q"][(t,)]]
    if b is not None and b.reactive_support:
        p_b = float(v["bess-discharge"][(t,)].varValue) - float(v["bess-charge"][(t,)].varValue)
        rng = pcs_q_range(b.pcs_mva, inputs.polygon_sides, p_b)
        if rng is None:
            return None
        ranges.append(rng)
        q_vars.append(v["bess-q"][(t,)])
    for f in inputs.fleets:
        units = float(v["gen-units"][(f.name, t)].varValue)
        starting = sum(float(v["gen-start"][(f.name, tau)].varValue) for tau in f.starting_window(t))
        cap = f.q_max_mvar_per_unit * max(round(units - starting), 0)
        ranges.append((-cap, cap))
        q_vars.append(v["gen-q"][(f.name, t)])
    return ranges, q_vars


def net_out_grid_flows(inputs: DispatchInputs, model: DispatchModel, intervals: set[int]) -> set[int]:
    """Net simultaneous import and export where that changes nothing; return the intervals where it would.

    With no import adder, importing and exporting x MW at once earns exactly what the net flow earns
    and the MVA polygon sees only the net flow, so such a solution ties with the netted one, provided
    the reactive power can be re-split so the PF cone (whose right-hand side is import + export) holds
    at the net flow. Q has no cost, so that re-split is exact (see dcep_opt._qrepair). Intervals where
    it is impossible (or an adder makes the flows costly) need the import/export binary.
    """
    v = model.index.variables
    need: set[int] = set()
    for t in sorted(intervals):
        imp, exp = v["grid-import"][(t,)], v["grid-export"][(t,)]
        net = float(imp.varValue) - float(exp.varValue)
        sources = _q_sources(inputs, model, t, net) if inputs.import_adder_usd_per_mwh[t] == 0.0 else None
        if sources is None:
            need.add(t)
            continue
        ranges, q_vars = sources
        target = sum(float(var.varValue) for var in q_vars)  # the balance row holds it already
        split = split_q(target, ranges, [float(var.varValue) for var in q_vars])
        if split is None:
            need.add(t)
            continue
        imp.varValue, exp.varValue = max(net, 0.0), max(-net, 0.0)
        for var, value in zip(q_vars, split, strict=True):
            var.varValue = value
    return need


def least_reactive_split(target_mvar: float, ranges: list[Interval], tol: float = 1e-7) -> list[float] | None:
    """Values inside ``ranges`` summing to ``target_mvar`` with the least ``sum |Q|``; None if none exists.

    Each source starts at the point of its range nearest zero (the least it must carry); the residual
    is then moved onto the sources in list order, each as far as its range allows. Every unit moved
    then costs exactly one unit of ``sum |Q|`` (no source moves back toward zero), so any order is
    optimal; the order only says who supplies first (the grid, then the battery, then generators).
    """
    low = sum(r[0] for r in ranges)
    high = sum(r[1] for r in ranges)
    if target_mvar < low - tol or target_mvar > high + tol:
        return None
    out = [min(max(0.0, lo), hi) for lo, hi in ranges]
    left = target_mvar - sum(out)
    for i, (lo, hi) in enumerate(ranges):
        step = min(max(left, lo - out[i]), hi - out[i])
        out[i] += step
        left -= step
    out[0] += left  # float residue only (|left| <= tol)
    return out


def minimise_reactive(inputs: DispatchInputs, model: DispatchModel) -> int:
    """Re-dispatch every interval's Q to the least ``sum |Q|`` the fixed active-power schedule allows.

    The tie-break of the reactive dispatch: Q carries no cost, so the solver returns any feasible split
    and may circulate it (generators producing what the battery absorbs). With every other variable at
    its solved value each interval's Q is independent and the split here satisfies every row the solved
    one did, so the objective is unchanged to the cent. Intervals whose rows this does not model
    (AC-loop margins) keep the solver's split. Returns the number of intervals changed.
    """
    v = model.index.variables
    changed = 0
    for t in range(inputs.n_intervals):
        net = float(v["grid-import"][(t,)].varValue) - float(v["grid-export"][(t,)].varValue)
        sources = _q_sources(inputs, model, t, net)
        if sources is None:
            continue
        ranges, q_vars = sources
        now = [float(var.varValue) for var in q_vars]
        split = least_reactive_split(sum(now), ranges)
        if split is None or sum(abs(x) for x in split) >= sum(abs(x) for x in now) - 1e-9:
            continue
        for var, value in zip(q_vars, split, strict=True):
            var.varValue = value
        changed += 1
    return changed


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
