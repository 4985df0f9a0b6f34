"""Decision explainer (seed page 6) from the schedule's own facts (plain logic, no UI code).

Per interval: the decisions, the price against what storage and generation need to pay, the SOC
against its floor, and the limits that bind (detected from the time series). Over the horizon: how
often each limit binds.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from dcep_opt import DispatchInputs, DispatchResult
from dcep_tui.series import column

MW_TOL = 1e-3
MWH_TOL = 1e-3
MVA_AT_LIMIT_FRAC = 0.98  # MVA limits are inscribed polygons: their flats sit at cos(pi/16) = 98.1 %


def binding_limits(inputs: DispatchInputs, result: DispatchResult, t: int) -> list[str]:
    """Limits at their bound in interval ``t``, named after the model's component and role."""
    g = inputs.grid
    out: list[str] = []
    imp, exp = column(result, "grid_import_mw")[t], column(result, "grid_export_mw")[t]
    if imp > MW_TOL and imp >= g.max_import_mw - MW_TOL:
        out.append("poi-import at cap")
    if exp > MW_TOL and exp >= g.max_export_mw - MW_TOL:
        out.append("poi-export at cap")
    # the optimiser's own limit: POI rating, or the transformer firm rating at the lowest bus voltage
    rating = g.limit_mva
    s = float(np.hypot(column(result, "grid_net_import_mw")[t], column(result, "grid_q_mvar")[t]))
    if rating > 0 and s >= MVA_AT_LIMIT_FRAC * rating:
        out.append(f"{g.limit_family} at rating")
    b = inputs.battery
    if b is not None:
        soc = column(result, "bess_soc_mwh")[t]
        if abs(soc - b.floor_mwh) <= MWH_TOL:
            out.append("bess-soc at reserve floor")
        if soc <= b.soc_min_mwh + MWH_TOL:
            out.append("bess-soc at minimum")
        if soc >= b.soc_max_mwh - MWH_TOL:
            out.append("bess-soc at maximum")
        flow = max(column(result, "bess_charge_mw")[t], column(result, "bess_discharge_mw")[t])
        if flow >= b.power_mw - MW_TOL:
            out.append("bess-power at rating")
        p_net = column(result, "bess_discharge_mw")[t] - column(result, "bess_charge_mw")[t]
        if b.pcs_mva > 0 and float(np.hypot(p_net, column(result, "bess_q_mvar")[t])) >= MVA_AT_LIMIT_FRAC * b.pcs_mva:
            out.append("bess-pcs at MVA rating")
    for f in inputs.fleets:
        online = column(result, f"gen_{f.name}_units_online")[t]
        synced = column(result, f"gen_{f.name}_units_synced")[t]
        if online >= f.count - 0.5:
            out.append(f"gen-units {f.name} all online")
        if synced > 0.5 and column(result, f"gen_{f.name}_mw")[t] >= synced * f.p_max_mw - MW_TOL:
            out.append(f"gen-p {f.name} at max")
    if column(result, "unserved_critical_mw")[t] > MW_TOL:
        out.append("load-unserved (critical)")
    if column(result, "shed_total_mw")[t] > MW_TOL:
        out.append("load-shed")
    return out


def binding_frequency(inputs: DispatchInputs, result: DispatchResult) -> list[tuple[str, int]]:
    """How many intervals each limit binds in, most frequent first."""
    counts: Counter[str] = Counter()
    for t in range(result.n_intervals):
        counts.update(binding_limits(inputs, result, t))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _battery_facts(inputs: DispatchInputs, result: DispatchResult, t: int, price: float) -> list[str]:
    b = inputs.battery
    if b is None:
        return []
    charge, discharge = column(result, "bess_charge_mw")[t], column(result, "bess_discharge_mw")[t]
    soc = column(result, "bess_soc_mwh")
    soc_start = b.soc_initial_mwh if t == 0 else soc[t - 1]
    prices = column(result, "energy_price_usd_per_mwh")
    round_trip = b.charge_efficiency * b.discharge_efficiency
    facts = [f"SOC {soc_start:.2f} -> {soc[t]:.2f} MWh (reserve floor {b.floor_mwh:g}, min {b.soc_min_mwh:g})"]
    if charge > MW_TOL:
        later = float(np.max(prices[t + 1 :], initial=-np.inf))
        why = f"Battery charged {charge:.2f} MW at ${price:.2f}/MWh."
        if np.isfinite(later):
            why += (
                f" Highest later price ${later:.2f}/MWh x round trip {round_trip:.3f} = ${later * round_trip:.2f}/MWh"
            )
            why += (
                " (above this price: arbitrage)."
                if later * round_trip > price
                else " (not above: charged for reserves, floor or end SOC)."
            )
        facts.insert(0, why)
    elif discharge > MW_TOL:
        earlier = float(np.min(prices[:t], initial=np.inf))
        why = f"Battery discharged {discharge:.2f} MW at ${price:.2f}/MWh."
        if np.isfinite(earlier):
            why += f" Cheapest earlier price ${earlier:.2f}/MWh / round trip {round_trip:.3f}"
            why += f" = ${earlier / round_trip:.2f}/MWh."
        facts.insert(0, why)
    else:
        facts.insert(0, "Battery idle in energy.")
    return facts


def _generator_facts(inputs: DispatchInputs, result: DispatchResult, t: int, price: float) -> list[str]:
    facts = []
    for f in inputs.fleets:
        online = column(result, f"gen_{f.name}_units_online")[t]
        starts = column(result, f"gen_{f.name}_starts")[t]
        stops = column(result, f"gen_{f.name}_stops")[t]
        output = column(result, f"gen_{f.name}_mw")[t]
        reserve = sum(
            float(column(result, f"reserve_{p.name}_gen_{f.name}_mw")[t]) for p in inputs.products if p.provides_up
        )
        mc = f.marginal_cost_usd_per_mwh
        line = f"Generators {f.name}: {online:.0f}/{f.count} units online, {output:.2f} MW, marginal cost ${mc:.2f}/MWh"
        line += f" {'below' if mc < price else 'above'} the price ${price:.2f}/MWh"
        if reserve > MW_TOL:
            line += f"; {reserve:.2f} MW up-reserve awarded"
        if starts > 0.5:
            line += f"; {starts:.0f} unit(s) started"
        if stops > 0.5:
            line += f"; {stops:.0f} unit(s) stopped"
        facts.append(line + ".")
    return facts


def interval_facts(inputs: DispatchInputs, result: DispatchResult, t: int) -> list[str]:
    """Plain-language facts about interval ``t``: decisions, prices, SOC vs floor, binding limits.

    Raises:
        IndexError: ``t`` is outside the schedule.
    """
    if not 0 <= t < result.n_intervals:
        raise IndexError(f"interval {t} outside 0..{result.n_intervals - 1}")
    prices = column(result, "energy_price_usd_per_mwh")
    price = float(prices[t])
    imp, exp = column(result, "grid_import_mw")[t], column(result, "grid_export_mw")[t]
    grid = f"importing {imp:.2f} MW" if imp >= exp else f"exporting {exp:.2f} MW"
    facts = [
        f"Interval {t} ({result.interval_starts[t]}): LMP ${price:.2f}/MWh "
        f"(horizon mean ${float(np.mean(prices)):.2f}).",
        f"Grid {grid}; demand {column(result, 'demand_total_mw')[t]:.2f} MW.",
    ]
    facts += _battery_facts(inputs, result, t, price)
    facts += _generator_facts(inputs, result, t, price)
    awards = [
        f"{p.name} {column(result, f'reserve_{p.name}_mw')[t]:.2f} MW"
        for p in inputs.products
        if column(result, f"reserve_{p.name}_mw")[t] > MW_TOL
    ]
    if awards:
        facts.append("Reserves awarded: " + ", ".join(awards) + ".")
    limits = binding_limits(inputs, result, t)
    facts.append("Binding: " + (", ".join(limits) if limits else "no limit at its bound") + ".")
    return facts
