"""How good is a co-optimised design: its representative days re-dispatched at the chosen sizes
(the prediction), the whole horizon re-dispatched (the truth: the parallel year, or rolling horizon),
and the error.

The prediction is the sizing MILP's own estimator: the horizon's exact grid-only baseline plus the
days' weighted value over their baselines (:func:`dcep_opt.studies._representative.baseline_anchor_usd`);
the days' plain weighted net value is kept as ``predicted_unanchored_annual_net_value_usd``. The
representative-period error is ``predicted - full-horizon`` annual net value, as a fraction of the
full-horizon annual net value and of its value over the grid-only baseline. Both runs use the design's
exact dispatch (exclusivity binaries as needed), so the error measures the days, not the MILP. Per-line
annual figures (``predicted_lines`` / ``full_lines``: energy, AS, fuel, degradation, ...) show where it
comes from.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from dcep_models import Case
from dcep_opt._inputs import DispatchInputs
from dcep_opt._lines import ECONOMICS_LINES
from dcep_opt._prepare import prepare_inputs
from dcep_opt._results import DispatchResult, Economics
from dcep_opt._runner import solve_dispatch
from dcep_opt._solve import SolveOptions
from dcep_opt.studies._representative import (
    RepresentativeDay,
    annual_scale,
    baseline_anchor_usd,
    representative_days,
)
from dcep_opt.studies._rolling import solve_rolling
from dcep_opt.studies._sizebox import design_inputs
from dcep_opt.studies._sizing import HOURS_PER_YEAR, Candidate, SizingResult
from dcep_opt.studies._year import YearResult, solve_year

#: Economics lines compared per component (USD, costs positive): every line of the one list,
#: :data:`dcep_opt._lines.ECONOMICS_LINES`.
LINES = tuple(name for name, _label, _kind in ECONOMICS_LINES)


def annual_lines(economics: Economics, scale: float) -> dict[str, float]:
    """Each of :data:`LINES` times ``scale`` (e.g. to USD/yr), with the baseline's net value."""
    out = {k: scale * float(getattr(economics, k)) for k in LINES}
    if economics.baseline is not None:
        out["baseline_net_value_usd"] = scale * economics.baseline.net_value_usd
    return out


def per_year(result: DispatchResult) -> float:
    """Factor from USD over ``result``'s horizon to USD/yr."""
    return HOURS_PER_YEAR / (result.n_intervals * result.interval_hours)


@dataclass
class DesignCheck:
    """Annual figures (USD/yr) of one design: predicted from representative days and over the full horizon."""

    design: dict[str, float]
    predicted_annual_net_value_usd: float | None
    full_annual_net_value_usd: float | None = None
    full_annual_baseline_net_value_usd: float | None = None
    full_status: str = ""
    full_windows_not_optimal: int = 0
    predicted_s: float = 0.0
    full_s: float = 0.0
    day_rows: list[dict[str, object]] = field(default_factory=list)
    full_result: DispatchResult | None = None
    full_inputs: DispatchInputs | None = None
    predicted_unanchored_annual_net_value_usd: float | None = None
    predicted_lines: dict[str, float] = field(default_factory=dict)
    full_lines: dict[str, float] = field(default_factory=dict)
    full_method: str = "rolling"
    full_gap: float | None = None

    @property
    def error_usd(self) -> float | None:
        """Predicted minus full-horizon annual net value, USD/yr."""
        if self.predicted_annual_net_value_usd is None or self.full_annual_net_value_usd is None:
            return None
        return self.predicted_annual_net_value_usd - self.full_annual_net_value_usd

    @property
    def error_frac_of_net_value(self) -> float | None:
        """``error / |full-horizon annual net value|``."""
        e, full = self.error_usd, self.full_annual_net_value_usd
        return None if e is None or not full else e / abs(full)

    @property
    def error_frac_of_value_over_baseline(self) -> float | None:
        """``error / |full-horizon annual value over the baseline|``: the stricter measure."""
        e, full, base = self.error_usd, self.full_annual_net_value_usd, self.full_annual_baseline_net_value_usd
        if e is None or full is None or base is None or full == base:
            return None
        return e / abs(full - base)


def predicted_value(
    days: list[RepresentativeDay], design: dict[str, float], options: SolveOptions
) -> tuple[float | None, list[dict[str, object]]]:
    """Each representative day dispatched at ``design``; the weighted annual net value, USD/yr (unanchored:
    add :func:`baseline_anchor_usd` for the sizing MILP's estimator). Each row carries the day's lines."""
    scale = annual_scale(days)
    value: float | None = 0.0
    rows: list[dict[str, object]] = []
    for d in days:
        r = solve_dispatch(design_inputs(d.inputs, design), options, diagnose=False).result
        e = r.economics
        net = e.net_value_usd if e is not None else None
        row: dict[str, object] = {
            "day": d.day,
            "weight_days": d.weight_days,
            "status": r.solver.status,
            "net_value_usd": net,
        }
        if e is not None:
            row |= annual_lines(e, 1.0)
        rows.append(row)
        value = None if value is None or net is None else value + d.weight_days * scale * net
    return value, rows


def _weighted_lines(days: list[RepresentativeDay], rows: list[dict[str, object]]) -> dict[str, float]:
    scale = annual_scale(days)
    keys = [k for k in (*LINES, "baseline_net_value_usd") if all(k in r for r in rows)]
    out: dict[str, float] = {}
    for k in keys:
        total = 0.0
        for d, r in zip(days, rows, strict=True):
            v = r[k]
            assert isinstance(v, float)
            total += d.weight_days * v
        out[k] = scale * total
    return out


def full_horizon_value(
    inputs: DispatchInputs, design: dict[str, float], options: SolveOptions, progress: Callable[..., None] | None = None
) -> tuple[float | None, float | None, str, int]:
    """See :func:`full_horizon_run`: its annual figures only."""
    net, base, status, bad, _result, _inp = full_horizon_run(inputs, design, options, progress)
    return net, base, status, bad


def full_horizon_run(
    inputs: DispatchInputs, design: dict[str, float], options: SolveOptions, progress: Callable[..., None] | None = None
) -> tuple[float | None, float | None, str, int, DispatchResult, DispatchInputs]:
    """The design dispatched over the whole horizon by rolling horizon (48 h windows, 24 h kept, each
    window ending at least at the initial SOC, as ``dcep year --window-end-soc initial``); annual net
    value and grid-only baseline, USD/yr, the stitched status and the windows not solved to optimality."""
    inp = design_inputs(inputs, design)
    per_day = round(24.0 / inp.interval_hours)
    b = inp.battery
    rolled = solve_rolling(inp, 2 * per_day, per_day, options, progress, b.soc_initial_mwh if b else None)
    e = rolled.result.economics
    status, bad = rolled.result.solver.status, len(rolled.not_optimal)
    if e is None or not rolled.complete:
        return None, None, status, bad, rolled.result, inp
    scale = per_year(rolled.result)
    base = e.baseline.net_value_usd * scale if e.baseline is not None else None
    return e.net_value_usd * scale, base, status, bad, rolled.result, inp


def full_horizon_parallel(
    inputs: DispatchInputs,
    design: dict[str, float],
    options: SolveOptions,
    workers: int = 2,
    serial: bool = False,
    bound_passes: int = 1,
) -> tuple[YearResult, DispatchInputs]:
    """The design dispatched over the whole horizon by the parallel year (``dcep year``'s default: 24 h
    windows on ``workers`` Dask workers, or here with ``serial``): the year (stitched result, certified
    bound and gap, windows) and the design's inputs."""
    from dcep_opt.studies._pool import task_pool

    inp = design_inputs(inputs, design)
    per_day = round(24.0 / inp.interval_hours)
    with task_pool(None, workers, serial=serial) as pool:
        year = solve_year(inp, per_day, pool, options, bound_passes=bound_passes)
    return year, inp


def check_design(
    case: Case,
    design: dict[str, float],
    n_typical: int = 8,
    options: SolveOptions | None = None,
    full_horizon: bool = True,
    days: list[RepresentativeDay] | None = None,
    progress: Callable[..., None] | None = None,
    n_peak: int = 4,
    method: str = "rolling",
    workers: int = 2,
    serial: bool = False,
) -> DesignCheck:
    """Predicted (representative days, anchored on the exact baseline) and, with ``full_horizon``, the
    full-horizon annual value of ``design``; ``method`` "rolling" (48 h / 24 h) or "parallel" (the
    parallel year on ``workers`` Dask workers or here with ``serial``, its certified gap in ``full_gap``).

    Raises:
        ValueError: an unknown ``method``.
    """
    if method not in ("rolling", "parallel"):
        raise ValueError(f"method must be 'rolling' or 'parallel', got {method!r}")
    options = options or SolveOptions.from_case(case.solver)
    inputs = prepare_inputs(case)
    days = days if days is not None else representative_days(inputs, n_typical, n_peak=n_peak)
    t0 = time.perf_counter()
    raw, rows = predicted_value(days, design, options)
    anchor = baseline_anchor_usd(inputs, days)
    predicted = None if raw is None else raw + anchor
    check = DesignCheck(design, predicted, day_rows=rows, predicted_s=time.perf_counter() - t0)
    check.predicted_unanchored_annual_net_value_usd = raw
    if raw is not None:
        check.predicted_lines = _weighted_lines(days, rows)
        check.predicted_lines["baseline_anchor_usd"] = anchor
    check.full_method = method
    if full_horizon:
        t1 = time.perf_counter()
        if method == "rolling":
            net, base, status, bad, check.full_result, check.full_inputs = full_horizon_run(
                inputs, design, options, progress
            )
        else:
            year, check.full_inputs = full_horizon_parallel(inputs, design, options, workers, serial)
            result, status, check.full_gap = year.result, year.result.solver.status, year.gap
            bad = len(year.stopped_early) + sum(1 for w in year.windows if w.status not in ("optimal", "feasible"))
            check.full_result = result
            e = result.economics
            complete = result.n_intervals == inputs.n_intervals
            scale = per_year(result)
            net = e.net_value_usd * scale if e is not None and complete else None
            base = e.baseline.net_value_usd * scale if e is not None and e.baseline is not None and complete else None
        check.full_annual_net_value_usd, check.full_annual_baseline_net_value_usd = net, base
        check.full_status, check.full_windows_not_optimal = status, bad
        r = check.full_result
        if r is not None and r.economics is not None and net is not None:
            check.full_lines = annual_lines(r.economics, per_year(r))
        check.full_s = time.perf_counter() - t1
    return check


@dataclass
class Agreement:
    """The co-optimised design against enumeration's best, both scored by the enumeration (its periods).

    ``difference_usd`` = enumeration best objective - the MILP design's objective, USD/yr (>= 0 when the
    grid holds the better point under the enumeration's periods; < 0 when the MILP's off-grid design
    beats every grid point).
    """

    same: bool
    milp_label: str
    enumeration_label: str
    milp_objective_usd: float | None
    enumeration_objective_usd: float | None
    reason: str

    @property
    def difference_usd(self) -> float | None:
        """Enumeration best minus the MILP design, both under the enumeration's scoring, USD/yr."""
        if self.milp_objective_usd is None or self.enumeration_objective_usd is None:
            return None
        return self.enumeration_objective_usd - self.milp_objective_usd


def enumeration_agreement(case: Case, milp_candidate: Candidate, enumeration: SizingResult) -> Agreement:
    """Score the MILP's design with the enumeration's own periods and costs and compare with its best."""
    from dcep_opt.studies._sizing import run_sizing

    spec = case.sizing
    assert spec is not None
    only = spec.model_copy(
        update={
            "bess_power_mw": [milp_candidate.bess_power_mw] if milp_candidate.bess_power_mw is not None else [],
            "bess_energy_mwh": [milp_candidate.bess_energy_mwh] if milp_candidate.bess_energy_mwh is not None else [],
            "poi_import_mw": [milp_candidate.poi_import_mw] if milp_candidate.poi_import_mw is not None else [],
            "generator_counts": {
                name: [count] for name, count in milp_candidate.generator_counts if name in spec.generator_counts
            },
        }
    )
    mine = run_sizing(case, only, serial=True).ranked[0]
    best = enumeration.best
    same = best is not None and best.candidate == mine.candidate
    if best is None:
        reason = "enumeration accepted no candidate"
    elif same:
        reason = "both pick the same design"
    else:
        reason = (
            "the designs differ: the MILP sizes continuously between the grid points and values the year on "
            "tsam representative days, the enumeration only grid points on the sizing section's periods"
        )
    return Agreement(
        same,
        mine.candidate.label,
        best.candidate.label if best is not None else "",
        mine.annual_objective_usd,
        best.annual_objective_usd if best is not None else None,
        reason,
    )
