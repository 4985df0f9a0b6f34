"""Text summary of a dispatch result in the seed's "Example Results" style (plain strings, no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dcep_models import format_usd, plural

if TYPE_CHECKING:
    from dcep_opt import DispatchInputs, DispatchResult, Economics


def economics_rows(e: Economics) -> list[tuple[str, float]]:
    """Every economics line in the seed's order as ``(label, USD)`` (revenues positive, costs positive).

    The list itself is dcep-opt's (:func:`dcep_opt.economics_lines`), shared with the TUI.
    """
    from dcep_opt import economics_lines  # the CLI imports dcep_opt only once a command runs

    return [(line.label, line.usd) for line in economics_lines(e)]


def unserved_headline(result: DispatchResult) -> list[str]:
    """The lines that lead the summary when critical load went unserved (empty otherwise)."""
    r = result.reliability
    if r is None or r.unserved_mwh <= 1e-6:
        return []
    e = result.economics
    cost = f" ({format_usd(e.unserved_cost_usd)} at VoLL)" if e is not None else ""
    return [
        f"CRITICAL LOAD UNSERVED: {r.unserved_mwh:.3f} MWh{cost}; ride-through and {r.redundancy} are NOT held",
        "",
    ]


def summary_lines(inputs: DispatchInputs, result: DispatchResult) -> list[str]:
    """The run summary: horizon, assets, solver facts, economics lines and reliability."""
    n = inputs.n_intervals
    lines = unserved_headline(result)
    lines.append(f"Case: {result.case_name}")
    lines.append(f"Optimization horizon: {n * inputs.interval_hours:g} hours")
    lines.append(f"Intervals: {n}")
    if inputs.battery is not None:
        b = inputs.battery
        lines.append(f"BESS: {b.power_mw:g} MW / {b.energy_mwh:g} MWh")
    if inputs.fleets:
        units = sum(f.count for f in inputs.fleets)
        total = sum(f.count * f.p_max_mw for f in inputs.fleets)
        lines.append(f"Generators: {plural(units, 'unit')}, {total:g} MW total")
    s = result.solver
    lines.append("")
    lines.append(f"Solver status: {s.status} (termination: {s.termination})")
    if s.mip_gap is not None:
        lines.append(f"MIP gap: {s.mip_gap * 100:.4f} % (target {100 * (s.mip_gap_target or 0):.4f} %)")
    if s.best_bound_usd is not None:
        lines.append(f"Best bound: {format_usd(s.best_bound_usd)}")
    lines.append(f"Build time: {s.build_s:.2f} seconds; solve time: {s.solve_s:.2f} seconds")
    lines.append(f"Model: {s.n_variables} variables ({s.n_integer} integer), {s.n_constraints} constraints")
    if s.objective_usd is not None:
        lines.append("")
        lines.append(f"Objective (Net Value): {format_usd(s.objective_usd)}")
    e = result.economics
    if e is not None:
        lines.append("")
        lines.append("Economics Summary:")
        rows = economics_rows(e)
        for label, value in rows:
            lines.append(f"  {label}: {format_usd(value)}")
        for name, value in e.as_revenue_by_product_usd.items():
            lines.append(f"    AS {name}: {format_usd(value)}")
        if e.tariff_bill:
            lines.append("  Tariff Bill by line:")
            for bill in e.tariff_bill:
                unit = {"energy": "MWh", "demand": "MW peak"}.get(bill.kind)
                qty = f" ({bill.quantity:,.3f} {unit})" if unit else ""
                lines.append(f"    {bill.label}{qty}: {format_usd(bill.usd)}")
        lines.append(f"  Net Value: {format_usd(e.net_value_usd)}")
        if e.baseline is not None and e.value_over_baseline_usd is not None:
            lines.append(f"  Baseline Net Value ({e.baseline.name}): {format_usd(e.baseline.net_value_usd)}")
            lines.append(f"  Value over Baseline: {format_usd(e.value_over_baseline_usd)}")
            lines.append(f"    baseline = {e.baseline.definition}")
            lines.extend(f"    note: {note}" for note in e.baseline.notes)
    r = result.reliability
    if r is not None:
        lines.append("")
        lines.append("Reliability Summary:")
        lines.append(f"  Unserved Energy: {r.unserved_mwh:.3f} MWh")
        lines.append(f"  Curtailed Energy: {r.curtailed_mwh:.3f} MWh")
        lines.append(f"  Floor Draw (emergency): {r.floor_draw_mwh:.3f} MWh")
        if r.min_ride_through_min is not None:
            lines.append(
                f"  Min Ride-through: {r.min_ride_through_min:.1f} min (required {r.ride_through_required_min:g} min)"
            )
        lines.append(f"  Ride-through Achieved: {r.ride_through_ok}")
        if r.n_plus_1_ok is not None:
            lines.append(f"  {r.redundancy} Held: {r.n_plus_1_ok}")
        if r.initial_n_plus_1_margin_mw is not None and r.initial_n_plus_1_margin_mw < -1e-6:
            short = -r.initial_n_plus_1_margin_mw
            lines.append(f"  note: the initial state is {short:.2f} MW short of {r.redundancy} (start of interval 0)")
    if result.diagnosis is not None:
        lines.append("")
        lines.append(result.diagnosis.message)
    for warning in result.warnings:
        lines.append(f"warning: {warning}")
    return lines
