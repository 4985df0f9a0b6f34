"""How big a dispatch model will be, and whether it fits a time budget and the memory, before building it.

The estimate builds the real model on a short sample of the horizon (the first ``sample`` intervals,
by the same builder, so it never drifts from the formulation) and scales its rows, columns and
nonzeros by ``n / sample``. Two factors measured on this project's machine turn counts into cost:

* build seconds: the per-interval cost of the sample times ``1 + n / BUILD_GROWTH_INTERVALS``. With
  the collector paused during the build (``dcep_opt._pulprows.gc_paused``) the per-interval cost no
  longer grows with the horizon: CPU 0.73 ms at 96 intervals, 0.77 at 672, 0.70 at 2,976, 0.68 at
  8,760 and 0.76 at 35,040 on the ERCOT 50 MW year case (PuLP 3.3; it was 0.60 ms at 96 and 8.6 ms at
  35,040 before); the factor keeps a margin (1.35 at a year);
* memory: ``BYTES_PER_NONZERO`` for PuLP's objects plus HiGHS's copy (5.2 GB peak for the 7.8 M
  nonzeros of the 35,040-interval year case).

Both are estimates (stated as such in every message); they exist so that ``dcep run`` on a year says
within seconds that it cannot be built in its budget, instead of building for minutes.

A model that can be built in time may still not be solvable in time, so the sample is also *solved*
(:func:`sample_solve_refusal`), with ``budget_left * sample / n`` seconds: its linear share of what is
left. The MILP's solve time grows faster than linearly with the horizon (CPU on the year case, rule
same_event, gap 1e-4: 1.85 s at 96 intervals, 8.5 at 192, 15.2 at 384, 29.6 at 768, 89.7 at 1,536: an
exponent of ~1.4), so a sample that cannot finish in its linear share means the whole horizon cannot
finish in the budget: the command says so, within that share of the budget, instead of solving for
minutes without a solution.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from dcep_opt._build import build_model
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import DispatchModel
from dcep_opt._solve import SolveOptions, solve_model
from dcep_opt._termination import Termination

#: Intervals of the calibration build.
SAMPLE_INTERVALS = 96
#: Horizon length over which the per-interval build cost doubles (measured, see the module docstring).
BUILD_GROWTH_INTERVALS = 100_000.0
#: Peak resident bytes per constraint-matrix nonzero, PuLP model plus HiGHS copy (measured).
BYTES_PER_NONZERO = 670.0


@dataclass(frozen=True)
class ModelEstimate:
    """Estimated size and cost of the full model (counts scaled from the sample build)."""

    n_intervals: int
    rows: int
    columns: int
    nonzeros: int
    build_s: float
    memory_mb: float


def _build_sample(inputs: DispatchInputs, sample: int) -> tuple[DispatchModel, float]:
    """The model of the first ``sample`` intervals and the seconds its build took."""
    k = min(sample, inputs.n_intervals)
    start = time.perf_counter()
    built = build_model(inputs.intervals(0, k) if k < inputs.n_intervals else inputs)
    return built.model, time.perf_counter() - start


def _scaled(model: DispatchModel, build_s: float, n: int) -> ModelEstimate:
    """The sample ``model`` (built in ``build_s``) scaled to ``n`` intervals (see the module docstring)."""
    nonzeros = model.n_nonzeros
    scale = n / model.n
    return ModelEstimate(
        n_intervals=n,
        rows=round(model.n_constraints * scale),
        columns=round(model.n_variables * scale),
        nonzeros=round(nonzeros * scale),
        build_s=build_s * scale * (1.0 + n / BUILD_GROWTH_INTERVALS),
        memory_mb=nonzeros * scale * BYTES_PER_NONZERO / 1e6,
    )


def estimate_model(inputs: DispatchInputs, sample: int = SAMPLE_INTERVALS) -> ModelEstimate:
    """Build the first ``sample`` intervals and scale to the whole horizon (see the module docstring)."""
    return _scaled(*_build_sample(inputs, sample), inputs.n_intervals)


def available_memory_mb() -> float | None:
    """``MemAvailable`` from /proc/meminfo, MB (None where there is no such file)."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return float(line.split()[1]) / 1e3
    except OSError:
        return None
    return None


def horizon_refusal(estimate: ModelEstimate, budget_left_s: float, memory_mb: float | None) -> str | None:
    """Why the full model should not be built (None when it fits): the budget or the memory.

    ``budget_left_s`` is what is left of the time budget, seconds; ``memory_mb`` what the machine has.
    """
    size = (
        f"{estimate.n_intervals} intervals make ~{estimate.rows:,} rows and ~{estimate.nonzeros:,} nonzeros "
        f"(estimated from a {min(SAMPLE_INTERVALS, estimate.n_intervals)}-interval build)"
    )
    if memory_mb is not None and estimate.memory_mb > memory_mb:
        return f"{size}: ~{estimate.memory_mb:,.0f} MB to build, more than the {memory_mb:,.0f} MB available"
    if estimate.build_s > budget_left_s:
        return (
            f"{size}: building alone would take ~{estimate.build_s:,.0f} s, "
            f"more than the {max(budget_left_s, 0.0):,.1f} s left of the time budget"
        )
    return None


def sample_solve_refusal(
    inputs: DispatchInputs, options: SolveOptions, budget_left_s: float, sample: DispatchModel | None = None
) -> str | None:
    """Why the whole horizon cannot be solved in the budget (None: the sample says it may be).

    Solves the first ``SAMPLE_INTERVALS`` intervals (``sample``, their model when already built) with the
    time limit ``budget_left_s * sample / n`` (see the module docstring) and refuses when that sample does
    not finish. Returns None at once for horizons of at most twice the sample.
    """
    n = inputs.n_intervals
    k = SAMPLE_INTERVALS
    if n <= 2 * k:
        return None
    share_s = max(budget_left_s, 0.0) * k / n
    if share_s <= 0.0:
        return f"no time left of the budget to solve {n} intervals"
    model = sample if sample is not None else _build_sample(inputs, k)[0]
    outcome = solve_model(model, options.with_time_limit(share_s))
    if outcome.termination is not Termination.TIME_LIMIT:
        return None  # solved (or infeasible, unbounded: the full solve's diagnosis to make)
    return (
        f"the first {k} intervals alone did not solve in {share_s:,.2f} s ({outcome.termination.value}), "
        f"their linear share of the {budget_left_s:,.1f} s left of the time budget; solve time grows faster "
        f"than linearly with the horizon, so {n} intervals would not finish in the budget"
    )


def horizon_verdict(inputs: DispatchInputs, options: SolveOptions, started: float) -> str | None:
    """Why the whole horizon would not fit the budget counted from ``started`` or the memory (None: fits).

    One sample build serves both checks: the scaled build time and memory (:func:`horizon_refusal`),
    then the sample's solve in its share of what is left (:func:`sample_solve_refusal`).
    """
    model, build_s = _build_sample(inputs, SAMPLE_INTERVALS)
    left = options.time_limit_s - (time.perf_counter() - started)
    too_big = horizon_refusal(_scaled(model, build_s, inputs.n_intervals), left, available_memory_mb())
    if too_big is not None:
        return too_big
    return sample_solve_refusal(inputs, options, options.time_limit_s - (time.perf_counter() - started), model)
