"""Reliability and reserves (seed page 4): SOC vs floor, load served, unserved energy, reserves by product."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcep_opt import DispatchInputs, DispatchResult
from dcep_tui.series import FloatArray, Series, column, hours_axis

UNSERVED_TOL_MW = 1e-6


@dataclass(frozen=True)
class ReserveRow:
    """Awards of one reserve product over the horizon: mean and peak MW, MW-h, and mean MW by provider."""

    product: str
    mean_mw: float
    max_mw: float
    mw_h: float
    mean_by_provider_mw: dict[str, float]


@dataclass(frozen=True)
class ReliabilityData:
    """Series and tables of the reliability page."""

    hours: FloatArray
    soc: list[Series]  # SOC, reserve floor, minimum SOC (MWh)
    ride_through: Series  # minutes (finite; infinite values capped at the plot's top)
    load_served: list[Series]  # critical served, non-critical served, unserved critical (MW)
    unserved_intervals: list[tuple[str, float]]  # (interval start, unserved critical MW)
    reserves: list[ReserveRow]
    summary: list[tuple[str, str]]


def reserve_rows(inputs: DispatchInputs, result: DispatchResult) -> list[ReserveRow]:
    """One row per reserve product, from the ``reserve_<product>_*_mw`` columns."""
    rows = []
    for prod in inputs.products:
        total = column(result, f"reserve_{prod.name}_mw")
        prefix = f"reserve_{prod.name}_"
        providers = {
            name[len(prefix) : -len("_mw")]: float(np.mean(values)) if len(values) else 0.0
            for name, values in result.timeseries.items()
            if name.startswith(prefix) and name.endswith("_mw") and name != f"{prefix[:-1]}_mw"
        }
        rows.append(
            ReserveRow(
                product=prod.name,
                mean_mw=float(np.mean(total)) if len(total) else 0.0,
                max_mw=float(np.max(total, initial=0.0)),
                mw_h=float(np.sum(total) * result.interval_hours),
                mean_by_provider_mw=providers,
            )
        )
    return rows


def _summary(inputs: DispatchInputs, result: DispatchResult) -> list[tuple[str, str]]:
    rel = result.reliability
    if rel is None:
        return [("Status", f"no schedule ({result.solver.status})")]
    ride = "n/a" if rel.min_ride_through_min is None else f"{rel.min_ride_through_min:.1f} min"
    n1 = "not required" if rel.n_plus_1_ok is None else ("OK" if rel.n_plus_1_ok else "VIOLATED")
    rows = [
        ("Unserved critical energy", f"{rel.unserved_mwh:.3f} MWh"),
        ("Curtailed (shed) energy", f"{rel.curtailed_mwh:.3f} MWh"),
        ("Emergency floor draw", f"{rel.floor_draw_mwh:.3f} MWh"),
        ("Minimum ride-through", f"{ride} (need {rel.ride_through_required_min:g} min)"),
        ("Ride-through guarantee", "OK" if rel.ride_through_ok else "VIOLATED"),
        (f"Generator redundancy {rel.redundancy}", n1),
    ]
    if inputs.battery is not None:
        soc = column(result, "bess_soc_mwh")
        rows.append(
            ("Lowest SOC", f"{float(np.min(soc, initial=np.inf)):.2f} MWh (floor {inputs.battery.floor_mwh:g})")
        )
    return rows


def reliability_data(inputs: DispatchInputs, result: DispatchResult, ride_cap_min: float = 600.0) -> ReliabilityData:
    """The reliability page of a result; ride-through above ``ride_cap_min`` (or infinite) is capped there."""
    n = result.n_intervals
    soc: list[Series] = []
    if inputs.battery is not None:
        soc = [
            Series("SOC MWh", column(result, "bess_soc_mwh")),
            Series("floor MWh", np.full(n, inputs.battery.floor_mwh)),
            Series("min MWh", np.full(n, inputs.battery.soc_min_mwh)),
        ]
    critical = column(result, "demand_critical_mw")
    unserved = column(result, "unserved_critical_mw")
    non_critical = column(result, "demand_total_mw") - critical - column(result, "shed_total_mw")
    ride = np.minimum(column(result, "ride_through_min"), ride_cap_min)
    flagged = [(result.interval_starts[t], float(unserved[t])) for t in range(n) if unserved[t] > UNSERVED_TOL_MW]
    return ReliabilityData(
        hours=hours_axis(result),
        soc=soc,
        ride_through=Series("ride-through min", ride),
        load_served=[
            Series("critical served", critical - unserved),
            Series("non-critical served", non_critical),
            Series("unserved critical", unserved),
        ],
        unserved_intervals=flagged,
        reserves=reserve_rows(inputs, result),
        summary=_summary(inputs, result),
    )
