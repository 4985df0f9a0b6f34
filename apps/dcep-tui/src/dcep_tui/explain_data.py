"""Decision explainer (seed page 6) from the schedule's own facts (plain logic, no UI code).

Per interval: the decisions, the price against what storage and generation need to pay, the SOC
against its floor, and the limits that bind. Which limits bind is dcep-explain's answer (fixed-LP
slack and duals), never guessed from the time series here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dcep_explain import IDENTITY_FAMILIES, BindingLimit, DispatchExplanation, limits_at
from dcep_opt import DispatchInputs, DispatchResult
from dcep_tui.series import column

MW_TOL = 1e-3


def binding_at(explanation: DispatchExplanation, t: int) -> list[BindingLimit]:
    """dcep-explain's binding limits of interval ``t`` (bookkeeping identities left out), largest |dual| first."""
    return limits_at(explanation.limits, t, skip=IDENTITY_FAMILIES)


def binding_names(limits: Sequence[BindingLimit]) -> list[str]:
    """Distinct limit names in order of first appearance (a family binds once per face or unit)."""
    return list(dict.fromkeys(lim.name for lim in limits))


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


def interval_facts(
    inputs: DispatchInputs, result: DispatchResult, t: int, explanation: DispatchExplanation | None = None
) -> list[str]:
    """Plain-language facts about interval ``t``: decisions, prices, SOC vs floor, and the binding limits
    of ``explanation`` (without one, the line says the binding limits are not known).

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
    if explanation is None:
        facts.append("Binding: unknown (no dcep-explain explanation of this run).")
    else:
        names = binding_names(binding_at(explanation, t))
        facts.append("Binding (dcep-explain): " + (", ".join(names) if names else "no limit at its bound") + ".")
    return facts
