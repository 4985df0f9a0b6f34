"""Solver outcomes: one table for every HiGHS status; a time limit is never reported optimal."""

from __future__ import annotations

import highspy
import numpy as np

from dcep_opt import HIGHS_TERMINATION, SolveOptions, SolveStatus, Termination, solve_dispatch, termination_from_highs
from dcep_opt._termination import solve_status


def test_every_highs_status_is_in_the_table() -> None:
    names = [n for n in dir(highspy.HighsModelStatus) if n.startswith("k")]
    assert names, "highspy exposes no model statuses?"
    missing = [n for n in names if n not in HIGHS_TERMINATION]
    assert missing == []
    assert termination_from_highs("kSomethingNew") is Termination.UNKNOWN


def test_limit_with_incumbent_is_feasible_not_optimal() -> None:
    assert solve_status(Termination.TIME_LIMIT, has_solution=True) is SolveStatus.FEASIBLE
    assert solve_status(Termination.TIME_LIMIT, has_solution=False) is SolveStatus.NO_SOLUTION
    assert solve_status(Termination.OPTIMAL, has_solution=True) is SolveStatus.OPTIMAL
    assert solve_status(Termination.INFEASIBLE, has_solution=False) is SolveStatus.INFEASIBLE


def test_time_limited_solve_reports_time_limit(make_inputs, make_battery, make_fleet) -> None:
    # A commitment problem HiGHS cannot close in 1 ms: the result must say "time limit", never optimal.
    rng = np.random.default_rng(1)
    n = 96
    price = 20 + 100 * (rng.random(n) > 0.6)
    inp = make_inputs(
        price,
        interval_hours=0.25,
        critical_mw=25.0,
        battery=make_battery(),
        fleets=(make_fleet(),),
        redundancy_units=1,
        ride_through_minutes=15.0,
    )
    r = solve_dispatch(inp, SolveOptions(time_limit_s=1e-3)).result
    assert r.solver.termination == "time limit"
    assert r.solver.status in ("feasible", "no solution")
    assert r.solver.status != "optimal"
    if r.solver.status == "feasible":
        assert r.solver.mip_gap is not None
