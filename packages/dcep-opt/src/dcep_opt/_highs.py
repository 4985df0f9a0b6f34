"""The one PuLP -> HiGHS exporter, and a quiet ``Highs`` object.

Both the MILP solve (``dcep_opt._solve.FastHiGHS``) and dcep-explain's fixed-integer dual re-solve
hand HiGHS the whole row-wise matrix in one ``passModel`` call, built here: same column order
(first use in the objective, then in the rows), same row order (the problem's), same signs
(HiGHS minimises; a maximised PuLP objective is negated, ``sign = -1``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
from dataclasses import dataclass
from typing import Any

import highspy
import pulp

__all__ = ["HIGHS_LOCK", "HighsExport", "export_highs", "match_thread_scheduler", "problem_variables", "quiet_highs"]

_BANNER_DONE = False


def _absorb_highs_banner() -> None:
    """Absorb the banner HiGHS prints when the process's first ``Highs`` object is made.

    Measured with highspy 1.16: the C++ constructor of the FIRST ``Highs`` object of a process writes
    "Running HiGHS ... Copyright ..." to the C-level stdout before any option can be set (options
    exist only on a constructed object); later objects print nothing, and with ``output_flag`` and
    ``log_to_console`` off, ``run()`` prints nothing either. So descriptor 1 points at devnull around
    that one constructor call only, once per process, on the first solver use (not at import). An
    app that owns the terminal (the TUI) calls :func:`quiet_highs` once before it starts drawing.
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


_SCHEDULER_KEY: tuple[int, int] | None = None
#: Held around every HiGHS run of the process (a scheduler restart must not meet a running solve).
HIGHS_LOCK = threading.RLock()


def match_thread_scheduler(threads: int) -> None:
    """Restart HiGHS's process-wide thread scheduler when a solve asks for another thread count.

    Measured with highspy 1.16: the scheduler is started by the first run with its ``threads`` option
    and a later run asking for a different count returns an error with no solution (a case solved
    with ``solver.threads = 2`` made every later ``threads = 1`` solve of the process report "no
    solution": the TUI opening a second case, a test session). Resetting it first makes each solve
    honour its own count. The scheduler also keeps per-thread state: after a reset made from another
    Python thread (the TUI solves in worker threads) the old thread's next run fails the same way, so
    a change of calling thread restarts it too.
    """
    global _SCHEDULER_KEY
    key = (threads, threading.get_ident())
    if _SCHEDULER_KEY is not None and key != _SCHEDULER_KEY:
        highspy.Highs.resetGlobalScheduler(True)
    _SCHEDULER_KEY = key


def quiet_highs(threads: int | None = None) -> Any:
    """A new ``highspy.Highs`` with console output off (the process's banner absorbed on first use)."""
    _absorb_highs_banner()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    if threads is not None:
        h.setOptionValue("threads", threads)
    return h


def problem_variables(lp: pulp.LpProblem) -> list[pulp.LpVariable]:
    """Every variable of the objective and the constraints, each once, in first-use order."""
    seen: dict[pulp.LpVariable, None] = dict.fromkeys(lp.objective.keys()) if lp.objective else {}
    for con in lp._constraints.values():
        seen.update(dict.fromkeys(con.keys()))
    return list(seen)


@dataclass
class HighsExport:
    """A PuLP problem as a ``highspy.HighsLp``.

    Attributes:
        lp: the model to ``passModel``.
        columns: the PuLP variables in column order (``var.index`` is set to the column).
        rows: the PuLP constraints in row order (``con.index`` is set to the row).
        sign: -1.0 for a maximised problem (HiGHS minimises ``sign * objective``), else 1.0.
        n_fixed: integer columns fixed at their value (``fix_integers``).
        has_integers: the exported model keeps integrality.
    """

    lp: Any
    columns: list[pulp.LpVariable]
    rows: list[pulp.LpConstraint]
    sign: float
    n_fixed: int
    has_integers: bool


def export_highs(
    problem: pulp.LpProblem,
    columns: list[pulp.LpVariable] | None = None,
    mip: bool = True,
    fix_integers: bool = False,
) -> HighsExport:
    """Export ``problem`` for HiGHS: costs, bounds, integrality and the row-wise matrix.

    ``mip=False`` drops integrality; ``fix_integers`` fixes every integer column at its rounded
    solution value (an LP: the commitment is given).

    Raises:
        ValueError: ``fix_integers`` and an integer variable has no value.
    """
    inf = highspy.kHighsInf
    sign = -1.0 if problem.sense == pulp.LpMaximize else 1.0
    variables = columns if columns is not None else problem_variables(problem)
    n_col = len(variables)
    cost = [0.0] * n_col
    lower = [0.0] * n_col
    upper = [0.0] * n_col
    integrality = [highspy.HighsVarType.kContinuous] * n_col
    objective = problem.objective or {}
    any_int = False
    n_fixed = 0
    for i, var in enumerate(variables):
        var.index = i
        cost[i] = sign * objective.get(var, 0.0)
        lower[i] = -inf if var.lowBound is None else var.lowBound
        upper[i] = inf if var.upBound is None else var.upBound
        if var.cat == pulp.LpInteger:
            if fix_integers:
                if var.varValue is None:
                    raise ValueError(f"integer variable {var.name} has no value to fix")
                lower[i] = upper[i] = float(round(var.varValue))
                n_fixed += 1
            elif mip:
                integrality[i] = highspy.HighsVarType.kInteger
                any_int = True
    starts = [0]
    index: list[int] = []
    value: list[float] = []
    row_lower: list[float] = []
    row_upper: list[float] = []
    rows = list(problem._constraints.values())
    for i, con in enumerate(rows):
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
    return HighsExport(model, variables, rows, sign, n_fixed, any_int)
