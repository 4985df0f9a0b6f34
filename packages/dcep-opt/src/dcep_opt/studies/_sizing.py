"""Capacity sizing by enumeration (HOMER-style): every candidate dispatched, scaled to a year, ranked.

Each candidate (battery MW x MWh x generator unit counts, from ``case.sizing``) is dispatched over
the representative periods through the sweep engine (:func:`dcep_opt.studies._sweep.map_tasks`, so on Dask
or serially) and scored:

    annual objective = sum over periods of weight * net value  -  annualised capex  -  fixed O&M

Candidates that fail are rejected with the reason: an invalid case (e.g. a reserve floor too small
for the ride-through requirement), an infeasible dispatch, or, in a period solved to optimality,
unserved critical load, the ride-through minimum not met, or a negative N+k margin. A time limit is
never a rejection: a period without a schedule is re-solved with a longer limit, and a candidate
still without one (or whose time-limited incumbent fails a check) is *time-limited*, ranked after the
accepted ones by its bound, with every period's gap shown. Unlike REopt's in-MILP sizing, every candidate
carries the full dispatch model (commitment, N+k, MVA limits) and the ranking shows the runners-up.
When the battery power changes, the PCS rating scales with it (``pcs_mva`` in proportion; without
``pcs_mva`` the rating is the battery power).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from dcep_models import Case, CaseError, CaseIssue, SizingSpec, case_data
from dcep_opt.studies._sweep import SweepProgress, evaluate_scenario, map_tasks

HOURS_PER_YEAR = 8760.0
_UNSERVED_TOL_MWH = 1e-6


@dataclass(frozen=True)
class Candidate:
    """One size to evaluate: battery MW and MWh (None without a battery) and units per fleet."""

    bess_power_mw: float | None
    bess_energy_mwh: float | None
    generator_counts: tuple[tuple[str, int], ...] = ()
    poi_import_mw: float | None = None

    @property
    def label(self) -> str:
        """Short text such as ``BESS 25 MW / 100 MWh, gas x4``."""
        parts = []
        if self.bess_power_mw is not None:
            parts.append(f"BESS {self.bess_power_mw:g} MW / {self.bess_energy_mwh:g} MWh")
        parts += [f"{name} x{count}" for name, count in self.generator_counts]
        if self.poi_import_mw is not None:
            parts.append(f"POI {self.poi_import_mw:g} MW")
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
    annual_bound_usd: float | None = None
    unresolved: str = ""

    @property
    def status(self) -> str:
        """``accepted``, ``time-limited`` (no schedule within the limit: ranked by bound) or ``rejected``."""
        return "rejected" if self.rejected else ("time-limited" if self.unresolved else "accepted")

    @property
    def max_period_gap(self) -> float | None:
        """The largest MIP gap over the periods (0 when every period is optimal; None if one is unknown)."""
        gaps = []
        for row in self.period_rows:
            if row.get("status") == "optimal":
                gaps.append(float(row.get("mip_gap") or 0.0))
            elif row.get("mip_gap") is None:
                return None
            else:
                gaps.append(float(row["mip_gap"]))
        return max(gaps, default=None)

    @property
    def annual_bound_objective_usd(self) -> float | None:
        """The best annual objective this candidate could reach (solver bounds), USD/yr; None if unknown."""
        if self.rejected or self.annual_bound_usd is None:
            return None
        return self.annual_bound_usd - self.annual_capex_usd - self.annual_fixed_om_usd

    @property
    def annual_objective_usd(self) -> float | None:
        """Annual net value minus annualised capex and fixed O&M, USD/yr (None when rejected)."""
        if self.rejected or self.unresolved or self.annual_net_value_usd is None:
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
    """Every candidate: accepted ones by annual objective (best first), then time-limited ones by their
    bound, then the rejected. ``warnings`` name candidates whose bound beats the best's objective."""

    ranked: list[CandidateResult]
    period_weights: list[float]
    warnings: list[str] = field(default_factory=list)

    @property
    def best(self) -> CandidateResult | None:
        """The best accepted candidate, or None when no candidate was accepted."""
        return self.ranked[0] if self.ranked and self.ranked[0].status == "accepted" else None


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
    poi_list: list[float | None] = list(spec.candidate_values("poi_import_mw")) or [None]
    total = len(power_list) * len(energy_list) * len(poi_list) * max(1, len(list(itertools.product(*count_lists))))
    if total > spec.max_candidates:
        raise CaseError([CaseIssue("sizing", f"{total} candidates exceed max_candidates ({spec.max_candidates})")])
    return [
        Candidate(p, e, tuple(zip(names, counts, strict=True)), poi)
        for p, e, counts, poi in itertools.product(power_list, energy_list, itertools.product(*count_lists), poi_list)
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
    if candidate.poi_import_mw is not None:
        poi = case.topology.poi
        out["topology.poi.max_import_mw"] = candidate.poi_import_mw
        if poi.max_import_mw > 0:
            rating = poi.rating_mva * candidate.poi_import_mw / poi.max_import_mw
            out["topology.poi.rating_mva"] = rating
            # the MVA polygon holds export within the rating anyway; the schema wants the cap to say so too
            out["topology.poi.max_export_mw"] = min(poi.max_export_mw, rating)
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
    if candidate.poi_import_mw is not None:
        capex += candidate.poi_import_mw * 1000.0 * spec.poi_capex_usd_per_kw_yr
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


def score_candidate(result: CandidateResult, rows: list[dict[str, Any]], weights: list[float]) -> None:
    """Annual value and bound from the period rows; reject only for a proven failure.

    A period stopped by its time limit is never a rejection: with a schedule its incumbent counts
    (its gap is noted); without one, or with an incumbent that fails a reliability check the optimum
    might pass, the candidate is *unresolved* and ranked by its bound.
    """
    value: float | None = 0.0
    bound: float | None = 0.0
    baseline: float | None = 0.0
    ride: list[float] = []
    failures: list[str] = []
    unresolved: list[str] = []
    for k, (row, weight) in enumerate(zip(rows, weights, strict=True)):
        where = f" (period {k})" if len(rows) > 1 else ""
        if row.get("error"):
            result.rejected = f"invalid{where}: {row['error']}"
            return
        status, termination = row["status"], row.get("termination", "")
        row_bound = row.get("best_bound_usd")
        if status not in ("optimal", "feasible"):
            if termination != "time limit":
                result.rejected = f"no dispatch{where}: {status} ({termination})"
                return
            unresolved.append(f"no schedule within the time limit{where}")
            value = baseline = None
            bound = None if bound is None or row_bound is None else bound + weight * float(row_bound)
            continue
        if status == "feasible":
            result.notes.append(f"period {k} not proven optimal (gap {_pct(row.get('mip_gap'))})")
        unserved = float(row["unserved_mwh"])
        result.unserved_mwh += unserved
        if row.get("min_ride_through_min") is not None:
            ride.append(float(row["min_ride_through_min"]))
        failure = ""
        if not row["ride_through_ok"]:
            failure = f"ride-through not met{where}: {row['min_ride_through_min']:.2f} min"
        elif row.get("n_plus_1_ok") is False:
            failure = f"N+k redundancy margin negative{where}"
        elif unserved > _UNSERVED_TOL_MWH:
            failure = f"unserved critical load{where}: {unserved:.3f} MWh"
        if failure:
            # an incumbent stopped by the time limit may fail where the optimum would not
            (failures if status == "optimal" else unresolved).append(failure)
        net = float(row["net_value_usd"])
        value = None if value is None else value + weight * net
        period_bound = float(row_bound) if row_bound is not None else (net if status == "optimal" else None)
        bound = None if bound is None or period_bound is None else bound + weight * period_bound
        base = row.get("baseline_net_value_usd")
        baseline = None if base is None or baseline is None else baseline + weight * float(base)
    result.annual_baseline_net_value_usd = baseline
    result.min_ride_through_min = min(ride) if ride else None
    if failures:
        result.rejected = "; ".join(failures)
    elif unresolved:
        result.unresolved = "; ".join(unresolved)
    result.annual_net_value_usd = value
    result.annual_bound_usd = bound


def _pct(gap: Any) -> str:
    return "unknown" if gap is None else f"{100.0 * float(gap):.2f} %"


def run_sizing(
    case: Case,
    spec: SizingSpec | None = None,
    scheduler: str | None = None,
    n_workers: int = 2,
    progress: SweepProgress | None = None,
    serial: bool = False,
    retry_time_factor: float = 2.0,
) -> SizingResult:
    """Evaluate every candidate of ``spec`` (default ``case.sizing``) and rank them.

    One dispatch per candidate and representative period, run through :func:`map_tasks` (Dask with
    an embedded LocalCluster or ``scheduler`` address, or ``serial``). USD per year throughout.
    A period that found no schedule within the case's time limit is solved once more with
    ``retry_time_factor`` times the limit (0 = never); if it still has none, the candidate is
    *unresolved*: ranked after the accepted ones by its bound, never rejected.

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
    retry = [k for k, row in enumerate(rows) if _timed_out_empty(row)] if retry_time_factor > 0 else []
    if retry:
        longer = case.solver.time_limit_s * retry_time_factor
        again = [(base, {**tasks[k][1], "solver.time_limit_s": longer}, base_dir) for k in retry]
        for k, row in zip(
            retry, map_tasks(evaluate_scenario, again, scheduler, n_workers, progress, serial), strict=True
        ):
            row.pop("solver.time_limit_s", None)
            row["retried_time_limit_s"] = longer
            rows[k] = row
    results = []
    per = len(period_overrides)
    for k, c in enumerate(candidates):
        capex, om = annual_costs_usd(case, spec, c)
        res = CandidateResult(c, None, capex, om, period_rows=rows[k * per : (k + 1) * per])
        score_candidate(res, res.period_rows, weights)
        results.append(res)
    return rank_candidates(results, weights)


def rank_candidates(results: list[CandidateResult], weights: list[float]) -> SizingResult:
    """Accepted candidates by annual objective, then time-limited ones by their bound objective, then
    the rejected; a warning for every candidate whose bound beats the best's objective."""
    accepted = sorted((r for r in results if r.status == "accepted"), key=lambda r: -(r.annual_objective_usd or 0.0))
    unresolved = sorted(
        (r for r in results if r.status == "time-limited"), key=lambda r: -(r.annual_bound_objective_usd or -math.inf)
    )
    result = SizingResult(accepted + unresolved + [r for r in results if r.rejected], weights)
    best = result.best
    for r in unresolved + [r for r in accepted if r is not best]:
        ub = r.annual_bound_objective_usd
        if best is not None and ub is not None and ub > (best.annual_objective_usd or 0.0) + 1e-6:
            result.warnings.append(
                f"{r.candidate.label}: its bound ({ub:,.0f} $/yr) beats the best's objective "
                f"({best.annual_objective_usd:,.0f} $/yr); a longer time limit could change the ranking"
            )
    return result


def _timed_out_empty(row: dict[str, Any]) -> bool:
    return row.get("status") not in ("optimal", "feasible") and row.get("termination") == "time limit"


def sizing_table(result: SizingResult) -> list[dict[str, Any]]:
    """One flat row per candidate, in rank order (rank None for rejected ones), USD/yr."""
    out = []
    for k, r in enumerate(result.ranked, start=1):
        c = r.candidate
        row: dict[str, Any] = {
            "rank": None if r.rejected else k,
            "status": r.status,
            "candidate": c.label,
            "bess_power_mw": c.bess_power_mw,
            "bess_energy_mwh": c.bess_energy_mwh,
        }
        row.update({f"{name}_units": count for name, count in c.generator_counts})
        row.update(
            {
                "annual_objective_usd": r.annual_objective_usd,
                "annual_net_value_usd": r.annual_net_value_usd,
                "annual_bound_objective_usd": r.annual_bound_objective_usd,
                "max_period_gap": r.max_period_gap,
                "annual_baseline_net_value_usd": r.annual_baseline_net_value_usd,
                "annual_value_over_baseline_usd": r.annual_value_over_baseline_usd,
                "annual_capex_usd": r.annual_capex_usd,
                "annual_fixed_om_usd": r.annual_fixed_om_usd,
                "unserved_mwh": r.unserved_mwh,
                "min_ride_through_min": r.min_ride_through_min,
                "rejected": r.rejected,
                "unresolved": r.unresolved,
                "notes": "; ".join(r.notes),
            }
        )
        out.append(row)
    return out
