"""Capacity sizing by enumeration (HOMER-style): every candidate dispatched, scaled to a year, ranked.

Each candidate (battery MW x MWh x generator unit counts, from ``case.sizing``) is dispatched over
the representative periods through the sweep engine (:func:`dcep_opt.studies._sweep.map_tasks`, so on Dask
or serially) and scored:

    annual objective = sum over periods of weight * net value  -  annualised capex  -  fixed O&M

Candidates that fail reliability are rejected with the reason: an invalid case (e.g. a reserve floor
too small for the ride-through requirement), no feasible dispatch, unserved critical load, the
ride-through minimum not met, or a negative N+k margin. Unlike REopt's in-MILP sizing, every candidate
carries the full dispatch model (commitment, N+k, MVA limits) and the ranking shows the runners-up.
When the battery power changes and the case gives ``pcs_mva``, the PCS rating scales with it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from dcep_models import Case, CaseError, CaseIssue, SizingSpec
from dcep_opt.studies._sweep import SweepProgress, case_data, evaluate_scenario, map_tasks

HOURS_PER_YEAR = 8760.0
_UNSERVED_TOL_MWH = 1e-6


@dataclass(frozen=True)
class Candidate:
    """One size to evaluate: battery MW and MWh (None without a battery) and units per fleet."""

    bess_power_mw: float | None
    bess_energy_mwh: float | None
    generator_counts: tuple[tuple[str, int], ...] = ()

    @property
    def label(self) -> str:
        """Short text such as ``BESS 25 MW / 100 MWh, gas x4``."""
        parts = []
        if self.bess_power_mw is not None:
            parts.append(f"BESS {self.bess_power_mw:g} MW / {self.bess_energy_mwh:g} MWh")
        parts += [f"{name} x{count}" for name, count in self.generator_counts]
        return ", ".join(parts) or "as given"


@dataclass
class CandidateResult:
    """How one candidate did. USD per year; ``rejected`` empty when it passed every check."""

    candidate: Candidate
    annual_net_value_usd: float | None
    annual_capex_usd: float
    annual_fixed_om_usd: float
    rejected: str = ""
    unserved_mwh: float = 0.0
    min_ride_through_min: float | None = None
    notes: list[str] = field(default_factory=list)
    period_rows: list[dict[str, Any]] = field(default_factory=list)
    annual_baseline_net_value_usd: float | None = None

    @property
    def annual_objective_usd(self) -> float | None:
        """Annual net value minus annualised capex and fixed O&M, USD/yr (None when rejected)."""
        if self.rejected or self.annual_net_value_usd is None:
            return None
        return self.annual_net_value_usd - self.annual_capex_usd - self.annual_fixed_om_usd

    @property
    def annual_value_over_baseline_usd(self) -> float | None:
        """Annual objective minus the baseline's annual net value, USD/yr: what this design is worth."""
        obj = self.annual_objective_usd
        if obj is None or self.annual_baseline_net_value_usd is None:
            return None
        return obj - self.annual_baseline_net_value_usd


@dataclass
class SizingResult:
    """Every candidate, accepted ones first by annual objective (best first), then the rejected."""

    ranked: list[CandidateResult]
    period_weights: list[float]

    @property
    def best(self) -> CandidateResult | None:
        """The best accepted candidate, or None when every candidate was rejected."""
        return self.ranked[0] if self.ranked and not self.ranked[0].rejected else None


def _spec(case: Case, spec: SizingSpec | None) -> SizingSpec:
    spec = spec or case.sizing
    if spec is None:
        raise CaseError([CaseIssue("sizing", "the case has no sizing section (candidate sizes and costs)")])
    return spec


def enumerate_candidates(case: Case, spec: SizingSpec | None = None) -> list[Candidate]:
    """Every combination of the spec's candidate lists (an empty list keeps the case's value).

    Raises:
        CaseError: no sizing section, battery candidates without a battery, an unknown fleet name,
            or more combinations than ``max_candidates``.
    """
    spec = _spec(case, spec)
    b = case.resources.bess
    powers, energies = spec.candidate_values("bess_power_mw"), spec.candidate_values("bess_energy_mwh")
    issues = []
    if b is None and (powers or energies):
        issues.append(CaseIssue("sizing.bess_power_mw", "battery candidates given but the case has no battery"))
    fleets = {g.name: g for g in case.resources.generators}
    for name in spec.generator_counts:
        if name not in fleets:
            issues.append(CaseIssue(f"sizing.generator_counts.{name}", f"no generator fleet named {name!r}"))
    if issues:
        raise CaseError(issues)
    none: list[float | None] = [None]
    power_list: list[float | None] = list(powers) if powers else ([b.power_mw] if b else none)
    energy_list: list[float | None] = list(energies) if energies else ([b.energy_mwh] if b else none)
    names = sorted(spec.generator_counts)
    count_lists = [spec.generator_counts[n] for n in names]
    total = len(power_list) * len(energy_list) * max(1, len(list(itertools.product(*count_lists))))
    if total > spec.max_candidates:
        raise CaseError([CaseIssue("sizing", f"{total} candidates exceed max_candidates ({spec.max_candidates})")])
    return [
        Candidate(p, e, tuple(zip(names, counts, strict=True)))
        for p, e, counts in itertools.product(power_list, energy_list, itertools.product(*count_lists))
    ]


def candidate_overrides(case: Case, candidate: Candidate) -> dict[str, Any]:
    """The case overrides (dotted paths) that install ``candidate``'s sizes."""
    out: dict[str, Any] = {}
    b = case.resources.bess
    if b is not None and candidate.bess_power_mw is not None:
        out["resources.bess.power_mw"] = candidate.bess_power_mw
        out["resources.bess.energy_mwh"] = candidate.bess_energy_mwh
        if b.pcs_mva is not None:
            out["resources.bess.pcs_mva"] = b.pcs_mva * candidate.bess_power_mw / b.power_mw
    index = {g.name: k for k, g in enumerate(case.resources.generators)}
    for name, count in candidate.generator_counts:
        out[f"resources.generators[{index[name]}].count"] = count
    return out


def annual_costs_usd(case: Case, spec: SizingSpec, candidate: Candidate) -> tuple[float, float]:
    """``(annualised capex, fixed O&M)`` of the candidate's installed capacity, USD/yr."""
    capex = om = 0.0
    if candidate.bess_power_mw is not None and candidate.bess_energy_mwh is not None:
        kw, kwh = candidate.bess_power_mw * 1000.0, candidate.bess_energy_mwh * 1000.0
        capex += kw * spec.bess_power_capex_usd_per_kw_yr + kwh * spec.bess_energy_capex_usd_per_kwh_yr
        om += kw * spec.bess_fixed_om_usd_per_kw_yr
    counts = dict(candidate.generator_counts)
    for g in case.resources.generators:
        kw = counts.get(g.name, g.count) * g.p_max_mw * 1000.0
        capex += kw * spec.generator_capex_usd_per_kw_yr
        om += kw * spec.generator_fixed_om_usd_per_kw_yr
    return capex, om


def _periods(case: Case, spec: SizingSpec) -> tuple[list[dict[str, Any]], list[float]]:
    """Time overrides and year weights of every representative period."""
    if not spec.representative_periods:
        return [{}], [HOURS_PER_YEAR / case.time.horizon_hours]
    total_h = sum(p.hours for p in spec.representative_periods)
    overrides = [
        {"time.start": p.start.isoformat(), "time.horizon_hours": p.hours} for p in spec.representative_periods
    ]
    weights = [p.weight if p.weight is not None else HOURS_PER_YEAR / total_h for p in spec.representative_periods]
    return overrides, weights


def _score(result: CandidateResult, rows: list[dict[str, Any]], weights: list[float]) -> None:
    value = 0.0
    baseline: float | None = 0.0
    ride: list[float] = []
    for k, (row, weight) in enumerate(zip(rows, weights, strict=True)):
        where = f" (period {k})" if len(rows) > 1 else ""
        if row.get("error"):
            result.rejected = f"invalid{where}: {row['error']}"
            return
        if row["status"] not in ("optimal", "feasible"):
            result.rejected = f"no dispatch{where}: {row['status']} ({row.get('termination', '')})"
            return
        if row["status"] == "feasible":
            result.notes.append(f"period {k} not proven optimal (gap {row.get('mip_gap')})")
        result.unserved_mwh += float(row["unserved_mwh"])
        if row.get("min_ride_through_min") is not None:
            ride.append(float(row["min_ride_through_min"]))
        if not row["ride_through_ok"]:
            result.rejected = f"ride-through not met{where}: {row['min_ride_through_min']:.2f} min"
        elif row.get("n_plus_1_ok") is False:
            result.rejected = f"N+k redundancy margin negative{where}"
        value += weight * float(row["net_value_usd"])
        base = row.get("baseline_net_value_usd")
        baseline = None if base is None or baseline is None else baseline + weight * float(base)
    result.annual_baseline_net_value_usd = baseline
    result.min_ride_through_min = min(ride) if ride else None
    if not result.rejected and result.unserved_mwh > _UNSERVED_TOL_MWH:
        result.rejected = f"unserved critical load: {result.unserved_mwh:.3f} MWh in the periods"
    result.annual_net_value_usd = value


def run_sizing(
    case: Case,
    spec: SizingSpec | None = None,
    scheduler: str | None = None,
    n_workers: int = 2,
    progress: SweepProgress | None = None,
    serial: bool = False,
) -> SizingResult:
    """Evaluate every candidate of ``spec`` (default ``case.sizing``) and rank them.

    One dispatch per candidate and representative period, run through :func:`map_tasks` (Dask with
    an embedded LocalCluster or ``scheduler`` address, or ``serial``). USD per year throughout.

    Raises:
        CaseError: as :func:`enumerate_candidates`.
        ImportError / OSError: as :func:`dcep_opt.studies._sweep.map_tasks`.
    """
    spec = _spec(case, spec)
    candidates = enumerate_candidates(case, spec)
    period_overrides, weights = _periods(case, spec)
    base = case_data(case)
    base_dir = str(case.base_dir) if case.base_dir is not None else None
    tasks = [(base, {**candidate_overrides(case, c), **p}, base_dir) for c in candidates for p in period_overrides]
    rows = map_tasks(evaluate_scenario, tasks, scheduler, n_workers, progress, serial)
    results = []
    per = len(period_overrides)
    for k, c in enumerate(candidates):
        capex, om = annual_costs_usd(case, spec, c)
        res = CandidateResult(c, None, capex, om, period_rows=rows[k * per : (k + 1) * per])
        _score(res, res.period_rows, weights)
        results.append(res)
    accepted = sorted((r for r in results if not r.rejected), key=lambda r: -(r.annual_objective_usd or 0.0))
    return SizingResult(accepted + [r for r in results if r.rejected], weights)


def sizing_table(result: SizingResult) -> list[dict[str, Any]]:
    """One flat row per candidate, in rank order (rank None for rejected ones), USD/yr."""
    out = []
    for k, r in enumerate(result.ranked, start=1):
        c = r.candidate
        row: dict[str, Any] = {
            "rank": None if r.rejected else k,
            "candidate": c.label,
            "bess_power_mw": c.bess_power_mw,
            "bess_energy_mwh": c.bess_energy_mwh,
        }
        row.update({f"{name}_units": count for name, count in c.generator_counts})
        row.update(
            {
                "annual_objective_usd": r.annual_objective_usd,
                "annual_net_value_usd": r.annual_net_value_usd,
                "annual_baseline_net_value_usd": r.annual_baseline_net_value_usd,
                "annual_value_over_baseline_usd": r.annual_value_over_baseline_usd,
                "annual_capex_usd": r.annual_capex_usd,
                "annual_fixed_om_usd": r.annual_fixed_om_usd,
                "unserved_mwh": r.unserved_mwh,
                "min_ride_through_min": r.min_ride_through_min,
                "rejected": r.rejected,
                "notes": "; ".join(r.notes),
            }
        )
        out.append(row)
    return out
