"""Economics and reliability recomputed from the time series (never from the solver's objective)."""

from __future__ import annotations

import numpy as np

from dcep_iso import bill_lines
from dcep_models import format_usd
from dcep_opt._families.deployment import net_deployed_mwh_per_mw
from dcep_opt._firm import firm_capacity_mw
from dcep_opt._inputs import DispatchInputs
from dcep_opt._results import GRID_ONLY_DEFINITION, Baseline, Economics, FloatArray, ReliabilitySummary

_REDUNDANCY = {0: "N", 1: "N+1", 2: "N+2"}


def grid_only_baseline(inputs: DispatchInputs) -> Baseline:
    """The default baseline (:data:`GRID_ONLY_DEFINITION`), USD over the inputs' horizon.

    energy cost = sum_t demand_t * price_t * h; adder = sum_t demand_t * adder_t * h; net = -(both).
    Demand is every load's, in full. A note says when the peak exceeds the POI import cap. With a
    retail tariff the whole load is also billed on it (``tariff_bill_usd``, in the net; a note says so).
    """
    h = inputs.interval_hours
    demand = inputs.total_demand_mw
    energy = float(np.sum(demand * inputs.energy_price_usd_per_mwh) * h)
    adder = float(np.sum(demand * inputs.import_adder_usd_per_mwh) * h)
    notes = []
    peak = float(np.max(demand, initial=0.0))
    if peak > inputs.grid.max_import_mw + 1e-9:
        notes.append(
            f"peak load {peak:g} MW exceeds the POI import cap {inputs.grid.max_import_mw:g} MW: "
            "the grid-only baseline assumes a connection that could carry it"
        )
    bill = 0.0
    if inputs.tariff is not None:
        bill = sum(line.usd for line in bill_lines(inputs.tariff, demand, h))
        notes.append(
            f"the whole load is also billed on the tariff: {format_usd(bill)} (energy, demand and fixed charges)"
        )
    return Baseline(
        "grid only", GRID_ONLY_DEFINITION, energy, adder, -(energy + adder + bill), tuple(notes), tariff_bill_usd=bill
    )


def baseline_from_economics(name: str, economics: Economics) -> Baseline:
    """A user-named baseline: another case dispatched over the same intervals, from its economics."""
    return Baseline(
        name,
        f"the case {name!r} dispatched over the same intervals",
        economics.energy_cost_usd,
        economics.import_adder_cost_usd,
        economics.net_value_usd,
    )


def compute_economics(inputs: DispatchInputs, ts: dict[str, FloatArray], baseline: Baseline | None = None) -> Economics:
    """Every revenue and cost line, USD, from the schedule's columns and the inputs' prices and costs.

    ``baseline`` defaults to :func:`grid_only_baseline` of the same inputs.
    """
    h = inputs.interval_hours
    price = ts["energy_price_usd_per_mwh"]
    imp, exp = ts["grid_import_mw"], ts["grid_export_mw"]
    energy_rev = float(np.sum(price * exp) * h)
    energy_cost = float(np.sum(price * imp) * h)
    adder = float(np.sum(ts["import_adder_usd_per_mwh"] * imp) * h)
    by_product = {
        p.name: float(np.sum(ts[f"as_price_{p.name}_usd_per_mw_h"] * ts[f"reserve_{p.name}_mw"]) * h)
        for p in inputs.products
    }
    fuel = vom = starts = 0.0
    for f in inputs.fleets:
        gen = ts[f"gen_{f.name}_mw"]
        fuel += float(np.sum(gen) * h * f.fuel_usd_per_mwh)
        vom += float(np.sum(gen) * h * f.vom_usd_per_mwh)
        starts += float(np.sum(ts[f"gen_{f.name}_starts"]) * f.start_cost_usd)
    degradation = floor_penalty = final_short = 0.0
    b = inputs.battery
    if b is not None:
        degradation = float(np.sum(ts["bess_discharge_mw"]) * h * b.degradation_usd_per_mwh)
        floor_penalty = float(np.sum(recomputed_floor_draw_mwh(inputs, ts)) * inputs.floor_use_penalty_usd_per_mwh)
        short_price = inputs.final_soc_shortfall_usd_per_mwh
        if short_price is not None:
            final_short = max(b.soc_final_min_mwh - float(ts["bess_soc_mwh"][-1]), 0.0) * short_price
    curtailment = 0.0
    for load in inputs.loads:
        col = ts.get(f"shed_{load.name}_mw")
        if col is not None:
            curtailment += float(np.sum(col) * h * load.shed_cost_usd_per_mwh)
    unserved = float(np.sum(ts["unserved_critical_mw"]) * h * inputs.voll_usd_per_mwh)
    as_rev = sum(by_product.values())
    deployment = deployment_energy_usd(inputs, ts)
    bill = tuple(bill_lines(inputs.tariff, imp, h)) if inputs.tariff is not None else ()
    bill_usd = float(sum(line.usd for line in bill))
    net = (
        energy_rev
        + as_rev
        + deployment
        - energy_cost
        - adder
        - fuel
        - vom
        - starts
        - degradation
        - curtailment
        - unserved
        - floor_penalty
        - bill_usd
        - final_short
    )
    return Economics(
        energy_revenue_usd=energy_rev,
        as_revenue_usd=as_rev,
        energy_cost_usd=energy_cost,
        import_adder_cost_usd=adder,
        fuel_cost_usd=fuel,
        vom_cost_usd=vom,
        start_cost_usd=starts,
        degradation_cost_usd=degradation,
        curtailment_cost_usd=curtailment,
        unserved_cost_usd=unserved,
        floor_use_penalty_usd=floor_penalty,
        net_value_usd=net,
        as_revenue_by_product_usd=by_product,
        baseline=baseline if baseline is not None else grid_only_baseline(inputs),
        tariff_bill_usd=bill_usd,
        tariff_bill=bill,
        final_soc_shortfall_usd=final_short,
        as_deployment_energy_usd=deployment,
    )


def deployment_energy_usd(inputs: DispatchInputs, ts: dict[str, FloatArray]) -> float:
    """Net value of the awards' expected deployment energy, USD, from the award columns.

    Per award column R (MW) of a product with fraction f: ``sum_t R_t * net_t * (price_t - cost)`` with
    ``net = f*h`` (up), ``-f*h`` (down), 0 (symmetric) and cost 0 (battery), the fleet's fuel + VOM per
    MWh, or the load's curtailment cost per MWh (see dcep_opt._families.deployment).
    """
    h = inputs.interval_hours
    price = ts["energy_price_usd_per_mwh"]
    total = 0.0
    for p in inputs.products:
        if p.deployment_fraction <= 0:
            continue
        providers = [(f"reserve_{p.name}_bess_mw", 0.0)]
        providers += [(f"reserve_{p.name}_gen_{f.name}_mw", f.marginal_cost_usd_per_mwh) for f in inputs.fleets]
        providers += [(f"reserve_{p.name}_load_{ld.name}_mw", ld.shed_cost_usd_per_mwh) for ld in inputs.loads]
        for column, cost in providers:
            col = ts.get(column)
            if col is not None:
                total += float(np.sum(col * net_deployed_mwh_per_mw(p, h) * (price - cost)))
    return total


def ride_through_minutes(inputs: DispatchInputs, ts: dict[str, FloatArray]) -> FloatArray:
    """Minutes the battery could carry critical demand from its lower SOC in each interval, (n,).

    Usable energy is (SOC - soc_min) * eta_dis, taken at the lower of the interval's start and end
    SOC; infinite where critical demand is zero; zero everywhere without a battery.
    """
    n = inputs.n_intervals
    b = inputs.battery
    crit = ts["demand_critical_mw"]
    if b is None:
        return np.zeros(n)
    soc_end = ts["bess_soc_mwh"]
    soc_start = np.concatenate([[b.soc_initial_mwh], soc_end[:-1]])
    usable = (np.minimum(soc_start, soc_end) - b.soc_min_mwh) * b.discharge_efficiency
    with np.errstate(divide="ignore", invalid="ignore"):
        minutes = np.where(crit > 0, usable / np.where(crit > 0, crit, 1.0) * 60.0, np.inf)
    return np.asarray(minutes, dtype=float)


def _soc_start(inputs: DispatchInputs, ts: dict[str, FloatArray]) -> FloatArray:
    """SOC at the START of every interval: the initial SOC, then the previous interval's end, MWh."""
    b = inputs.battery
    assert b is not None
    return np.concatenate([[b.soc_initial_mwh], ts["bess_soc_mwh"][:-1]])


def recomputed_floor_draw_mwh(inputs: DispatchInputs, ts: dict[str, FloatArray]) -> FloatArray:
    """MWh drawn below the ride-through floor in every interval, from SOC alone, shape (n,).

    ``max(0, gap_end - gap_start)`` with ``gap = max(0, floor - SOC)`` at each end of the interval: a
    refilled floor drawn again counts again. Zeros without a battery.
    """
    b = inputs.battery
    if b is None:
        return np.zeros(inputs.n_intervals)
    gap_end = np.clip(b.floor_mwh - ts["bess_soc_mwh"], 0.0, None)
    gap_start = np.clip(b.floor_mwh - _soc_start(inputs, ts), 0.0, None)
    return np.asarray(np.clip(gap_end - gap_start, 0.0, None), dtype=float)


def n_plus_1_margins_mw(inputs: DispatchInputs, ts: dict[str, FloatArray]) -> tuple[FloatArray, FloatArray] | None:
    """N+k margin at the START and at the END of every interval, MW, recomputed from the schedule.

    Firm = p_max x units synchronised in the interval, minus the ``redundancy_units`` largest of them,
    minus the up-reserve MW those units carry under the same-event rule (awards an offline unit may meet
    count only beyond the fleet's offline capacity ``p_max * (count - units online)``; nothing under the
    independent rule, ``inputs.n1_reserves_same_event`` False), plus the battery's deliverable power
    ``min(P - up awards, eta * (max(SOC, floor) - floor - up backing) / H)`` (H = max(ride-through,
    interval)) with SOC at that end. Margin = firm - critical demand. None when redundancy is not asked
    for or there are no fleets.
    """
    k = inputs.redundancy_units
    if k < 1 or not inputs.fleets:
        return None
    n = inputs.n_intervals
    firm = np.array(
        [
            firm_capacity_mw(((f.p_max_mw, float(ts[f"gen_{f.name}_units_synced"][t])) for f in inputs.fleets), k)
            for t in range(n)
        ]
    )
    for f in inputs.fleets if inputs.n1_reserves_same_event else ():
        online = np.zeros(n)
        offline = np.zeros(n)
        for p in inputs.products:
            col = ts.get(f"reserve_{p.name}_gen_{f.name}_mw")
            if col is None or not p.provides_up:
                continue
            if (not p.online_only) and f.start_time_min <= p.deploy_minutes:
                offline = offline + col
            else:
                online = online + col
        spare = f.p_max_mw * (f.count - ts[f"gen_{f.name}_units_online"])
        firm = firm - online - np.clip(offline - spare, 0.0, None)
    b = inputs.battery
    if b is None:
        margin = firm - ts["demand_critical_mw"]
        return margin, margin.copy()
    up = np.zeros(n)
    backing = np.zeros(n)
    for p in inputs.products:
        col = ts.get(f"reserve_{p.name}_bess_mw")
        if col is not None and p.provides_up:
            up += col
            per_mw = [p.mwh_per_mw(b.charge_efficiency, b.discharge_efficiency, t)[0] for t in range(n)]
            backing += col * np.asarray(per_mw)
    hold_h = inputs.n1_hold_h
    out = []
    for soc in (_soc_start(inputs, ts), ts["bess_soc_mwh"]):
        energy = np.maximum(soc, b.floor_mwh) - b.floor_mwh - backing
        deliverable = np.clip(np.minimum(b.power_mw - up, energy * b.discharge_efficiency / hold_h), 0.0, None)
        out.append(firm + deliverable - ts["demand_critical_mw"])
    return out[0], out[1]


def n_plus_1_margin_mw(inputs: DispatchInputs, ts: dict[str, FloatArray]) -> FloatArray | None:
    """The smaller of the start and end N+k margins of every interval, MW (see :func:`n_plus_1_margins_mw`).

    The start of interval 0 is the case's initial state, not part of the schedule: interval 0 uses its end
    margin only (the initial state's margin is ``ReliabilitySummary.initial_n_plus_1_margin_mw``).
    """
    both = n_plus_1_margins_mw(inputs, ts)
    if both is None:
        return None
    start, end = both
    start = start.copy()
    start[0] = end[0]
    return np.asarray(np.minimum(start, end), dtype=float)


def compute_reliability(inputs: DispatchInputs, ts: dict[str, FloatArray]) -> ReliabilitySummary:
    """Unserved energy, ride-through and N+k over the horizon, from the schedule."""
    h = inputs.interval_hours
    minutes = ride_through_minutes(inputs, ts)
    finite = minutes[np.isfinite(minutes)]
    min_minutes = float(finite.min()) if finite.size else None
    required = inputs.ride_through_minutes
    ok = min_minutes is None or min_minutes >= required - 1e-6
    if inputs.battery is None and required > 0 and float(np.max(inputs.critical_demand_mw, initial=0.0)) > 0:
        ok = False
    margin = n_plus_1_margin_mw(inputs, ts)
    both = n_plus_1_margins_mw(inputs, ts)
    initial = None if both is None else float(both[0][0])
    draw = float(np.sum(recomputed_floor_draw_mwh(inputs, ts)))
    unserved = float(np.sum(ts["unserved_critical_mw"]) * h)
    if unserved > 1e-6:  # critical load went unserved: neither ride-through nor N+k held
        ok = False
    n1_ok = None if margin is None else bool(np.all(margin >= -1e-6)) and unserved <= 1e-6
    return ReliabilitySummary(
        unserved_mwh=unserved,
        curtailed_mwh=float(np.sum(ts["shed_total_mw"]) * h),
        floor_draw_mwh=draw,
        min_ride_through_min=min_minutes,
        ride_through_required_min=required,
        ride_through_ok=bool(ok),
        n_plus_1_ok=n1_ok,
        initial_n_plus_1_margin_mw=initial,
        redundancy=_REDUNDANCY.get(inputs.redundancy_units, str(inputs.redundancy_units)),
    )
