"""Ancillary-service awards: headroom and energy backing, by provider.

Families (awards, MW, >= 0, paid ``price * MW * h``):
    ``reserve-bess`` (product, t); ``reserve-gen`` (fleet, product, t); ``reserve-load`` (load, product, t).
Constraints:
    ``reserve-energy-up`` (t): max(soc[t], floor) >= floor + sum_up R*d/eta_dis: up-reserve energy sits on
        top of the ride-through floor and is energy above it (floor energy backs no award; below the
        floor no up award is possible).
    ``reserve-energy-up-start`` (t): the same backing at the START of interval t (soc[t-1], or the
        initial SOC); SOC moves linearly inside an interval, so both ends bound it.
    ``reserve-energy-down`` / ``reserve-energy-down-start`` (t): soc + sum_dn R*d*eta_ch <= soc_max.
    ``reserve-bess-up`` (t): sum_up R <= P - discharge + charge (a charging battery can also drop its
        charge); ``reserve-bess-down`` (t): sum_dn R <= P - charge + discharge.
    ``reserve-gen-up`` (fleet, t): online-only up awards <= p_max * synced - p (spinning headroom);
    ``reserve-gen-up-all`` (fleet, t): all up awards <= p_max * synced - p + p_max * (count - units)
        for products that offline units can meet (online_only False, start time <= deploy time);
    ``reserve-gen-down`` (fleet, t): down awards <= p - p_min * synced.
    ``reserve-load-up`` (load, t): load-eligible up awards <= sheddable demand still served.
    ``reserve-cap`` (product, t): all providers' awards of a product <= its ``max_award_mw`` (optional).
Expected deployment energy of the awards (objective and battery SOC): :mod:`dcep_opt._families.deployment`.
A symmetric product (one award, both directions) appears in both the up and the down rows. Durations
are the interval's own day's rule (``ReserveProduct.duration_at``).
"""

from __future__ import annotations

import pulp

from dcep_opt._families.deployment import define_deployment
from dcep_opt._families.floor import soc_or_floor_terms
from dcep_opt._families.generators import synced_terms
from dcep_opt._inputs import FleetInputs, ReserveProduct
from dcep_opt._model import DispatchModel

Terms = list[tuple[pulp.LpVariable, float]]


def _offline_can_serve(fleet: FleetInputs, prod: ReserveProduct) -> bool:
    return (not prod.online_only) and fleet.start_time_min <= prod.deploy_minutes


def define_reserves(m: DispatchModel) -> None:
    """Award variables with their revenue, headroom and energy-backing rows."""
    inp, h = m.inputs, m.h
    intervals = range(m.n)
    for prod in inp.products:
        ub = [None if prod.offered_at(t) else 0.0 for t in intervals]  # the day's rules do not offer it: no award
        providers: list[list[pulp.LpVariable]] = []  # each provider's award in every interval, in this order
        if inp.battery is not None and prod.storage_eligible:
            providers.append(m.add_vars("reserve-bess", [(prod.name, t) for t in intervals], 0.0, ub))
        if prod.generator_eligible:
            for fleet in inp.fleets:
                if fleet.provides_reserves:
                    keys = [(fleet.name, prod.name, t) for t in intervals]
                    providers.append(m.add_vars("reserve-gen", keys, 0.0, ub))
        if prod.load_eligible and prod.provides_up and not prod.provides_down:
            for load in inp.loads:
                if load.kind != "critical" and load.max_shed_frac > 0 and load.reserve_eligible:
                    keys = [(load.name, prod.name, t) for t in intervals]
                    providers.append(m.add_vars("reserve-load", keys, 0.0, ub))
        if not providers:
            continue
        for t in intervals:
            price = float(prod.price_usd_per_mw_h[t]) * h
            awards: Terms = [(award[t], 1.0) for award in providers]
            for var, _c in awards:
                m.add_objective(var, price)
            if prod.max_award_mw is not None:
                m.add_con("reserve-cap", (prod.name, t), awards, "<=", prod.max_award_mw)
    define_deployment(m)
    _battery_rows(m)
    _generator_rows(m)
    _load_rows(m)


def _battery_rows(m: DispatchModel) -> None:
    b = m.inputs.battery
    if b is None:
        return
    v = m.index.variables
    awards = v.get("reserve-bess", {})
    eta_c, eta_d = b.charge_efficiency, b.discharge_efficiency
    soc = v["bess-soc"]
    for t in range(m.n):
        up: Terms = []
        up_energy: Terms = []
        dn: Terms = []
        dn_energy: Terms = []
        for prod in m.inputs.products:
            r = awards.get((prod.name, t))
            if r is None:
                continue
            stored, room = prod.mwh_per_mw(eta_c, eta_d, t)
            if prod.provides_up:
                up.append((r, 1.0))
                up_energy.append((r, stored))
            if prod.provides_down:
                dn.append((r, 1.0))
                dn_energy.append((r, room))
        if up:
            ch, dis = v["bess-charge"][(t,)], v["bess-discharge"][(t,)]
            neg = [(var, -c) for var, c in up_energy]
            m.add_con("reserve-bess-up", (t,), [*up, (dis, 1.0), (ch, -1.0)], "<=", b.power_mw)
            for fam, end in (("reserve-energy-up", t), ("reserve-energy-up-start", t - 1)):
                if end < 0:  # the initial SOC: backing <= max(soc_initial - floor, 0) (studies._seams reads this form)
                    m.add_con(fam, (t,), up_energy, "<=", max(b.soc_initial_mwh - b.floor_mwh, 0.0))
                    continue
                level, const = soc_or_floor_terms(m, end)
                m.add_con(fam, (t,), [*level, *neg], ">=", b.floor_mwh - const)
        if dn:
            ch, dis = v["bess-charge"][(t,)], v["bess-discharge"][(t,)]
            m.add_con("reserve-bess-down", (t,), [*dn, (ch, 1.0), (dis, -1.0)], "<=", b.power_mw)
            m.add_con("reserve-energy-down", (t,), [(soc[t,], 1.0), *dn_energy], "<=", b.soc_max_mwh)
            if t == 0:
                m.add_con("reserve-energy-down-start", (t,), dn_energy, "<=", b.soc_max_mwh - b.soc_initial_mwh)
            else:
                m.add_con("reserve-energy-down-start", (t,), [(soc[t - 1,], 1.0), *dn_energy], "<=", b.soc_max_mwh)


def _generator_rows(m: DispatchModel) -> None:
    v = m.index.variables
    awards = v.get("reserve-gen", {})
    if not awards:
        return
    for fleet in m.inputs.fleets:
        if not fleet.provides_reserves:
            continue
        name = fleet.name
        for t in range(m.n):
            p = v["gen-p"][(name, t)]
            units = v["gen-units"][(name, t)]
            online_up: Terms = []
            all_up: Terms = []
            down: Terms = []
            offline_ok = False
            for prod in m.inputs.products:
                r = awards.get((name, prod.name, t))
                if r is None:
                    continue
                if prod.provides_up:
                    all_up.append((r, 1.0))
                    if _offline_can_serve(fleet, prod):
                        offline_ok = True
                    else:
                        online_up.append((r, 1.0))
                if prod.provides_down:
                    down.append((r, 1.0))
            spin = [(p, 1.0), *synced_terms(m, fleet, t, -fleet.p_max_mw)]
            if online_up:
                m.add_con("reserve-gen-up", (name, t), online_up + spin, "<=", 0.0)
            if offline_ok:
                offline = [(units, fleet.p_max_mw)]
                m.add_con("reserve-gen-up-all", (name, t), all_up + spin + offline, "<=", fleet.p_max_mw * fleet.count)
            if down:
                floor = [(p, -1.0), *synced_terms(m, fleet, t, fleet.p_min_mw)]
                m.add_con("reserve-gen-down", (name, t), down + floor, "<=", 0.0)


def _load_rows(m: DispatchModel) -> None:
    v = m.index.variables
    awards = v.get("reserve-load", {})
    if not awards:
        return
    shed = v.get("load-shed", {})
    grouped: dict[tuple[object, object], Terms] = {}
    for (ln, _p, tt), r in awards.items():
        grouped.setdefault((ln, tt), []).append((r, 1.0))
    for load in m.inputs.loads:
        for t in range(m.n):
            terms = grouped.get((load.name, t))
            if not terms:
                continue
            s = shed.get((load.name, t))
            if s is not None:
                terms.append((s, 1.0))
            m.add_con("reserve-load-up", (load.name, t), terms, "<=", float(load.max_shed_frac * load.demand_mw[t]))
