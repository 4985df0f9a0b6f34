"""Solve a built model with HiGHS (highspy through PuLP's ``HiGHS`` API solver) and read HiGHS's own
status, objective, bound and gap. The solve step never formats output.

PuLP's stock ``buildSolverModel`` adds columns and rows to HiGHS one call at a time; ours hands HiGHS
the whole row-wise matrix in one ``passModel`` call (measured in benchmarks/bench_dispatch.py).
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import math
import os
import sys
import time
from dataclasses import dataclass
from typing import Any

import highspy
import pulp

from dcep_opt._model import DispatchModel
from dcep_opt._termination import SolveStatus, Termination, solve_status, termination_from_highs


@dataclass(frozen=True)
class SolveOptions:
    """Limits and heuristics handed to HiGHS.

    ``feasibility_jump`` runs HiGHS's feasibility-jump heuristic before the root LP. Off by default: our
    root LP is nearly integral (HiGHS proves the optimum at the root with randomized rounding), and the
    heuristic spent 2.8 s of a 4.6 s 7-day solve and 33 s of a 48 s 31-day solve finding nothing
    (benchmarks/bench_dispatch.py). The optimum is unchanged; only the time to reach it.

    ``deadline`` (a ``time.perf_counter()`` instant, or None) makes the time limit a wall-clock
    budget: HiGHS's own limit is set to what is left of it right before ``run()``, after the model
    has been handed over, so the hand-over is charged to the budget too.
    """

    time_limit_s: float = 120.0
    mip_gap: float = 1e-4
    threads: int = 1
    msg: bool = False
    feasibility_jump: bool = False
    deadline: float | None = None

    def with_time_limit(self, time_limit_s: float) -> SolveOptions:
        """The same options with another time limit, seconds."""
        return dataclasses.replace(self, time_limit_s=time_limit_s)


@dataclass
class SolveOutcome:
    """HiGHS's verdict on one solve (objective and bound in net-value sign: USD, maximised)."""

    status: SolveStatus
    termination: Termination
    highs_status: str
    objective_usd: float | None
    best_bound_usd: float | None
    mip_gap: float | None
    solve_s: float
    mip_nodes: int
    simplex_iterations: int
    is_mip: bool

    @property
    def has_solution(self) -> bool:
        """A primal solution is available (optimal or feasible)."""
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


_BANNER_DONE = False


def _silence_highs_banner() -> None:
    """Absorb the banner HiGHS prints when the process's first ``Highs`` object is made.

    Measured with highspy 1.16: the C++ constructor of the FIRST ``Highs`` object of a process writes
    "Running HiGHS ... Copyright ..." to the C-level stdout before any option can be set (options
    exist only on a constructed object); later objects print nothing, and with ``output_flag`` and
    ``log_to_console`` off, ``run()`` prints nothing either. So descriptor 1 points at devnull around
    that one constructor call only, once per process, and this runs when dcep_opt._solve is imported:
    before any Textual screen exists, so the UI's output is never redirected.
    """
    global _BANNER_DONE
    if _BANNER_DONE:
        return
    _BANNER_DONE = True
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):  # no usable descriptor 1 (daemon, closed stdout): nothing to protect
        highspy.Highs()
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highspy.Highs()
            with contextlib.suppress(OSError, AttributeError):  # no C library handle: nothing to flush
                ctypes.CDLL(None).fflush(None)
    finally:
        os.dup2(saved, 1)
        os.close(saved)


_silence_highs_banner()


class FastHiGHS(pulp.HiGHS):  # type: ignore[misc, name-defined]
    """PuLP's highspy solver with a bulk model hand-over (one ``passModel`` instead of a call per row)."""

    def createAndConfigureSolver(self, lp: pulp.LpProblem) -> None:
        super().createAndConfigureSolver(lp)
        if not self.msg:  # HiGHS options, set before the model is passed: nothing reaches the console
            lp.solverModel.setOptionValue("output_flag", False)
            lp.solverModel.setOptionValue("log_to_console", False)

    def callSolver(self, lp: pulp.LpProblem) -> None:
        # the wall-clock budget: whatever the build and the hand-over left (never below 1 ms)
        deadline = getattr(self, "deadline", None)
        if deadline is not None:
            left = max(deadline - time.perf_counter(), 1e-3)
            lp.solverModel.setOptionValue("time_limit", float(min(left, self.timeLimit or left)))
        lp.solverModel.run()

    def actualSolve(self, lp: pulp.LpProblem, callback: Any = None) -> int:
        # PuLP's actualSolve calls lp.variables() three times; each walks every constraint and sorts
        # all variables by name (0.5 s of a 7-day solve). We collect them once, in first-use order.
        self._columns = _problem_variables(lp)
        self.createAndConfigureSolver(lp)
        self.buildSolverModel(lp)
        self.callSolver(lp)
        status, sol_status = self.findSolutionValues(lp)
        for var in self._columns:
            var.modified = False
        lp.assignStatus(status, sol_status)
        return status

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:
        inf = highspy.kHighsInf
        sign = -1.0 if lp.sense == pulp.LpMaximize else 1.0
        variables = getattr(self, "_columns", None) or _problem_variables(lp)
        n_col = len(variables)
        cost = [0.0] * n_col
        lower = [0.0] * n_col
        upper = [0.0] * n_col
        integrality = [highspy.HighsVarType.kContinuous] * n_col
        objective = lp.objective or {}
        any_int = False
        for i, var in enumerate(variables):
            var.index = i
            cost[i] = sign * objective.get(var, 0.0)
            lower[i] = -inf if var.lowBound is None else var.lowBound
            upper[i] = inf if var.upBound is None else var.upBound
            if var.cat == pulp.LpInteger and self.mip:
                integrality[i] = highspy.HighsVarType.kInteger
                any_int = True
        starts = [0]
        index: list[int] = []
        value: list[float] = []
        row_lower: list[float] = []
        row_upper: list[float] = []
        for i, con in enumerate(lp._constraints.values()):
            con.index = i
            for var, coef in con.items():
                if coef != 0:
                    index.append(var.index)
                    value.append(coef)
            starts.append(len(index))
            lb, ub = con.getLb(), con.getUb()
            row_lower.append(-inf if lb is None else lb)
            row_upper.append(inf if ub is None else ub)
        model = highspy.HighsLp()
        model.num_col_ = n_col
        model.num_row_ = len(row_lower)
        model.col_cost_ = cost
        model.col_lower_ = lower
        model.col_upper_ = upper
        model.row_lower_ = row_lower
        model.row_upper_ = row_upper
        model.offset_ = sign * float(objective.constant) if hasattr(objective, "constant") else 0.0
        model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        model.a_matrix_.start_ = starts
        model.a_matrix_.index_ = index
        model.a_matrix_.value_ = value
        if any_int:
            model.integrality_ = integrality
        lp.solverModel.passModel(model)

    def findSolutionValues(self, lp: pulp.LpProblem) -> tuple[int, int]:
        # Values, reduced costs, row slacks and duals as PuLP assigns them (same signs), without its
        # per-call variable walk. PuLP's status is a placeholder: we read HiGHS's status ourselves.
        # After a HiGHS solve error the solution arrays are empty: that too is an outcome, not a crash.
        solution = lp.solverModel.getSolution()
        col_value, col_dual = list(solution.col_value), list(solution.col_dual)
        row_value, row_dual = list(solution.row_value), list(solution.row_dual)
        variables = getattr(self, "_columns", None) or _problem_variables(lp)
        if len(col_value) < len(variables):
            return (pulp.LpStatusNotSolved, pulp.LpSolutionNoSolutionFound)
        for var in variables:
            var.varValue = col_value[var.index]
            var.dj = col_dual[var.index] if col_dual else None
        if len(row_value) >= len(lp._constraints):
            for con in lp._constraints.values():
                slack = con.constant + row_value[con.index]
                con.slack = -slack if con.sense == pulp.LpConstraintLE else slack
                con.pi = row_dual[con.index] if row_dual else None
        if lp.solverModel.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            return (pulp.LpStatusOptimal, pulp.LpSolutionOptimal)
        return (pulp.LpStatusNotSolved, pulp.LpSolutionIntegerFeasible)


def _problem_variables(lp: pulp.LpProblem) -> list[pulp.LpVariable]:
    """Every variable of the objective and the constraints, each once, in first-use order."""
    seen: dict[pulp.LpVariable, None] = dict.fromkeys(lp.objective.keys()) if lp.objective else {}
    for con in lp._constraints.values():
        seen.update(dict.fromkeys(con.keys()))
    return list(seen)


def make_solver(options: SolveOptions, fast: bool = True, as_lp: bool = False) -> Any:
    """The PuLP solver object (``FastHiGHS`` or PuLP's stock ``HiGHS``) configured with our limits.

    ``as_lp`` drops integrality (PuLP's ``mip=False``), e.g. for a fixed-commitment LP re-solve.
    """
    cls = FastHiGHS if fast else pulp.HiGHS
    solver = cls(
        mip=not as_lp,
        msg=options.msg,
        timeLimit=options.time_limit_s,
        gapRel=options.mip_gap,
        threads=options.threads,
        mip_heuristic_run_feasibility_jump=options.feasibility_jump,
    )
    solver.deadline = options.deadline  # read by FastHiGHS.callSolver (PuLP's stock HiGHS ignores it)
    return solver


def solve_model(model: DispatchModel, options: SolveOptions, fast: bool = True, as_lp: bool = False) -> SolveOutcome:
    """Run HiGHS on ``model.problem``; the PuLP variables then hold the solution (if any).

    The highspy object stays on ``model.problem.solverModel`` for later inspection (e.g. writeModel).
    Never raises for infeasible or limited solves: those are outcomes.
    """
    solver = make_solver(options, fast=fast, as_lp=as_lp)
    start = time.perf_counter()
    model.problem.solve(solver)
    elapsed = time.perf_counter() - start
    return read_outcome(model.problem.solverModel, elapsed, is_mip=model.n_integer > 0 and not as_lp)


def read_outcome(highs: Any, elapsed_s: float, is_mip: bool) -> SolveOutcome:
    """Read status, objective, bound and gap from a highspy object after ``run()``."""
    status = highs.getModelStatus()
    name = status.name if hasattr(status, "name") else str(status).split(".")[-1]
    termination = termination_from_highs(name)
    info = highs.getInfo()
    has_solution = int(info.primal_solution_status) == 2
    sign = -1.0  # we hand HiGHS minimise(-net value)
    objective = sign * float(info.objective_function_value) if has_solution else None
    bound: float | None
    gap: float | None
    if is_mip:
        raw_bound = float(info.mip_dual_bound)
        bound = sign * raw_bound if math.isfinite(raw_bound) else None
        raw_gap = float(info.mip_gap)
        gap = raw_gap if has_solution and math.isfinite(raw_gap) else None
    else:
        bound = objective if termination is Termination.OPTIMAL else None
        gap = 0.0 if termination is Termination.OPTIMAL else None
    return SolveOutcome(
        status=solve_status(termination, has_solution),
        termination=termination,
        highs_status=name,
        objective_usd=objective,
        best_bound_usd=bound,
        mip_gap=gap,
        solve_s=elapsed_s,
        mip_nodes=int(info.mip_node_count) if is_mip else 0,
        simplex_iterations=int(info.simplex_iteration_count),
        is_mip=is_mip,
    )
