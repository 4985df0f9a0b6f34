"""Read a solved model's variable values into named time-series columns (numpy, no PuLP import).

Column names carry units: ``grid_import_mw``, ``bess_soc_mwh``, ``gen_<fleet>_units_online``,
``reserve_<product>_bess_mw``. Integer decisions (units, starts, stops) are rounded to whole numbers.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np

from dcep_opt._economics import compute_economics, compute_reliability, n_plus_1_margin_mw, ride_through_minutes
from dcep_opt._inputs import DispatchInputs
from dcep_opt._results import DispatchResult, FloatArray, SolverFacts


def _values(family: Mapping[tuple[Hashable, ...], Any], keys: Sequence[tuple[Hashable, ...]]) -> FloatArray:
    out = np.zeros(len(keys))
    for i, key in enumerate(keys):
        var = family.get(key)
        if var is not None and var.varValue is not None:
            out[i] = float(var.varValue)
    return out


def _rounded(values: FloatArray) -> FloatArray:
    out: FloatArray = np.round(values).astype(float)
    return out


def read_timeseries(
    inputs: DispatchInputs, variables: Mapping[str, Mapping[tuple[Hashable, ...], Any]]
) -> dict[str, FloatArray]:
    """Every decision and input of the schedule as columns of shape (n,).

    ``variables`` is ``ModelIndex.variables`` (family -> key -> object with ``varValue``).
    """
    n = inputs.n_intervals
    ts = [(t,) for t in range(n)]
    empty: dict[tuple[Hashable, ...], Any] = {}

    def fam(name: str) -> Mapping[tuple[Hashable, ...], Any]:
        return variables.get(name, empty)

    cols: dict[str, FloatArray] = {}
    cols["energy_price_usd_per_mwh"] = np.asarray(inputs.energy_price_usd_per_mwh, dtype=float)
    cols["import_adder_usd_per_mwh"] = np.asarray(inputs.import_adder_usd_per_mwh, dtype=float)
    if inputs.tariff is not None:
        cols["tariff_energy_rate_usd_per_mwh"] = np.asarray(inputs.tariff.energy_rate_usd_per_mwh, dtype=float)
    for prod in inputs.products:
        cols[f"as_price_{prod.name}_usd_per_mw_h"] = np.asarray(prod.price_usd_per_mw_h, dtype=float)
    for load in inputs.loads:
        cols[f"demand_{load.name}_mw"] = np.asarray(load.demand_mw, dtype=float)
    cols["demand_critical_mw"] = inputs.critical_demand_mw
    cols["demand_total_mw"] = inputs.total_demand_mw
    shed_total = np.zeros(n)
    for load in inputs.loads:
        if load.kind != "critical" and load.max_shed_frac > 0:
            col = _values(fam("load-shed"), [(load.name, t) for t in range(n)])
            cols[f"shed_{load.name}_mw"] = col
            shed_total = shed_total + col
    cols["shed_total_mw"] = shed_total
    cols["unserved_critical_mw"] = _values(fam("load-unserved"), ts)
    cols["grid_import_mw"] = _values(fam("grid-import"), ts)
    cols["grid_export_mw"] = _values(fam("grid-export"), ts)
    cols["grid_net_import_mw"] = cols["grid_import_mw"] - cols["grid_export_mw"]
    cols["grid_q_mvar"] = _values(fam("grid-q"), ts)
    if inputs.battery is not None:
        cols["bess_charge_mw"] = _values(fam("bess-charge"), ts)
        cols["bess_discharge_mw"] = _values(fam("bess-discharge"), ts)
        cols["bess_soc_mwh"] = _values(fam("bess-soc"), ts)
        cols["bess_soc_frac"] = cols["bess_soc_mwh"] / inputs.battery.energy_mwh
        cols["bess_floor_mwh"] = np.full(n, inputs.battery.floor_mwh)
        cols["bess_below_floor_mwh"] = _values(fam("bess-below-floor"), ts)
        cols["bess_floor_draw_mwh"] = _values(fam("bess-floor-draw"), ts)
        cols["bess_q_mvar"] = _values(fam("bess-q"), ts)
    for f in inputs.fleets:
        keys = [(f.name, t) for t in range(n)]
        cols[f"gen_{f.name}_mw"] = _values(fam("gen-p"), keys)
        cols[f"gen_{f.name}_units_online"] = _rounded(_values(fam("gen-units"), keys))
        cols[f"gen_{f.name}_starts"] = _rounded(_values(fam("gen-start"), keys))
        cols[f"gen_{f.name}_stops"] = _rounded(_values(fam("gen-stop"), keys))
        starts = cols[f"gen_{f.name}_starts"]
        starting = np.array([sum(float(starts[tau]) for tau in f.starting_window(t)) for t in range(n)], dtype=float)
        cols[f"gen_{f.name}_units_synced"] = cols[f"gen_{f.name}_units_online"] - starting
        cols[f"gen_{f.name}_q_mvar"] = _values(fam("gen-q"), keys)
    for prod in inputs.products:
        total = np.zeros(n)
        if inputs.battery is not None and prod.storage_eligible:
            col = _values(fam("reserve-bess"), [(prod.name, t) for t in range(n)])
            cols[f"reserve_{prod.name}_bess_mw"] = col
            total = total + col
        if prod.generator_eligible:
            for f in inputs.fleets:
                if f.provides_reserves:
                    col = _values(fam("reserve-gen"), [(f.name, prod.name, t) for t in range(n)])
                    cols[f"reserve_{prod.name}_gen_{f.name}_mw"] = col
                    total = total + col
        for load in inputs.loads:
            load_keys = [(load.name, prod.name, t) for t in range(n)]
            if load_keys[0] in fam("reserve-load"):
                col = _values(fam("reserve-load"), load_keys)
                cols[f"reserve_{prod.name}_load_{load.name}_mw"] = col
                total = total + col
        cols[f"reserve_{prod.name}_mw"] = total
    if "n1-deliverable" in variables:
        cols["n1_deliverable_mw"] = _values(fam("n1-deliverable"), ts)
    return cols


def finish_result(
    inputs: DispatchInputs, ts: dict[str, FloatArray], solver: SolverFacts, warnings: Sequence[str] = ()
) -> DispatchResult:
    """The one way a result is finished from raw series (one solve or stitched windows).

    Derives the ``ride_through_min`` and ``n1_margin_mw`` columns (replacing any already there), the
    economics and the reliability from ``ts`` over ``inputs``' intervals; an empty ``ts`` (no
    solution) gives a result with no intervals, economics or reliability. Warnings are the inputs'
    followed by ``warnings``.
    """
    labels = list(inputs.interval_starts) or [str(t) for t in range(inputs.n_intervals)]
    result = DispatchResult(
        case_name=inputs.name,
        interval_hours=inputs.interval_hours,
        interval_starts=labels if ts else [],
        timeseries={},
        economics=None,
        reliability=None,
        solver=solver,
        warnings=list(inputs.warnings) + list(warnings),
    )
    if ts:
        ts = {col: values for col, values in ts.items() if col not in ("ride_through_min", "n1_margin_mw")}
        ts["ride_through_min"] = ride_through_minutes(inputs, ts)
        margin = n_plus_1_margin_mw(inputs, ts)
        if margin is not None:
            ts["n1_margin_mw"] = margin
        result.timeseries = ts
        result.economics = compute_economics(inputs, ts)
        result.reliability = compute_reliability(inputs, ts)
    return result
