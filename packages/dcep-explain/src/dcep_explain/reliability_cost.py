"""What reliability costs: each promise of the case priced by relaxing it (re-solved) and by its duals.

Promises (each only when the case makes it):
    ``ride-through floor``: the battery energy held below market dispatch (``floor_mwh``); relaxed to
        the minimum SOC. Per minute: the floor expressed in minutes of peak critical load,
        ``(floor - soc_min) * eta_dis / critical MW * 60``.
    ``N+k redundancy``: firm capacity after losing k units covers critical load; relaxed to N.
        Per redundant unit: the cost / k.
    ``reserve energy backing``: every reserve award is backed by stored energy (or room) for its
        sustain duration; relaxed by setting every duration to zero (headroom still holds).
    ``end-of-horizon SOC``: the battery ends at least this full; relaxed to the minimum SOC. The
        relaxed run sells the stored energy at the horizon's end, so its "cost" is mostly the value
        of energy a longer horizon would need back.

Two prices per promise: ``cost_usd`` = net value relaxed - net value as given (re-solved MILP, USD
over the horizon; >= 0 up to the MIP gaps), and a marginal price from the fixed-LP duals of the
rows whose right-hand side the promise sets (dcep-explain's :func:`compute_duals`), USD per unit.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from dcep_explain.duals import DualsError, DualSolution, compute_duals
from dcep_models import ride_through_minutes
from dcep_opt import DispatchInputs, SolvedDispatch, SolveOptions, solve_dispatch

HOURS_PER_YEAR = 8760.0


@dataclass(frozen=True)
class PromiseCost:
    """One reliability promise, priced.

    Attributes:
        promise: ``ride-through floor``, ``N+k redundancy``, ``reserve energy backing``,
            ``end-of-horizon SOC``.
        setting / relaxed_to: the promise as given and as relaxed, in words.
        net_value_usd / relaxed_net_value_usd: net value over the horizon with and without it.
        cost_usd: relaxed - given (USD over the horizon); None if either run has no schedule.
        annual_cost_usd: ``cost_usd`` scaled to 8760 h.
        per_unit_usd / unit: ``cost_usd`` per unit of the promise (per minute, per redundant unit,
            per MWh) and that unit; None when the promise has no natural unit.
        marginal_usd / marginal_unit: from the duals: net value lost per unit the promise is
            tightened (USD per MWh of floor, per MW of covered load, ...); None without duals.
        relaxed_status: solver status of the relaxed run ("optimal", "feasible", ...).
        relaxed_gap: its MIP gap.
        note: how to read it.
    """

    promise: str
    setting: str
    relaxed_to: str
    net_value_usd: float | None
    relaxed_net_value_usd: float | None
    cost_usd: float | None
    annual_cost_usd: float | None
    per_unit_usd: float | None
    unit: str
    marginal_usd: float | None
    marginal_unit: str
    relaxed_status: str
    relaxed_gap: float | None
    note: str = ""


@dataclass
class ReliabilityCostReport:
    """Every promise the case makes, priced; ``base_status`` is the as-given run's status."""

    case_name: str
    horizon_hours: float
    base_net_value_usd: float | None
    base_status: str
    base_gap: float | None
    promises: list[PromiseCost] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per promise (for tables, CSV and the TUI)."""
        return [dataclasses.asdict(p) for p in self.promises]


def _relax_sum(duals: DualSolution, family: str, sign: float = 1.0, skip_first: bool = False) -> float:
    """``sign * sum of duals`` of a family's rows (USD per unit of rhs raised), optionally without t = 0."""
    total = 0.0
    for key, row in duals.rows.get(family, {}).items():
        if skip_first and key and key[-1] == 0:
            continue
        total += sign * row.dual
    return total


def floor_marginal_usd_per_mwh(duals: DualSolution) -> float:
    """Net value LOST per MWh the ride-through floor is raised in every interval, USD/MWh.

    The floor is the right-hand side of ``bess-floor`` (>= floor), of ``reserve-energy-up-start`` for
    t > 0 (>= floor) and t = 0 (<= soc0 - floor), of ``n1-deliverable-energy`` (<= -floor), and the
    upper bound of ``bess-below-floor`` (floor - soc_min).
    """
    gain = _relax_sum(duals, "bess-floor")
    gain += _relax_sum(duals, "reserve-energy-up-start", skip_first=True)
    first = duals.rows.get("reserve-energy-up-start", {}).get((0,))
    if first is not None:
        gain -= first.dual
    gain -= _relax_sum(duals, "n1-deliverable-energy")
    for b in duals.bounds.get("bess-below-floor", {}).values():
        if b.side == "upper":
            gain += b.dual
    return -gain


def _net(solved: SolvedDispatch) -> float | None:
    e = solved.result.economics
    return None if e is None else e.net_value_usd


def _relaxed(
    inputs: DispatchInputs, options: SolveOptions, base_net: float | None, scale: float
) -> tuple[float | None, float | None, float | None, str, float | None]:
    solved = solve_dispatch(inputs, options, diagnose=False)
    net = _net(solved)
    cost = None if net is None or base_net is None else net - base_net
    annual = None if cost is None else cost * scale
    return net, cost, annual, solved.result.solver.status, solved.result.solver.mip_gap


def reliability_costs(
    inputs: DispatchInputs, options: SolveOptions | None = None, base: SolvedDispatch | None = None
) -> ReliabilityCostReport:
    """Price every reliability promise of ``inputs`` (see the module docstring).

    ``base`` is the as-given dispatch if already solved (else it is solved here). One extra MILP per
    promise. Never raises for solver outcomes: a run without a schedule gives None figures.
    """
    options = options or SolveOptions()
    base = base or solve_dispatch(inputs, options, diagnose=False)
    base_net = _net(base)
    horizon_h = inputs.n_intervals * inputs.interval_hours
    scale = HOURS_PER_YEAR / horizon_h
    s = base.result.solver
    report = ReliabilityCostReport(inputs.name, horizon_h, base_net, s.status, s.mip_gap)
    duals: DualSolution | None = None
    try:
        duals = compute_duals(base)
    except DualsError as exc:
        report.warnings.append(f"no duals: {exc}")
    b = inputs.battery
    crit_mw = float(max(inputs.critical_demand_mw, default=0.0))
    if b is not None and b.floor_mwh > b.soc_min_mwh + 1e-9:
        relaxed = dataclasses.replace(inputs, battery=dataclasses.replace(b, floor_mwh=b.soc_min_mwh))
        net, cost, annual, status, gap = _relaxed(relaxed, options, base_net, scale)
        minutes = ride_through_minutes(b.floor_mwh - b.soc_min_mwh, b.discharge_efficiency, crit_mw)
        report.promises.append(
            PromiseCost(
                "ride-through floor",
                f"{b.floor_mwh:g} MWh held"
                + (f" ({minutes:.1f} min of {crit_mw:g} MW critical load)" if minutes else ""),
                f"floor at the minimum SOC ({b.soc_min_mwh:g} MWh)",
                base_net,
                net,
                cost,
                annual,
                None if cost is None or not minutes else cost / minutes,
                "USD per minute of ride-through",
                None if duals is None else floor_marginal_usd_per_mwh(duals),
                "USD per MWh of floor (every interval)",
                status,
                gap,
                f"requirement: {inputs.ride_through_minutes:g} min",
            )
        )
    k = inputs.redundancy_units
    if k >= 1 and inputs.fleets:
        net, cost, annual, status, gap = _relaxed(
            dataclasses.replace(inputs, redundancy_units=0), options, base_net, scale
        )
        report.promises.append(
            PromiseCost(
                f"N+{k} redundancy",
                f"N+{k}: firm capacity after losing {k} unit(s) covers critical load",
                "N (no redundancy)",
                base_net,
                net,
                cost,
                annual,
                None if cost is None else cost / k,
                "USD per redundant unit",
                None if duals is None else -_relax_sum(duals, "n1-cover"),
                "USD per MW of critical load covered (every interval, every loss)",
                status,
                gap,
            )
        )
    backed = [p for p in inputs.products if p.duration_hours > 0 and p.storage_eligible]
    if b is not None and backed:
        products = tuple(
            dataclasses.replace(p, duration_hours=0.0, duration_by_interval_h=None) for p in inputs.products
        )
        net, cost, annual, status, gap = _relaxed(
            dataclasses.replace(inputs, products=products), options, base_net, scale
        )
        marginal = None
        if duals is not None:
            marginal = 0.0
            for fam in ("reserve-energy-up-start", "reserve-energy-down", "reserve-energy-down-start"):
                for row in duals.rows.get(fam, {}).values():
                    marginal += abs(row.dual)
        report.promises.append(
            PromiseCost(
                "reserve energy backing",
                ", ".join(f"{p.name} {p.duration_hours:g} h" for p in backed),
                "no energy backing (headroom only)",
                base_net,
                net,
                cost,
                annual,
                None,
                "",
                marginal,
                "USD per MWh of backing room (every interval; bess-floor rows also carry the floor)",
                status,
                gap,
            )
        )
    if b is not None and b.soc_final_min_mwh > b.soc_min_mwh + 1e-9:
        relaxed = dataclasses.replace(inputs, battery=dataclasses.replace(b, soc_final_min_mwh=b.soc_min_mwh))
        net, cost, annual, status, gap = _relaxed(relaxed, options, base_net, scale)
        room = b.soc_final_min_mwh - b.soc_min_mwh
        final = duals.rows.get("bess-final", {}).get(()) if duals is not None else None
        report.promises.append(
            PromiseCost(
                "end-of-horizon SOC",
                f"ends >= {b.soc_final_min_mwh:g} MWh",
                f"ends >= {b.soc_min_mwh:g} MWh (the minimum SOC)",
                base_net,
                net,
                cost,
                annual,
                None if cost is None else cost / room,
                "USD per MWh of end target",
                None if final is None else -final.dual,
                "USD per MWh of end target",
                status,
                gap,
                "relaxed, the battery sells its stored energy at the horizon's end: mostly a horizon effect",
            )
        )
    return report
