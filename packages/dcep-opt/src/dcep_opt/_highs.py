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
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import attrgetter
from typing import Any

import highspy
import numpy as np
import pulp

from dcep_opt._pulprows import gc_paused

__all__ = [
    "HIGHS_LOCK",
    "HighsExport",
    "export_highs",
    "match_thread_scheduler",
    "problem_variables",
    "quiet_highs",
    "rowwise_lp",
]

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
    flat = list(chain.from_iterable([lp.objective or {}, *map(_EXPR, lp._constraints.values())]))
    return _first_use(flat)[0]


def _first_use(flat: list[pulp.LpVariable]) -> tuple[list[pulp.LpVariable], np.ndarray]:
    """The distinct variables of ``flat`` in order of first occurrence, and each entry's position
    among them. A variable is its identity (PuLP's ``hash`` is its id); found in bulk with numpy."""
    ids = np.fromiter(map(id, flat), dtype=np.int64, count=len(flat))
    _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return [flat[i] for i in first[order].tolist()], rank[inverse.reshape(-1)]


_EXPR = attrgetter("expr")
_LOW = attrgetter("lowBound")
_UP = attrgetter("upBound")
_CAT = attrgetter("cat")
_KINT, _KCONT = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
_CONSTANT = attrgetter("constant")
_SENSE = attrgetter("sense")


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
    with gc_paused():
        return _export(problem, columns, mip, fix_integers)


def _export(
    problem: pulp.LpProblem, columns: list[pulp.LpVariable] | None, mip: bool, fix_integers: bool
) -> HighsExport:
    inf = highspy.kHighsInf
    sign = -1.0 if problem.sense == pulp.LpMaximize else 1.0
    rows = list(problem._constraints.values())
    variables, starts, index, value = _columns_and_matrix(problem, rows, columns)
    n_col = len(variables)
    objective = problem.objective or {}
    for i, var in enumerate(variables):
        var.index = i
    cost = sign * np.fromiter(map(objective.get, variables, repeat(0.0)), dtype=float, count=n_col)
    lower = np.fromiter((-inf if b is None else b for b in map(_LOW, variables)), dtype=float, count=n_col)
    upper = np.fromiter((inf if b is None else b for b in map(_UP, variables)), dtype=float, count=n_col)
    is_int = [cat == pulp.LpInteger for cat in map(_CAT, variables)]
    any_int = False
    n_fixed = 0
    if fix_integers:
        for i in compress(range(n_col), is_int):
            solved = variables[i].varValue
            if solved is None:
                raise ValueError(f"integer variable {variables[i].name} has no value to fix")
            lower[i] = upper[i] = float(round(solved))
            n_fixed += 1
    elif mip:
        any_int = any(is_int)
    for i, con in enumerate(rows):
        con.index = i
    row_lower, row_upper = _row_bounds(rows, inf)
    offset = sign * float(objective.constant) if hasattr(objective, "constant") else 0.0
    model = rowwise_lp(
        cost, lower, upper, row_lower, row_upper, (starts, index, value), is_int if any_int else None, offset
    )
    return HighsExport(model, variables, rows, sign, n_fixed, any_int)


def rowwise_lp(
    cost: Any,
    col_lower: Any,
    col_upper: Any,
    row_lower: Any,
    row_upper: Any,
    matrix: tuple[Any, Any, Any],
    integer: Sequence[bool] | None = None,
    offset: float = 0.0,
) -> Any:
    """A ``highspy.HighsLp`` (minimise) from arrays: the one place a model is laid out for HiGHS.

    ``matrix`` is the row-wise (CSR) constraint matrix ``(starts, index, value)``; ``integer`` flags the
    integer columns (None: every column continuous). Used by the PuLP export, the sizing MILP
    (``studies/_cosize``) and the year's bound models (``studies/_boundlp``).
    """
    starts, index, value = matrix
    model = highspy.HighsLp()
    model.num_col_ = len(cost)
    model.num_row_ = len(row_lower)
    model.col_cost_ = cost
    model.col_lower_ = col_lower
    model.col_upper_ = col_upper
    model.row_lower_ = row_lower
    model.row_upper_ = row_upper
    model.offset_ = offset
    model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    model.a_matrix_.start_ = starts
    model.a_matrix_.index_ = index
    model.a_matrix_.value_ = value
    if integer is not None:
        model.integrality_ = [_KINT if flag else _KCONT for flag in integer]
    return model


def _row_bounds(rows: list[pulp.LpConstraint], inf: float) -> tuple[np.ndarray, np.ndarray]:
    """Row bounds as PuLP's ``getLb``/``getUb`` give them (``-constant``; none = infinite)."""
    rhs = -np.fromiter(map(_CONSTANT, rows), dtype=float, count=len(rows))
    sense = np.fromiter(map(_SENSE, rows), dtype=np.int64, count=len(rows))
    lower = np.where(sense == pulp.LpConstraintLE, -inf, rhs)
    upper = np.where(sense == pulp.LpConstraintGE, inf, rhs)
    return lower, upper


def _columns_and_matrix(
    problem: pulp.LpProblem, rows: list[pulp.LpConstraint], columns: list[pulp.LpVariable] | None
) -> tuple[list[pulp.LpVariable], np.ndarray, np.ndarray, np.ndarray]:
    """The columns (``columns``, or every variable of the objective and the rows in first-use order)
    and the row-wise matrix (starts, column indices, values) of the rows' non-zero coefficients, in
    each row's term order.

    Raises:
        ValueError: a row names a variable that is not in ``columns``.
    """
    objective = problem.objective or {}
    exprs = list(map(_EXPR, rows))
    lengths = np.fromiter(map(len, exprs), dtype=np.int64, count=len(exprs))
    total = int(lengths.sum())
    value = np.fromiter(chain.from_iterable(map(dict.values, exprs)), dtype=float, count=total)
    if columns is None:
        columns, position = _first_use(list(chain.from_iterable([objective, *exprs])))
        index = position[len(objective) :]
    else:
        term_ids = np.fromiter(map(id, chain.from_iterable(exprs)), dtype=np.int64, count=total)
        column_ids = np.fromiter(map(id, columns), dtype=np.int64, count=len(columns))
        by_id = np.argsort(column_ids)
        found = np.searchsorted(column_ids, term_ids, sorter=by_id)
        index = by_id[np.minimum(found, len(columns) - 1)] if len(columns) else found
        if total and not (len(columns) and np.array_equal(column_ids[index], term_ids)):
            raise ValueError("a constraint names a variable that is not among the exported columns")
    kept = value != 0
    row_of = np.repeat(np.arange(len(exprs)), lengths)
    starts = np.zeros(len(exprs) + 1, dtype=np.int32)
    np.cumsum(np.bincount(row_of[kept], minlength=len(exprs)), out=starts[1:])
    return columns, starts, index[kept].astype(np.int32), value[kept]
