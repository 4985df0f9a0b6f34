"""Solve a built model with HiGHS (highspy through PuLP's ``HiGHS`` API solver) and read HiGHS's own
status, objective, bound and gap. The solve step never formats output.

PuLP's stock ``buildSolverModel`` adds columns and rows to HiGHS one call at a time; ours hands HiGHS
the whole row-wise matrix in one ``passModel`` call built by ``dcep_opt._highs.export_highs`` (the
exporter dcep-explain's dual re-solve uses too; measured in benchmarks/bench_dispatch.py).
"""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass
from typing import Any, Protocol

import highspy
import pulp

from dcep_opt._highs import (
    HIGHS_LOCK,
    _absorb_highs_banner,
    export_highs,
    export_records,
    match_thread_scheduler,
    problem_variables,
    quiet_highs,
)
from dcep_opt._model import DispatchModel
from dcep_opt._termination import SolveStatus, Termination, solve_status, termination_from_highs


class CaseSolver(Protocol):
    """What :meth:`SolveOptions.from_case` reads of a case's ``solver`` section (dcep_models.SolverOptions)."""

    @property
    def time_limit_s(self) -> float:
        """Seconds."""

    @property
    def mip_gap(self) -> float:
        """Relative gap."""

    @property
    def threads(self) -> int:
        """HiGHS threads."""


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

    @classmethod
    def from_case(cls, solver: CaseSolver | None = None, **overrides: Any) -> SolveOptions:
        """The options every command uses: a case's ``solver`` section, then overrides (CLI flags).

        Args:
            solver: ``case.solver`` (``time_limit_s``, ``mip_gap``, ``threads``); None = defaults.
            overrides: any field of :class:`SolveOptions`; a value of None means "not given" (an
                unset CLI flag) and keeps the case's setting.

        Raises:
            TypeError: an override names no field of :class:`SolveOptions`.
        """
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(overrides) - names)
        if unknown:
            raise TypeError(f"SolveOptions.from_case: unknown option(s) {', '.join(unknown)}")
        values: dict[str, Any] = {}
        if solver is not None:
            values = {"time_limit_s": solver.time_limit_s, "mip_gap": solver.mip_gap, "threads": solver.threads}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass
class SolveOutcome:
    """HiGHS's verdict on one solve (objective and bound in net-value sign: USD, maximised).

    ``solve_s`` is the whole call; of it, ``handover_s`` exported the PuLP problem and passed it to
    HiGHS (``export_highs`` + ``passModel``) and ``highs_s`` is HiGHS's ``run()``; the rest reads the
    solution back into the PuLP objects. ``*_cpu_s`` are the same spans in process CPU seconds (the
    honest split on a shared machine). All are 0.0 for PuLP's stock solver (not measured).
    """

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
    handover_s: float = 0.0
    highs_s: float = 0.0
    handover_cpu_s: float = 0.0
    highs_cpu_s: float = 0.0

    @property
    def has_solution(self) -> bool:
        """A primal solution is available (optimal or feasible)."""
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


class FastHiGHS(pulp.HiGHS):  # type: ignore[misc, name-defined]
    """PuLP's highspy solver with a bulk model hand-over (one ``passModel`` instead of a call per row)."""

    def createAndConfigureSolver(self, lp: pulp.LpProblem) -> None:
        _absorb_highs_banner()  # before PuLP makes the process's first Highs object
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
        start, start_cpu = time.perf_counter(), time.process_time()
        lp.solverModel.run()
        self.highs_s, self.highs_cpu_s = time.perf_counter() - start, time.process_time() - start_cpu

    def actualSolve(self, lp: pulp.LpProblem, callback: Any = None) -> int:
        # PuLP's actualSolve calls lp.variables() three times; each walks every constraint and sorts
        # all variables by name (0.5 s of a 7-day solve). export_highs collects them once, in first-use order.
        start, start_cpu = time.perf_counter(), time.process_time()
        self.createAndConfigureSolver(lp)
        self.buildSolverModel(lp)
        self.handover_s, self.handover_cpu_s = time.perf_counter() - start, time.process_time() - start_cpu
        self.callSolver(lp)
        status, sol_status = self.findSolutionValues(lp)
        for var in self._columns:
            var.modified = False
        lp.assignStatus(status, sol_status)
        return status

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:
        book = getattr(self, "rows", None)  # the model's row records when no row is a PuLP object yet
        exported = export_records(lp, book, mip=self.mip) if book is not None else export_highs(lp, mip=self.mip)
        self._columns = exported.columns
        exported.lp.pass_to(lp.solverModel)

    def findSolutionValues(self, lp: pulp.LpProblem) -> tuple[int, int]:
        # Values, reduced costs, row slacks and duals as PuLP assigns them (same signs), without its
        # per-call variable walk. PuLP's status is a placeholder: we read HiGHS's status ourselves.
        # After a HiGHS solve error the solution arrays are empty: that too is an outcome, not a crash.
        solution = lp.solverModel.getSolution()
        col_value, col_dual = list(solution.col_value), list(solution.col_dual)
        row_value, row_dual = list(solution.row_value), list(solution.row_dual)
        variables = getattr(self, "_columns", None) or problem_variables(lp)
        if len(col_value) < len(variables):
            return (pulp.LpStatusNotSolved, pulp.LpSolutionNoSolutionFound)
        for var in variables:
            var.varValue = col_value[var.index]
            var.dj = col_dual[var.index] if col_dual else None
        book = getattr(self, "rows", None)
        if book is not None:  # rows still records: they take the row solution when they become objects
            if len(row_value) >= len(book):
                book.keep_solution(row_value, row_dual)
        elif len(row_value) >= len(lp._constraints):
            for con in lp._constraints.values():
                slack = con.constant + row_value[con.index]
                con.slack = -slack if con.sense == pulp.LpConstraintLE else slack
                con.pi = row_dual[con.index] if row_dual else None
        if lp.solverModel.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            return (pulp.LpStatusOptimal, pulp.LpSolutionOptimal)
        return (pulp.LpStatusNotSolved, pulp.LpSolutionIntegerFeasible)


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


def configured_highs(options: SolveOptions) -> Any:
    """A ``highspy.Highs`` for a model passed as arrays, with the limits ``make_solver`` gives PuLP's solver:
    time limit, MIP gap, threads, feasibility jump; console output only with ``options.msg``."""
    h = quiet_highs(options.threads)
    h.setOptionValue("time_limit", float(options.time_limit_s))
    h.setOptionValue("mip_rel_gap", float(options.mip_gap))
    h.setOptionValue("mip_heuristic_run_feasibility_jump", bool(options.feasibility_jump))
    if options.msg:
        h.setOptionValue("output_flag", True)
        h.setOptionValue("log_to_console", True)
    return h


def solve_model(model: DispatchModel, options: SolveOptions, fast: bool = True, as_lp: bool = False) -> SolveOutcome:
    """Run HiGHS on ``model.problem``; the PuLP variables then hold the solution (if any).

    The highspy object stays on ``model.problem.solverModel`` for later inspection (e.g. writeModel).
    Never raises for infeasible or limited solves: those are outcomes.
    """
    solver = make_solver(options, fast=fast, as_lp=as_lp)
    _absorb_highs_banner()  # first solver use: PuLP's stock HiGHS makes a Highs object too
    start = time.perf_counter()
    book = model.unmade_rows if fast else None
    with HIGHS_LOCK:  # one HiGHS run at a time per process: its thread scheduler is process-wide
        match_thread_scheduler(options.threads)
        if book is not None:  # straight from the row records: no PuLP row object is made
            solver.rows = book
            solver.actualSolve(model.bare_problem)
        else:
            model.problem.solve(solver)
    elapsed = time.perf_counter() - start
    outcome = read_outcome(model.bare_problem.solverModel, elapsed, is_mip=model.n_integer > 0 and not as_lp)
    return dataclasses.replace(
        outcome,
        handover_s=float(getattr(solver, "handover_s", 0.0)),
        highs_s=float(getattr(solver, "highs_s", 0.0)),
        handover_cpu_s=float(getattr(solver, "handover_cpu_s", 0.0)),
        highs_cpu_s=float(getattr(solver, "highs_cpu_s", 0.0)),
    )


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
