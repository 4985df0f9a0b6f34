"""Economics (seed page 5): revenue and cost stacks, net value, cumulative value over time (plain logic).

The cumulative curve re-runs dcep-opt's own :func:`compute_economics` on every single interval, so
it ends exactly at the result's net value (every line is a sum over intervals).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcep_models import format_usd
from dcep_opt import DispatchInputs, DispatchResult, compute_economics, economics_lines, lifetime_value
from dcep_tui.run import RunOutput
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


def lifetime_lines(out: RunOutput) -> list[str]:
    """The case's lifetime value (dcep-opt's ``lifetime_value``: NPV, IRR, paybacks, cost of reliability) as
    text; empty when the case has no ``finance`` section, one line saying why when it cannot be computed."""
    finance = out.case.finance
    if finance is None:
        return []
    try:
        lv = lifetime_value(out.result, finance, out.inputs)
    except ValueError as exc:
        return [f"Lifetime value not computed: {exc}"]
    irr = "none (the cash flow never changes sign)" if lv.irr is None else f"{100 * lv.irr:.2f} %"

    def years(v: float | None) -> str:
        return "never" if v is None else f"{v:.1f} years"

    lines = [
        f"Lifetime value over {finance.analysis_years} years at {100 * finance.discount_rate:g} % "
        f"(this dispatch scaled x{lv.annual_scale:.4g} to a year): NPV {format_usd(lv.npv_usd)}, IRR {irr}, "
        f"capital {format_usd(lv.capex_usd)}, payback {years(lv.simple_payback_years)} "
        f"(discounted {years(lv.discounted_payback_years)})"
    ]
    if lv.levelised_cost_of_reliability_usd_per_kw_yr is not None:
        lines.append(
            f"Levelised cost of reliability {format_usd(lv.levelised_cost_of_reliability_usd_per_kw_yr)} per kW-yr "
            f"of the {lv.critical_kw / 1000:g} MW critical load (negative: it pays for itself)"
        )
    return lines + [f"note: {note}" for note in lv.notes]
