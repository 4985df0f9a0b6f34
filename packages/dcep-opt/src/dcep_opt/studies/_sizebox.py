"""The box of sizes a co-optimised sizing decides: which sizes, their bounds and costs, and a design
installed into dispatch inputs (see :mod:`dcep_opt.studies._cosize`)."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from dcep_models import Case, CaseError, CaseIssue, SizingSpec, ride_through_energy_mwh
from dcep_opt._inputs import DispatchInputs
from dcep_opt.studies._sizing import Candidate, annual_costs_usd


@dataclass(frozen=True)
class SizeDim:
    """One size decided by the MILP: ``bess_power_mw``, ``bess_energy_mwh``, ``poi_import_mw`` or
    ``gen:<fleet>`` (units), with its box and annualised cost per unit (USD/yr per MW, MWh or unit)."""

    name: str
    lo: float
    hi: float
    integer: bool
    annual_cost_usd_per_unit: float


def design_candidate(case: Case, d: dict[str, float]) -> Candidate:
    """A design (size name -> value) as an enumeration :class:`Candidate`; sizes it lacks keep the case's."""
    b = case.resources.bess
    counts = tuple((g.name, round(d.get(f"gen:{g.name}", g.count))) for g in case.resources.generators)
    return Candidate(
        d.get("bess_power_mw", b.power_mw if b else None),
        d.get("bess_energy_mwh", b.energy_mwh if b else None),
        counts,
        d.get("poi_import_mw"),
    )


def size_dims(case: Case, spec: SizingSpec) -> list[SizeDim]:
    """The sizes with a range (lowest to highest candidate) in ``spec``, each with its annual cost slope.

    Raises:
        CaseError: battery sizes without a battery, an unknown fleet, or a fleet whose largest count is
            below the redundancy it must survive (N+k needs at least k units to lose).
    """
    issues: list[CaseIssue] = []
    dims: list[SizeDim] = []
    b = case.resources.bess
    zero = Candidate(0.0 if b else None, 0.0 if b else None, tuple((g.name, 0) for g in case.resources.generators), 0.0)
    base_cost = sum(annual_costs_usd(case, spec, zero))

    def slope(candidate: Candidate) -> float:
        return sum(annual_costs_usd(case, spec, candidate)) - base_cost

    for name in ("bess_power_mw", "bess_energy_mwh"):
        values = spec.candidate_values(name)
        if values and b is None:
            issues.append(CaseIssue(f"sizing.{name}", "battery candidates given but the case has no battery"))
        elif values and max(values) > min(values):
            unit = (
                dataclasses.replace(zero, bess_power_mw=1.0)
                if name == "bess_power_mw"
                else dataclasses.replace(zero, bess_energy_mwh=1.0)
            )
            dims.append(SizeDim(name, min(values), max(values), False, slope(unit)))
    poi = spec.candidate_values("poi_import_mw")
    if poi and max(poi) > min(poi):
        dims.append(
            SizeDim("poi_import_mw", min(poi), max(poi), False, slope(dataclasses.replace(zero, poi_import_mw=1.0)))
        )
    fleets = {g.name: g for g in case.resources.generators}
    k = {"N": 0, "N+1": 1, "N+2": 2}[case.reliability.generator_redundancy]
    for name, counts in sorted(spec.generator_counts.items()):
        if name not in fleets:
            issues.append(CaseIssue(f"sizing.generator_counts.{name}", f"no generator fleet named {name!r}"))
            continue
        if max(counts) > min(counts):
            if k and min(counts) < k:
                issues.append(
                    CaseIssue(f"sizing.generator_counts.{name}", f"co-optimised sizing needs counts >= {k} (N+{k})")
                )
            unit = dataclasses.replace(zero, generator_counts=tuple((g, 1 if g == name else 0) for g in fleets))
            dims.append(SizeDim(f"gen:{name}", float(min(counts)), float(max(counts)), True, slope(unit)))
    if issues:
        raise CaseError(issues)
    return dims


def design_inputs(base: DispatchInputs, design: dict[str, float]) -> DispatchInputs:
    """``base`` with the sizes of ``design`` installed: SOC limits keep their fractions of the energy,
    the PCS its MVA per MW, the POI its MVA per import MW; unknown names are ignored."""
    out = base
    b = base.battery
    if b is not None and ("bess_power_mw" in design or "bess_energy_mwh" in design):
        p = design.get("bess_power_mw", b.power_mw)
        e = design.get("bess_energy_mwh", b.energy_mwh)
        f = e / b.energy_mwh
        out = dataclasses.replace(
            out,
            battery=dataclasses.replace(
                b,
                power_mw=p,
                energy_mwh=e,
                pcs_mva=b.pcs_mva * p / b.power_mw,
                soc_min_mwh=b.soc_min_mwh * f,
                soc_max_mwh=b.soc_max_mwh * f,
                soc_initial_mwh=b.soc_initial_mwh * f,
                soc_final_min_mwh=b.soc_final_min_mwh * f,
                floor_mwh=b.floor_mwh * f,
            ),
        )
    if "poi_import_mw" in design:
        g = base.grid
        v = design["poi_import_mw"]
        ratio = g.poi_mva / g.max_import_mw if g.max_import_mw > 0 else 1.0
        out = dataclasses.replace(out, grid=dataclasses.replace(g, max_import_mw=v, poi_mva=ratio * v))
    fleets = tuple(
        dataclasses.replace(fl, count=round(design[f"gen:{fl.name}"])) if f"gen:{fl.name}" in design else fl
        for fl in out.fleets
    )
    return dataclasses.replace(out, fleets=fleets)


def ride_through_bounds(case: Case, dims: list[SizeDim], notes: list[str]) -> list[SizeDim]:
    """Raise the battery's lower sizes to what the ride-through check of the case schema asks
    (dcep_models.checks: power >= peak critical demand, floor energy above soc_min >=
    :func:`dcep_models.ride_through_energy_mwh` of the requirement at that peak)."""
    r = case.reliability
    b = case.resources.bess
    peak = case.peak_critical_demand_mw
    if b is None or r.ride_through_minutes <= 0 or peak <= 0:
        return dims
    floor_frac = b.soc_reserve_frac - b.soc_min_frac
    energy = ride_through_energy_mwh(r.ride_through_minutes, b.discharge_efficiency, peak)
    need = {"bess_power_mw": peak, "bess_energy_mwh": energy / floor_frac if floor_frac > 0 else math.inf}
    out = []
    for d in dims:
        low = need.get(d.name)
        if low is not None and d.lo < low - 1e-9:
            notes.append(f"{d.name}: lower size raised from {d.lo:g} to {low:.6g} (the ride-through requirement)")
            d = dataclasses.replace(d, lo=min(low, d.hi))
        out.append(d)
    return out


def clip_poi(inputs: DispatchInputs, dims: list[SizeDim], notes: list[str]) -> list[SizeDim]:
    """Keep the POI rating below the transformers' limit over the box, so the POI polygon scales linearly."""
    g = inputs.grid
    xfmr = g.transformer_limit_mva
    out = []
    for d in dims:
        if d.name == "poi_import_mw" and xfmr is not None and g.max_import_mw > 0:
            ratio = g.poi_mva / g.max_import_mw
            cap = xfmr / ratio
            if d.hi > cap:
                notes.append(
                    f"poi_import_mw: upper size cut from {d.hi:g} to {cap:.6g} MW (transformer limit {xfmr:g} MVA)"
                )
                d = dataclasses.replace(d, hi=cap, lo=min(d.lo, cap))
        out.append(d)
    return out
