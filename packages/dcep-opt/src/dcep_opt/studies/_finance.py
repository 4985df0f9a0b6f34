"""Lifetime value of a design: a year of dispatch against its baseline, escalated, faded, taxed, discounted.

Pure numpy, no solver. The dispatch result (a year from ``dcep year``, or a shorter horizon scaled by
8760 h / horizon) gives today's annual figures; year y (1..N) takes them times ``(1 + e) ** y`` for the
line's escalation rate e and discounts by ``(1 + d) ** y`` (REopt's present-worth convention,
``sum_y ((1 + e) / (1 + d)) ** y``). Year 0 carries the capital cost.

Lines of year y (USD, positive = money in):
    energy_value: (energy revenue + AS revenue - energy cost - import adder) - baseline net value,
        escalated at the energy rate (the baseline pays the same escalating prices);
    fuel: -fuel cost, at the fuel rate; variable_om: -(VOM + starts + wear), at the O&M rate;
    penalties: -(curtailment + unserved at VoLL + floor-use penalty), at the energy rate;
    fixed_om: -(BESS kW x $/kW-yr + generator kW x $/kW-yr), at the O&M rate;
    fade_loss: without augmentation, the battery's own cash flow (discharge - charge at the energy
        price, its reserve awards, less its wear) times (capacity fraction - 1), at the energy rate;
    augmentation: with it, -(kWh faded in year y - 1) x $/kWh, at the O&M rate;
    replacement: -kWh x $/kWh in the replacement year, at the O&M rate;
    tax: -tax_rate x (operating cash flow - depreciation) (a loss earns a credit, as in REopt).
Capacity fraction in year y: 1 - f (y - 1 - years since the last replacement), floored at 0, with
f = %/yr + %/cycle x equivalent full cycles a year (discharged MWh / energy MWh).

Levelised cost of reliability: what the microgrid costs a year, levelised over its life, per kW of
critical load it keeps on (the peak critical demand): ``-NPV x CRF(d, N) / critical kW``, USD/kW-yr.
Negative when the microgrid pays for itself (the reliability comes free).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dcep_models import Finance
from dcep_opt._inputs import DispatchInputs
from dcep_opt._results import DispatchResult, FloatArray

HOURS_PER_YEAR = 8760.0

#: IRS MACRS half-year convention, fraction of the basis per tax year (Pub. 946, table A-1).
MACRS: dict[str, tuple[float, ...]] = {
    "macrs5": (0.20, 0.32, 0.192, 0.1152, 0.1152, 0.0576),
    "macrs7": (0.1429, 0.2449, 0.1749, 0.1249, 0.0893, 0.0892, 0.0893, 0.0446),
}

#: Cash-flow lines in table order (year 0 carries ``capex`` only).
LINES: tuple[str, ...] = (
    "capex",
    "energy_value",
    "fuel",
    "variable_om",
    "penalties",
    "fixed_om",
    "fade_loss",
    "augmentation",
    "replacement",
    "operating",
    "depreciation",
    "tax",
    "net",
)
#: The lines summed into ``operating``: those between ``capex`` and ``operating`` in :data:`LINES`.
OPERATING_LINES: tuple[str, ...] = LINES[LINES.index("capex") + 1 : LINES.index("operating")]


@dataclass
class LifetimeValue:
    """NPV, IRR, paybacks, levelised cost of reliability and the cash flow by year (USD, year 0..N).

    ``lines[name]`` is an array of N + 1 values (year 0 first); ``net`` is the after-tax cash flow.
    ``irr`` is None when the cash flow never changes sign; paybacks are None when never reached.
    """

    finance: Finance
    annual_scale: float
    capex_usd: float
    lines: dict[str, FloatArray]
    discount_factors: FloatArray
    capacity_frac: FloatArray
    npv_usd: float
    irr: float | None
    simple_payback_years: float | None
    discounted_payback_years: float | None
    levelised_cost_of_reliability_usd_per_kw_yr: float | None
    critical_kw: float
    notes: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        """0 .. N."""
        return list(range(len(self.discount_factors)))

    def cashflow_rows(self) -> list[dict[str, Any]]:
        """One dict per year: ``year``, every line (USD), ``discount_factor``, ``present_value_usd``,
        ``cumulative_usd`` (undiscounted) and ``bess_capacity_frac``."""
        rows = []
        cumulative = 0.0
        for y in self.years:
            row: dict[str, Any] = {"year": y}
            row.update({f"{name}_usd": float(self.lines[name][y]) for name in LINES})
            cumulative += float(self.lines["net"][y])
            row["discount_factor"] = float(self.discount_factors[y])
            row["present_value_usd"] = float(self.lines["net"][y] * self.discount_factors[y])
            row["cumulative_usd"] = cumulative
            row["bess_capacity_frac"] = float(self.capacity_frac[y])
            rows.append(row)
        return rows

    def cashflow_csv(self) -> str:
        """:meth:`cashflow_rows` as CSV text (header first)."""
        rows = self.cashflow_rows()
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()


def _battery_cashflow_usd(inputs: DispatchInputs, ts: dict[str, FloatArray]) -> float:
    """The battery's own market cash flow over the horizon: energy sold - bought, reserve awards, less wear."""
    b = inputs.battery
    if b is None or "bess_discharge_mw" not in ts:
        return 0.0
    h = inputs.interval_hours
    price = ts["energy_price_usd_per_mwh"]
    value = float(np.sum(price * (ts["bess_discharge_mw"] - ts["bess_charge_mw"])) * h)
    for p in inputs.products:
        col = ts.get(f"reserve_{p.name}_bess_mw")
        if col is not None:
            value += float(np.sum(ts[f"as_price_{p.name}_usd_per_mw_h"] * col) * h)
    return value - float(np.sum(ts["bess_discharge_mw"]) * h * b.degradation_usd_per_mwh)


def depreciation_schedule(finance: Finance, basis_usd: float) -> FloatArray:
    """Depreciation by year 0..N, USD (nothing in year 0; a schedule longer than N is cut at N)."""
    n = finance.analysis_years
    out = np.zeros(n + 1)
    if finance.depreciation == "none" or basis_usd <= 0:
        return out
    if finance.depreciation == "straight_line":
        fracs: tuple[float, ...] = (1.0 / finance.depreciation_years,) * finance.depreciation_years
    else:
        fracs = MACRS[finance.depreciation]
    for k, frac in enumerate(fracs[:n], start=1):
        out[k] = basis_usd * frac
    return out


def irr(cashflow: FloatArray) -> float | None:
    """The rate r > -1 at which ``sum_y cf_y / (1 + r) ** y = 0`` (bisection on the NPV curve).

    None when the cash flow never changes sign or no root lies in (-0.99, 10).
    """
    cf = np.asarray(cashflow, dtype=float)
    if not (np.any(cf > 0) and np.any(cf < 0)):
        return None
    years = np.arange(cf.size)

    def npv(r: float) -> float:
        return float(np.sum(cf / (1.0 + r) ** years))

    lo, hi = -0.99, 10.0
    f_lo, f_hi = npv(lo), npv(hi)
    if f_lo * f_hi > 0:
        return None
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        f_mid = npv(mid)
        if f_lo * f_mid <= 0:
            hi = mid
        else:
            lo, f_lo = mid, f_mid
        if hi - lo < 1e-12:
            break
    return 0.5 * (lo + hi)


def payback_years(cashflow: FloatArray) -> float | None:
    """First time the cumulative cash flow reaches zero, in years (linear within the year); None if never."""
    cum = np.cumsum(cashflow)
    if cum[0] >= 0:
        return 0.0
    for y in range(1, cum.size):
        if cum[y] >= 0:
            return (y - 1) + float(-cum[y - 1] / (cum[y] - cum[y - 1]))
    return None


def crf(rate: float, years: int) -> float:
    """Capital recovery factor: the level annual payment per USD of present value."""
    if rate == 0:
        return 1.0 / years
    return rate * (1 + rate) ** years / ((1 + rate) ** years - 1)


def lifetime_value(result: DispatchResult, finance: Finance, inputs: DispatchInputs) -> LifetimeValue:
    """The lifetime cash flow of the design dispatched in ``result`` (see the module docstring).

    ``inputs`` are the dispatch's inputs: the installed sizes (battery MW/MWh, fleets) and prices.

    Raises:
        ValueError: the result has no economics (no schedule) or no baseline.
    """
    econ = result.economics
    if econ is None or econ.baseline is None:
        raise ValueError("lifetime value needs a dispatch with economics and a baseline")
    n = finance.analysis_years
    horizon_h = result.n_intervals * result.interval_hours
    scale = HOURS_PER_YEAR / horizon_h
    y = np.arange(n + 1, dtype=float)
    op = (y >= 1).astype(float)

    def esc(rate: float) -> FloatArray:
        return np.asarray(op * (1.0 + rate) ** y, dtype=float)

    e_en, e_fuel, e_om = (
        esc(finance.energy_escalation_rate),
        esc(finance.fuel_escalation_rate),
        esc(finance.om_escalation_rate),
    )
    b = inputs.battery
    kw_b = b.power_mw * 1000.0 if b is not None else 0.0
    kwh_b = b.energy_mwh * 1000.0 if b is not None else 0.0
    kw_g = sum(f.count * f.p_max_mw for f in inputs.fleets) * 1000.0
    capex = (
        kw_b * finance.bess_power_capex_usd_per_kw
        + kwh_b * finance.bess_energy_capex_usd_per_kwh
        + kw_g * finance.generator_capex_usd_per_kw
        + finance.other_capex_usd
    )
    energy_value = scale * (
        econ.energy_revenue_usd
        + econ.as_revenue_usd
        + econ.as_deployment_energy_usd
        - econ.energy_cost_usd
        - econ.import_adder_cost_usd
        - econ.baseline.net_value_usd
    )
    lines: dict[str, FloatArray] = {name: np.zeros(n + 1) for name in LINES}
    lines["capex"][0] = -capex
    lines["energy_value"] = energy_value * e_en
    lines["fuel"] = -scale * econ.fuel_cost_usd * e_fuel
    lines["variable_om"] = -scale * (econ.vom_cost_usd + econ.start_cost_usd + econ.degradation_cost_usd) * e_om
    lines["penalties"] = (
        -scale * (econ.curtailment_cost_usd + econ.unserved_cost_usd + econ.floor_use_penalty_usd) * e_en
    )
    fixed = kw_b * finance.bess_fixed_om_usd_per_kw_yr + kw_g * finance.generator_fixed_om_usd_per_kw_yr
    lines["fixed_om"] = -fixed * e_om
    # battery capacity: fade a year, reset by a replacement
    capacity = np.ones(n + 1)
    notes: list[str] = []
    fade = 0.0
    if b is not None:
        efc = scale * float(np.sum(result.timeseries.get("bess_discharge_mw", np.zeros(1)))) * inputs.interval_hours
        efc /= b.energy_mwh
        fade = (finance.bess_fade_pct_per_year + finance.bess_fade_pct_per_cycle * efc) / 100.0
        if fade > 0:
            notes.append(f"battery fade {100 * fade:.3g} %/yr ({efc:.1f} equivalent full cycles a year)")
        age = 0
        for yr in range(1, n + 1):
            if finance.bess_replacement_year == yr:
                age = 0
            capacity[yr] = max(1.0 - fade * age, 0.0)
            age += 1
        if finance.bess_replacement_year is not None:
            yr = finance.bess_replacement_year
            lines["replacement"][yr] = -kwh_b * finance.bess_replacement_usd_per_kwh * e_om[yr]
    if b is not None and fade > 0 and finance.bess_augmentation_usd_per_kwh is not None:
        for yr in range(2, n + 1):
            if finance.bess_replacement_year != yr:
                lines["augmentation"][yr] = -min(fade, 1.0) * kwh_b * finance.bess_augmentation_usd_per_kwh * e_om[yr]
        capacity = np.ones(n + 1)
        notes.append("faded capacity bought back every year (augmentation): the battery's value is kept")
    elif b is not None and fade > 0:
        battery_cf = scale * _battery_cashflow_usd(inputs, result.timeseries)
        lines["fade_loss"] = battery_cf * (capacity - 1.0) * e_en
        lines["fade_loss"][0] = 0.0
    lines["operating"] = np.sum([lines[k] for k in OPERATING_LINES], axis=0)
    lines["depreciation"] = depreciation_schedule(finance, capex)
    lines["tax"] = -finance.tax_rate * (lines["operating"] - lines["depreciation"]) * op
    lines["net"] = lines["capex"] + lines["operating"] + lines["tax"]
    disc = 1.0 / (1.0 + finance.discount_rate) ** y
    npv = float(np.sum(lines["net"] * disc))
    critical_kw = float(np.max(inputs.critical_demand_mw, initial=0.0)) * 1000.0
    lcor = -npv * crf(finance.discount_rate, n) / critical_kw if critical_kw > 0 else None
    return LifetimeValue(
        finance=finance,
        annual_scale=scale,
        capex_usd=capex,
        lines=lines,
        discount_factors=disc,
        capacity_frac=capacity,
        npv_usd=npv,
        irr=irr(lines["net"]),
        simple_payback_years=payback_years(lines["net"]),
        discounted_payback_years=payback_years(lines["net"] * disc),
        levelised_cost_of_reliability_usd_per_kw_yr=lcor,
        critical_kw=critical_kw,
        notes=notes,
    )


def present_worth_factor(rate_escalation: float, rate_discount: float, years: int) -> float:
    """REopt's ``sum_{y=1..N} ((1 + e) / (1 + d)) ** y``: today's annual USD to lifetime present value."""
    return float(sum(((1 + rate_escalation) / (1 + rate_discount)) ** k for k in range(1, years + 1)))
