"""System overview of a case and the headline of its run (plain logic, no UI code): the seed's page 1."""

from __future__ import annotations

from dataclasses import dataclass

from dcep_models import Case, format_usd, ride_through_minutes
from dcep_tui.run import RunOutput

UNSERVED_TOL_MWH = 1e-6


@dataclass(frozen=True)
class OverviewRow:
    """One labelled figure of the overview table."""

    section: str
    label: str
    value: str


def ride_through_minutes_at_floor(case: Case) -> float | None:
    """Minutes the battery's reserve floor carries the critical load, after discharge losses.

    ``(reserve - min SOC) x energy x eta_discharge / critical load x 60``; None without a battery
    or critical load.
    """
    bess = case.resources.bess
    if bess is None or case.critical_load_mw <= 0:
        return None
    usable_mwh = (bess.soc_reserve_frac - bess.soc_min_frac) * bess.energy_mwh
    return ride_through_minutes(usable_mwh, bess.discharge_efficiency, case.critical_load_mw)


def overview_rows(case: Case) -> list[OverviewRow]:
    """The figures the overview page shows, in display order."""
    t = case.time
    poi = case.topology.poi
    rows = [
        OverviewRow("Case", "Name", case.name),
        OverviewRow("Case", "ISO", case.iso),
        OverviewRow("Case", "Horizon", f"{t.horizon_hours:g} h, {t.n_intervals} x {t.interval_minutes} min"),
        OverviewRow("Case", "Start", t.start_aware.isoformat()),
        OverviewRow("POI", "Import / export", f"{poi.max_import_mw:g} / {poi.max_export_mw:g} MW"),
        OverviewRow("POI", "Rating, min PF", f"{poi.rating_mva:g} MVA, {poi.min_power_factor:g}"),
    ]
    for tr in case.topology.transformers:
        rows.append(
            OverviewRow(
                "Transformers",
                tr.name,
                f"{tr.count} x {tr.rating_mva:g} MVA {tr.hv_kv:g}/{tr.mv_kv:g} kV, {tr.redundancy}: "
                f"firm {tr.firm_mva:g} MVA",
            )
        )
    bess = case.resources.bess
    if bess is not None:
        rows.append(
            OverviewRow(
                "BESS",
                "Rating",
                f"{bess.power_mw:g} MW / {bess.energy_mwh:g} MWh / {bess.pcs_rating_mva:g} MVA PCS",
            )
        )
        rows.append(OverviewRow("BESS", "Reserve floor", f"{bess.soc_reserve_frac:.0%} SOC"))
    for gen in case.resources.generators:
        rows.append(
            OverviewRow(
                "Generators",
                gen.name,
                f"{gen.count} x {gen.p_max_mw:g} MW (Pmin {gen.p_min_mw:g}), start {gen.start_time_min:g} min, "
                f"${gen.marginal_cost_usd_per_mwh:.2f}/MWh",
            )
        )
    for load in case.resources.loads:
        rows.append(OverviewRow("Loads", load.name, f"{load.kind}: {load.power_mw:g} MW at PF {load.power_factor:g}"))
    rel = case.reliability
    minutes = ride_through_minutes_at_floor(case)
    guarantee = "no battery" if minutes is None else f"{minutes:.1f} min at floor (need {rel.ride_through_minutes:g})"
    rows.append(OverviewRow("Reliability", "Ride-through", guarantee))
    rows.append(OverviewRow("Reliability", "Generator redundancy", rel.generator_redundancy))
    rows.append(OverviewRow("Reliability", "VoLL", f"${rel.voll_usd_per_mwh:,.0f}/MWh"))
    return rows


@dataclass(frozen=True)
class Headline:
    """One figure of the overview's headline; ``ok`` is the verdict (None when it is just a figure)."""

    label: str
    value: str
    ok: bool | None = None


def headline(out: RunOutput) -> list[Headline]:
    """What a planner reads first: net value and value over the baseline, unserved energy, AC violations,
    ride-through and N+k verdicts, initial and final SOC.

    A run without a schedule gives one line with the solver status (and the diagnosis when there is one).
    """
    result = out.result
    econ, rel = result.economics, result.reliability
    if econ is None or rel is None:
        why = f"no schedule ({result.solver.status})"
        if result.diagnosis is not None:
            why += f": {result.diagnosis.message}"
        return [Headline("Result", why, False)]
    rows = [Headline("Net value", format_usd(econ.net_value_usd))]
    over = econ.value_over_baseline_usd
    if econ.baseline is not None and over is not None:
        baseline = f"{format_usd(over)} (baseline {econ.baseline.name}: {format_usd(econ.baseline.net_value_usd)})"
        rows.append(Headline("Value over baseline", baseline, over >= 0))
    rows.append(
        Headline("Unserved critical energy", f"{rel.unserved_mwh:.3f} MWh", rel.unserved_mwh <= UNSERVED_TOL_MWH)
    )
    if out.screening is not None:
        n = len(out.screening.violations)
        rows.append(Headline("AC screen", f"{n} violation{'' if n == 1 else 's'}", n == 0))
    else:
        rows.append(Headline("AC screen", "not run" if out.screening_error is None else "failed", None))
    ride = "n/a" if rel.min_ride_through_min is None else f"min {rel.min_ride_through_min:.1f} min"
    rows.append(
        Headline(
            "Ride-through",
            f"{'OK' if rel.ride_through_ok else 'VIOLATED'} ({ride}, need {rel.ride_through_required_min:g})",
            rel.ride_through_ok,
        )
    )
    if rel.n_plus_1_ok is None:
        rows.append(Headline(f"Redundancy {rel.redundancy}", "not required"))
    else:
        rows.append(
            Headline(f"Redundancy {rel.redundancy}", "held" if rel.n_plus_1_ok else "VIOLATED", rel.n_plus_1_ok)
        )
    bess = out.inputs.battery
    soc = result.timeseries.get("bess_soc_mwh")
    if bess is not None and soc is not None and len(soc):
        first, last = bess.soc_initial_mwh, float(soc[-1])
        rows.append(
            Headline(
                "SOC initial -> final",
                f"{first:.1f} -> {last:.1f} MWh ({first / bess.energy_mwh:.0%} -> {last / bess.energy_mwh:.0%})",
            )
        )
    return rows
