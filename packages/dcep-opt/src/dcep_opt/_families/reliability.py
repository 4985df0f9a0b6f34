"""N+1 (or N+2): firm online generation plus the battery's deliverable power covers critical load.

Families:
    ``n1-unit`` (fleet, m, t) binary: 1 when at least m units of the fleet are synchronised
        (row ``n1-unit``: synced - (m - 1) <= count * y), so a loss of m units of that fleet is counted.
        A unit still inside its start time produces nothing and so cannot be lost.
    ``n1-deliverable`` (t): MW the battery can deliver from energy above its floor and reserve
        backing, sustained for ``max(ride_through_minutes, interval)``, within the inverter rating
        not already awarded as up-reserve, at BOTH ends of interval t (the smaller of the two).
    ``n1-deliverable-power`` (t), ``n1-deliverable-energy`` (t, end of t: soc[t]) and
        ``n1-deliverable-energy-start`` (t >= 1, start of t: soc[t-1]): those limits. Energy is
        ``max(soc, floor) - floor`` (:func:`soc_or_floor_terms`): floor energy never counts. The start
        of interval 0 is the case's initial state, which no decision can change: it is not a row; the
        results report its margin (``ReliabilitySummary.initial_n_plus_1_margin_mw``).
    ``n1-cover`` (loss, t): for every way of losing ``redundancy_units`` units across the fleets,
        sum_f p_max_f * synced_f - lost MW + deliverable >= critical demand. The units are those
        synchronised during interval t, which are the units at both of its ends.
Applied only when the inputs ask for redundancy (``redundancy_units`` >= 1) and there is at least
one generator fleet, and not in emergency intervals (critical demand above the import cap plus every
generator that can run, :meth:`DispatchInputs.critical_deficit_mw`): there serving the load comes
first and N+k is reported (``n_plus_1_ok`` false if short), not enforced.

By default (``DispatchInputs.n1_reserves_same_event``; the case's ``reliability.n_plus_1_reserve_rule``)
up-reserve sold and N+k are the SAME event (``n1-gen-reserve``): N+k must hold while every up award is
being deployed. The grid disturbance that deploys reserves can be the one that trips a site unit, and a
schedule a lender signs may not count on defaulting on an award it was paid for (conservative). So
``firm = sum_f p_max_f * synced_f - lost MW - up awards the synchronised units carry``: online-only
awards in full; awards an offline unit can meet (``reserve-gen-up-all``) only for the part the fleet's
offline units (``p_max * (count - units)``) do not cover, ``n1-gen-reserve`` (fleet, t) >= that part.
The battery's up awards are subtracted the same way (``n1-deliverable-power`` and the backing MWh).
"""

from __future__ import annotations

from itertools import combinations_with_replacement, pairwise

import pulp

from dcep_opt._families.floor import soc_or_floor_terms
from dcep_opt._families.generators import synced_terms
from dcep_opt._inputs import FleetInputs
from dcep_opt._model import DispatchModel

Terms = list[tuple[pulp.LpVariable, float]]


def define_n_plus_1(m: DispatchModel) -> None:
    """N+k rows; returns at once when not asked for or without generators."""
    inp = m.inputs
    k = inp.redundancy_units
    if k < 1 or not inp.fleets:
        return
    crit = inp.critical_demand_mw
    losses = [c for c in combinations_with_replacement(range(len(inp.fleets)), k)]
    deliverable = _define_deliverable(m)
    emergency = inp.critical_deficit_mw() > 1e-9
    if not m.options.emergency_floor:
        emergency[:] = False
    for t in range(m.n):
        if emergency[t]:
            continue
        ys: dict[tuple[int, int], pulp.LpVariable] = {}
        for fi, fleet in enumerate(inp.fleets):
            for mult in range(1, min(k, fleet.count) + 1):
                y = m.add_var("n1-unit", (fleet.name, mult, t), 0.0, 1.0, integer=True)
                synced = synced_terms(m, fleet, t, 1.0)
                m.add_con("n1-unit", (fleet.name, mult, t), [*synced, (y, -float(fleet.count))], "<=", mult - 1.0)
                ys[(fi, mult)] = y
        firm: Terms = []
        for fleet in inp.fleets:
            firm.extend(synced_terms(m, fleet, t, fleet.p_max_mw))
            if inp.n1_reserves_same_event:
                firm.extend(_gen_award_terms(m, fleet, t))
        if deliverable is not None:
            firm.append((deliverable[t], 1.0))
        for loss in losses:
            lost: Terms = []
            feasible_loss = True
            for fi in set(loss):
                times = loss.count(fi)
                if times > inp.fleets[fi].count:
                    feasible_loss = False
                    break
                for mult in range(1, times + 1):
                    lost.append((ys[(fi, mult)], -inp.fleets[fi].p_max_mw))
            if not feasible_loss:
                continue
            label = "+".join(inp.fleets[fi].name for fi in loss)
            m.add_con("n1-cover", (label, t), firm + lost, ">=", float(crit[t]))
        if len(inp.fleets) == 1 and m.options.n1_hull_cuts:
            d_max = inp.battery.power_mw if inp.battery is not None and deliverable is not None else 0.0
            d_var = deliverable[t] if deliverable is not None else None
            _hull_cuts(m, inp.fleets[0], k, float(crit[t]), d_max, d_var, t)


def _gen_award_terms(m: DispatchModel, fleet: FleetInputs, t: int) -> Terms:
    """``-(up MW the fleet's synchronised units carry at t)`` as terms (empty without awards)."""
    awards = m.index.variables.get("reserve-gen", {})
    online: Terms = []
    offline: Terms = []
    for prod in m.inputs.products:
        r = awards.get((fleet.name, prod.name, t))
        if r is None or not prod.provides_up:
            continue
        can_offline = (not prod.online_only) and fleet.start_time_min <= prod.deploy_minutes
        (offline if can_offline else online).append((r, -1.0))
    if offline:
        units = m.index.variables["gen-units"][(fleet.name, t)]
        extra = m.add_var("n1-gen-reserve", (fleet.name, t), 0.0, None)
        # extra >= offline awards - p_max * (count - units)
        terms = [(extra, 1.0), *offline, (units, -fleet.p_max_mw)]
        m.add_con("n1-gen-reserve", (fleet.name, t), terms, ">=", -fleet.p_max_mw * fleet.count)
        online.append((extra, -1.0))
    return online


def _lower_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Lower convex hull of points sorted by x (monotone chain)."""
    hull: list[tuple[float, float]] = []
    for p in points:
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            if (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1) <= 0:
                hull.pop()
            else:
                break
        hull.append(p)
    return hull


def _hull_cuts(
    m: DispatchModel, fleet: FleetInputs, k: int, crit_mw: float, d_max: float, d_var: pulp.LpVariable | None, t: int
) -> None:
    """Valid inequalities ``n1-hull``: with one fleet, N+k says D >= g(s) = max(0, C - p_max * max(s - k, 0))
    for s synchronised units, and D <= d_max. The lower convex envelope of g over the integers s that
    can satisfy it is a valid, tighter LP description than the big-M rows (which only see the chord)."""
    pts = []
    for units in range(fleet.count + 1):
        need = max(0.0, crit_mw - fleet.p_max_mw * max(units - k, 0))
        if need <= d_max + 1e-9:
            pts.append((float(units), need))
    if len(pts) < 2:
        return
    hull = _lower_hull(pts)
    for i, ((x1, y1), (x2, y2)) in enumerate(pairwise(hull)):
        slope = (y2 - y1) / (x2 - x1)
        if slope >= 0:
            break
        # D >= y1 + slope * (s - x1)  <=>  D - slope * s >= y1 - slope * x1
        terms: Terms = [(var, -c) for var, c in synced_terms(m, fleet, t, slope)]
        if d_var is not None:
            terms.append((d_var, 1.0))
        m.add_con("n1-hull", (fleet.name, i, t), terms, ">=", y1 - slope * x1)


def _define_deliverable(m: DispatchModel) -> list[pulp.LpVariable] | None:
    b = m.inputs.battery
    if b is None:
        return None
    v = m.index.variables
    hold_h = m.inputs.n1_hold_h
    awards = v.get("reserve-bess", {})
    out = []
    for t in range(m.n):
        d = m.add_var("n1-deliverable", (t,), 0.0, b.power_mw)
        up: Terms = []
        up_energy: Terms = []
        for prod in m.inputs.products:
            r = awards.get((prod.name, t))
            if r is not None and prod.provides_up:
                up.append((r, 1.0))
                up_energy.append((r, prod.mwh_per_mw(b.charge_efficiency, b.discharge_efficiency, t)[0]))
        if up:
            m.add_con("n1-deliverable-power", (t,), [(d, 1.0), *up], "<=", b.power_mw)
        for fam, end in (("n1-deliverable-energy", t), ("n1-deliverable-energy-start", t - 1)):
            if end < 0:
                continue  # the start of the horizon is the given initial state, reported, not scheduled
            level, const = soc_or_floor_terms(m, end)
            terms = [(d, hold_h / b.discharge_efficiency), *[(var, -c) for var, c in level], *up_energy]
            m.add_con(fam, (t,), terms, "<=", const - b.floor_mwh)
        out.append(d)
    return out
