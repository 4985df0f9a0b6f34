"""Shared helpers for the page data builders: time axis, column access, labelled series."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcep_opt import DispatchInputs, DispatchResult
from dcep_opt._results import FloatArray


@dataclass(frozen=True)
class Series:
    """One labelled line of a plot; ``values`` in the unit the plot's axis names."""

    label: str
    values: FloatArray


def hours_axis(result: DispatchResult) -> FloatArray:
    """Elapsed hours at the start of every interval (the plots' x axis)."""
    return np.arange(result.n_intervals, dtype=float) * result.interval_hours


def column(result: DispatchResult, name: str) -> FloatArray:
    """The named time-series column, or zeros when the schedule has no such column."""
    values = result.timeseries.get(name)
    return np.zeros(result.n_intervals) if values is None else np.asarray(values, dtype=float)


def fleet_output_mw(inputs: DispatchInputs, result: DispatchResult) -> FloatArray:
    """Generator output summed over fleets, MW per interval."""
    total = np.zeros(result.n_intervals)
    for fleet in inputs.fleets:
        total = total + column(result, f"gen_{fleet.name}_mw")
    return total


def bess_net_mw(result: DispatchResult) -> FloatArray:
    """Battery discharge minus charge, MW per interval (discharge positive)."""
    return column(result, "bess_discharge_mw") - column(result, "bess_charge_mw")


def served_load_mw(result: DispatchResult) -> FloatArray:
    """Demand served: total demand minus shed load and unserved critical load, MW per interval."""
    return column(result, "demand_total_mw") - column(result, "shed_total_mw") - column(result, "unserved_critical_mw")
