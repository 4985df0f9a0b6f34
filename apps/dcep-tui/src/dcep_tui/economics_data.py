"""Economics (seed page 5): revenue and cost stacks, net value, cumulative value over time (plain logic).

The cumulative curve re-runs dcep-opt's own :func:`compute_economics` on every single interval, so
it ends exactly at the result's net value (every line is a sum over intervals).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcep_opt import DispatchInputs, DispatchResult, compute_economics, economics_lines
from dcep_tui.series import FloatArray, Series, hours_axis


@dataclass(frozen=True)
class EconomicsData:
    """Revenue and cost lines (USD, costs positive; dcep-opt's line list), the net value, its cumulative curve."""

    revenues: list[tuple[str, float]]
    costs: list[tuple[str, float]]
    net_value_usd: float
    hours: FloatArray
    cumulative: Series  # USD


def net_value_by_interval_usd(inputs: DispatchInputs, result: DispatchResult) -> FloatArray:
    """Net value earned in each interval, USD (start costs fall in the interval of the start)."""
    out = np.zeros(result.n_intervals)
    for t in range(result.n_intervals):
        one = {name: values[t : t + 1] for name, values in result.timeseries.items()}
        out[t] = compute_economics(inputs, one).net_value_usd
    return out


def economics_data(inputs: DispatchInputs, result: DispatchResult) -> EconomicsData | None:
    """The economics page of a result; None when it has no schedule."""
    econ = result.economics
    if econ is None:
        return None
    cumulative = np.cumsum(net_value_by_interval_usd(inputs, result))
    lines = economics_lines(econ, as_by_product=True)
    return EconomicsData(
        revenues=[(line.label, line.usd) for line in lines if line.kind == "revenue"],
        costs=[(line.label, line.usd) for line in lines if line.kind == "cost"],
        net_value_usd=econ.net_value_usd,
        hours=hours_axis(result),
        cumulative=Series("cumulative net value $", cumulative),
    )
