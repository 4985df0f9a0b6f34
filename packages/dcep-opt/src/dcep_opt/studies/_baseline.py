"""A user-named baseline: another case (e.g. the site as it is today) dispatched over the same intervals.

The default baseline needs no solve (:func:`dcep_opt.grid_only_baseline`, attached by
:func:`dcep_opt.compute_economics`); this module dispatches a baseline case and swaps it in.
"""

from __future__ import annotations

import dataclasses

from dcep_models import Case, CaseError, CaseIssue
from dcep_opt._economics import baseline_from_economics
from dcep_opt._prepare import prepare_inputs
from dcep_opt._results import Baseline, DispatchResult
from dcep_opt._runner import solve_dispatch
from dcep_opt._solve import SolveOptions


def case_baseline(case: Case, baseline_case: Case, options: SolveOptions | None = None) -> Baseline:
    """Dispatch ``baseline_case`` and return it as the baseline of ``case``.

    Raises:
        CaseError: (path ``baseline``) the two cases do not cover the same intervals, or the baseline
            case has no schedule (infeasible or no solution within its limits).
    """
    a, b = case.time, baseline_case.time
    if (a.start_aware, a.n_intervals, a.interval_minutes) != (b.start_aware, b.n_intervals, b.interval_minutes):
        raise CaseError(
            [
                CaseIssue(
                    "baseline",
                    f"{baseline_case.name!r} covers {b.n_intervals} x {b.interval_minutes} min from {b.start_aware}, "
                    f"the case {a.n_intervals} x {a.interval_minutes} min from {a.start_aware}: they must match",
                )
            ]
        )
    if options is None:
        options = SolveOptions.from_case(baseline_case.solver)
    result = solve_dispatch(prepare_inputs(baseline_case), options, diagnose=False).result
    if result.economics is None:
        raise CaseError(
            [CaseIssue("baseline", f"{baseline_case.name!r} has no dispatch ({result.solver.status}): no baseline")]
        )
    return baseline_from_economics(baseline_case.name, result.economics)


def with_baseline(result: DispatchResult, baseline: Baseline) -> DispatchResult:
    """``result`` with ``baseline`` in its economics (a copy; a result without economics is returned as is)."""
    if result.economics is None:
        return result
    return dataclasses.replace(result, economics=dataclasses.replace(result.economics, baseline=baseline))
