"""A time limit hit while re-solving with exclusivity binaries keeps the earlier schedule, honestly labelled."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import dcep_opt._runner as runner
from dcep_opt import solve_dispatch
from dcep_opt._termination import SolveStatus, Termination


def test_time_limit_in_second_round_keeps_first_schedule_as_feasible(make_inputs, make_battery, monkeypatch) -> None:
    inp = make_inputs([10.0, 10.0, 100.0, 100.0], critical_mw=5.0, battery=make_battery())
    first = solve_dispatch(inp).result
    assert first.solver.status == "optimal" and first.solver.rounds == 1

    real_solve = runner.solve_model
    calls = {"n": 0}

    def solve_then_time_out(model, options):
        calls["n"] += 1
        outcome = real_solve(model, options)
        if calls["n"] == 1:
            return outcome
        # the second round runs out of time before any solution: what HiGHS reports then
        return dataclasses.replace(
            outcome, status=SolveStatus.NO_SOLUTION, termination=Termination.TIME_LIMIT, objective_usd=None
        )

    real_simultaneous = runner.simultaneous

    def pretend_interval_2_overlaps(a, b, n):
        # force one more round, as if the first schedule charged and discharged together at t=2
        return real_simultaneous(a, b, n) | ({2} if calls["n"] == 1 else set())

    monkeypatch.setattr(runner, "solve_model", solve_then_time_out)
    monkeypatch.setattr(runner, "simultaneous", pretend_interval_2_overlaps)
    r = solve_dispatch(inp).result

    assert calls["n"] == 2
    assert r.solver.status == "feasible"  # never "optimal" after a time limit
    assert r.solver.termination == "time limit"
    assert any("time limit reached" in w and "first: 2" in w for w in r.warnings)
    # the kept schedule is the first round's: same net value, recomputed from its own time series
    assert r.economics.net_value_usd == pytest.approx(first.economics.net_value_usd, abs=1e-6)
    np.testing.assert_allclose(r.timeseries["bess_charge_mw"], first.timeseries["bess_charge_mw"], atol=1e-9)
