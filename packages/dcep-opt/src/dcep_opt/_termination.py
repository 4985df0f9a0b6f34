"""Solver outcomes as our own enums: every HiGHS model status goes through one table.

PuLP's ``LpStatus`` says "Optimal" when HiGHS stopped at its time limit with an incumbent, so we
never read it: the table below is keyed by HiGHS's own model status name.
"""

from __future__ import annotations

from enum import StrEnum


class Termination(StrEnum):
    """Why the solver stopped."""

    OPTIMAL = "optimal"
    TIME_LIMIT = "time limit"
    ITERATION_LIMIT = "iteration limit"
    SOLUTION_LIMIT = "solution limit"
    OBJECTIVE_BOUND = "objective bound"
    OBJECTIVE_TARGET = "objective target"
    INTERRUPTED = "interrupted"
    MEMORY_LIMIT = "memory limit"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    INFEASIBLE_OR_UNBOUNDED = "infeasible or unbounded"
    EMPTY = "empty model"
    ERROR = "error"
    NOT_SOLVED = "not solved"
    UNKNOWN = "unknown"


class SolveStatus(StrEnum):
    """What the solution is worth."""

    OPTIMAL = "optimal"  # proven within the requested MIP gap
    FEASIBLE = "feasible"  # a solution, not proven optimal (limit hit): read the gap
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    NO_SOLUTION = "no solution"  # stopped before finding any solution
    ERROR = "error"


#: HiGHS ``HighsModelStatus`` member name -> our termination reason.
HIGHS_TERMINATION: dict[str, Termination] = {
    "kOptimal": Termination.OPTIMAL,
    "kTimeLimit": Termination.TIME_LIMIT,
    "kIterationLimit": Termination.ITERATION_LIMIT,
    "kSolutionLimit": Termination.SOLUTION_LIMIT,
    "kObjectiveBound": Termination.OBJECTIVE_BOUND,
    "kObjectiveTarget": Termination.OBJECTIVE_TARGET,
    "kInterrupt": Termination.INTERRUPTED,
    "kHighsInterrupt": Termination.INTERRUPTED,
    "kMemoryLimit": Termination.MEMORY_LIMIT,
    "kInfeasible": Termination.INFEASIBLE,
    "kUnbounded": Termination.UNBOUNDED,
    "kUnboundedOrInfeasible": Termination.INFEASIBLE_OR_UNBOUNDED,
    "kModelEmpty": Termination.EMPTY,
    "kLoadError": Termination.ERROR,
    "kModelError": Termination.ERROR,
    "kPresolveError": Termination.ERROR,
    "kSolveError": Termination.ERROR,
    "kPostsolveError": Termination.ERROR,
    "kNotset": Termination.NOT_SOLVED,
    "kUnknown": Termination.UNKNOWN,
}


def termination_from_highs(status_name: str) -> Termination:
    """Map a HiGHS model status name (e.g. ``"kTimeLimit"``) to :class:`Termination` (UNKNOWN if new)."""
    return HIGHS_TERMINATION.get(status_name, Termination.UNKNOWN)


def solve_status(termination: Termination, has_solution: bool) -> SolveStatus:
    """Classify the outcome: optimal only when HiGHS proved it; a limit with an incumbent is feasible."""
    if termination is Termination.OPTIMAL and has_solution:
        return SolveStatus.OPTIMAL
    if termination in (Termination.INFEASIBLE, Termination.INFEASIBLE_OR_UNBOUNDED):
        return SolveStatus.INFEASIBLE
    if termination is Termination.UNBOUNDED:
        return SolveStatus.UNBOUNDED
    if termination is Termination.ERROR:
        return SolveStatus.ERROR
    return SolveStatus.FEASIBLE if has_solution else SolveStatus.NO_SOLUTION
