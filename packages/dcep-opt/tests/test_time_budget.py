"""A time limit is a wall-clock budget for the whole call, build included (no timed assertions).

The budget is counted from ``started_at``; the tests put that instant in the past so the budget is
spent (or nearly) in a known way, then read what HiGHS was given and what the result says.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import numpy as np

import dcep_opt._horizon as horizon
from dcep_opt import (
    DispatchInputs,
    ModelEstimate,
    SolveOptions,
    build_model,
    estimate_model,
    horizon_check,
    solve_dispatch,
)
from dcep_opt._horizon import SAMPLE_INTERVALS, horizon_refusal, sample_solve_refusal
from dcep_opt._termination import Termination


def _day(make_inputs: Callable[..., DispatchInputs], make_battery: Callable[..., object], n: int) -> DispatchInputs:
    hour = np.arange(n) % 24
    prices = np.where((hour >= 17) & (hour <= 20), 120.0, np.where(hour < 6, 15.0, 40.0))
    return make_inputs(prices, battery=make_battery(), critical_mw=5.0)


def test_budget_spent_before_the_build_ends_means_highs_is_not_started(make_inputs, make_battery):
    inputs = _day(make_inputs, make_battery, 24)
    started = time.perf_counter() - 30.0  # the command started 30 s ago; its budget is 20 s
    result = solve_dispatch(inputs, SolveOptions(time_limit_s=20.0), started_at=started).result
    s = result.solver
    assert (s.status, s.termination, s.highs_status) == ("no solution", "time limit", "not started")
    assert s.solve_s == 0.0 and s.build_s > 0.0
    assert any("build alone used the 20 s budget" in w and "HiGHS was not started" in w for w in result.warnings)
    assert result.timeseries == {}


def test_highs_gets_what_is_left_of_the_budget(make_inputs, make_battery):
    inputs = _day(make_inputs, make_battery, 24)
    before = time.perf_counter()
    started = before - 7.0  # 7 s of a 100 s budget already spent
    solved = solve_dispatch(inputs, SolveOptions(time_limit_s=100.0), started_at=started)
    after = time.perf_counter()
    assert solved.result.solver.status == "optimal"
    given = float(solved.model.problem.solverModel.getOptionValue("time_limit")[1])
    # HiGHS's limit was set between the call's start and its end: 100 - 7 - (time used so far)
    assert 100.0 - 7.0 - (after - before) <= given <= 100.0 - 7.0


def test_without_started_at_the_budget_starts_with_the_call(make_inputs, make_battery):
    inputs = _day(make_inputs, make_battery, 24)
    before = time.perf_counter()
    solved = solve_dispatch(inputs, SolveOptions(time_limit_s=50.0))
    after = time.perf_counter()
    given = float(solved.model.problem.solverModel.getOptionValue("time_limit")[1])
    assert 50.0 - (after - before) <= given <= 50.0


def test_estimate_scales_the_real_build_linearly_in_counts(make_inputs, make_battery, make_fleet):
    n = 4 * SAMPLE_INTERVALS
    inputs = _day(make_inputs, make_battery, n)
    inputs = dataclasses.replace(inputs, fleets=(make_fleet(),))
    est = estimate_model(inputs)
    real = build_model(inputs).model
    nnz = sum(len(con) for con in real.problem._constraints.values())
    # counts grow per interval, so the scaled sample is within the first intervals' boundary effects
    assert abs(est.rows - real.n_constraints) <= 0.02 * real.n_constraints
    assert abs(est.columns - real.n_variables) <= 0.02 * real.n_variables
    assert abs(est.nonzeros - nnz) <= 0.02 * nnz
    assert est.n_intervals == n and est.memory_mb > 0.0


def test_refusal_names_the_budget_or_the_memory():
    est = ModelEstimate(n_intervals=35040, rows=2_000_000, columns=1_300_000, nonzeros=7_800_000,
                               build_s=400.0, memory_mb=5200.0)  # fmt: skip
    by_time = horizon_refusal(est, budget_left_s=120.0, memory_mb=20_000.0)
    assert by_time is not None and "~400 s" in by_time and "120.0 s left" in by_time
    by_memory = horizon_refusal(est, budget_left_s=1e6, memory_mb=4000.0)
    assert by_memory is not None and "5,200 MB" in by_memory and "4,000 MB available" in by_memory
    assert horizon_refusal(est, budget_left_s=401.0, memory_mb=6000.0) is None


def test_horizon_check_refuses_before_building_the_whole_horizon(make_inputs, make_battery, monkeypatch):
    n = 40 * SAMPLE_INTERVALS
    inputs = _day(make_inputs, make_battery, n)
    sizes: list[int] = []
    real_build = horizon.build_model

    def watched(inp, *args, **kwargs):
        sizes.append(inp.n_intervals)
        return real_build(inp, *args, **kwargs)

    monkeypatch.setattr(horizon, "build_model", watched)
    reason = horizon_check(inputs, SolveOptions(time_limit_s=1e-6))  # no real build fits a microsecond
    assert reason is not None and "building alone would take" in reason and f"{n} intervals" in reason
    assert max(sizes) == SAMPLE_INTERVALS  # only the sample was ever built
    assert horizon_check(inputs, SolveOptions(time_limit_s=1e9)) is None
    short = _day(make_inputs, make_battery, 2 * SAMPLE_INTERVALS)
    assert horizon_check(short, SolveOptions(time_limit_s=1e-6)) is None  # short horizons are never refused


def test_sample_solve_gets_its_linear_share_of_the_budget_and_a_timed_out_sample_refuses(
    make_inputs, make_battery, make_fleet, monkeypatch
):
    n = 40 * SAMPLE_INTERVALS
    inputs = dataclasses.replace(_day(make_inputs, make_battery, n), fleets=(make_fleet(),))
    given: list[tuple[int, float]] = []
    real_solve = horizon.solve_model

    def watched(model, options, *args, **kwargs):
        given.append((model.n, options.time_limit_s))
        outcome = real_solve(model, options, *args, **kwargs)
        return dataclasses.replace(outcome, termination=stop) if stop is not None else outcome

    monkeypatch.setattr(horizon, "solve_model", watched)
    stop = None  # the real sample solve finishes: not refused
    assert sample_solve_refusal(inputs, SolveOptions(), 400.0) is None
    assert given == [(SAMPLE_INTERVALS, 400.0 / 40)]  # 1/40 of the horizon gets 1/40 of what is left
    stop = Termination.TIME_LIMIT  # a sample that cannot finish in its share: refused, saying why
    reason = sample_solve_refusal(inputs, SolveOptions(), 400.0)
    assert reason is not None and f"first {SAMPLE_INTERVALS} intervals alone did not solve in 10.00 s" in reason
    assert "400.0 s left of the time budget" in reason and f"{n} intervals would not finish" in reason
    stop = Termination.INFEASIBLE  # not a matter of time: the full solve diagnoses it
    assert sample_solve_refusal(inputs, SolveOptions(), 400.0) is None
    short = _day(make_inputs, make_battery, 2 * SAMPLE_INTERVALS)
    given.clear()
    assert sample_solve_refusal(short, SolveOptions(), 1e-6) is None and given == []  # short: never sampled
