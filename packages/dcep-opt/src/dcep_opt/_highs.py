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
from itertools import chain, compress, repeat
from operator import attrgetter, is_, itemgetter
from typing import TYPE_CHECKING, Any, cast

import highspy
import numpy as np
import pulp

from dcep_opt._pulprows import gc_paused

if TYPE_CHECKING:
    from dcep_opt._rowbook import RowBook

__all__ = [
    "HIGHS_LOCK",
    "ArrayLp",
    "HighsExport",
    "export_highs",
    "export_records",
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
    firsts, position = _first_places(np.fromiter(map(id, flat), dtype=np.int64, count=len(flat)))
    return [flat[i] for i in firsts], position


def _first_places(ids: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Where each distinct value of ``ids`` first occurs (in order of first occurrence), and each entry's
    rank among those distinct values."""
    _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return first[order].tolist(), rank[inverse.reshape(-1)]


_EXPR = attrgetter("expr")
_LOW = attrgetter("lowBound")
_UP = attrgetter("upBound")
_CAT = attrgetter("cat")
_CONSTANT = attrgetter("constant")
_SENSE = attrgetter("sense")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


@dataclass
class HighsExport:
    """A PuLP problem as a ``highspy.HighsLp``.

    Attributes:
        lp: the model (``lp.pass_to(highs)`` hands it to HiGHS).
        columns: the PuLP variables in column order (``var.index`` is set to the column).
        rows: the PuLP constraints in row order (``con.index`` is set to the row); empty when exported
            from row records (``export_records``).
        sign: -1.0 for a maximised problem (HiGHS minimises ``sign * objective``), else 1.0.
        n_fixed: integer columns fixed at their value (``fix_integers``).
        has_integers: the exported model keeps integrality.
    """

    lp: ArrayLp
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
    rows = list(problem._constraints.values())
    variables, starts, index, value = _columns_and_matrix(problem, rows, columns)
    for i, con in enumerate(rows):
        con.index = i
    row_lower, row_upper = _row_bounds(rows, highspy.kHighsInf)
    return _assemble(problem, variables, (starts, index, value), row_lower, row_upper, rows, mip, fix_integers)


def export_records(problem: pulp.LpProblem, book: RowBook, mip: bool = True, fix_integers: bool = False) -> HighsExport:
    """:func:`export_highs` of ``problem`` whose rows are still records (``dcep_opt._rowbook``): the same
    model, columns and rows in the same order (``rows`` of the result is empty: no row is an object).

    Raises:
        ValueError: ``fix_integers`` and an integer variable has no value.
    """
    with gc_paused():
        variables, matrix = _records_matrix(problem, book)
        inf = highspy.kHighsInf
        sense = np.asarray(book.sense, dtype=np.int64)
        rhs = np.asarray(book.rhs, dtype=float)
        row_lower = np.where(sense == pulp.LpConstraintLE, -inf, rhs)
        row_upper = np.where(sense == pulp.LpConstraintGE, inf, rhs)
        return _assemble(problem, variables, matrix, row_lower, row_upper, [], mip, fix_integers)


def _records_matrix(
    problem: pulp.LpProblem, book: RowBook
) -> tuple[list[pulp.LpVariable], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Columns (first use in the objective, then in the rows) and the row-wise matrix of recorded rows.

    A variable named twice in one row is one entry at its first place with the coefficients summed, and
    zero coefficients are dropped: what a PuLP expression of the same terms exports. A block's rows
    (``dcep_opt._rowbook.RowBlock``) come as arrays; rows kept one by one are read term by term.

    Raises:
        ValueError: a row names a variable that is not registered with ``problem``.
    """
    head = list(problem.objective or {})
    n_head, n_rows = len(head), len(book)
    lengths, ids, values = [], [np.fromiter(map(id, head), dtype=np.int64, count=n_head)], []
    for row_first, row_stop, block in book.segments():
        if block is not None:
            block_ids, block_values = block.ids_and_values()
            ids.append(block_ids)
            values.append(block_values)
            lengths.append(block.lengths())
            continue
        rows = cast("list[list[tuple[pulp.LpVariable, float]]]", book.terms[row_first:row_stop])
        lengths.append(np.fromiter(map(len, rows), dtype=np.int64, count=row_stop - row_first))
        flat = list(chain.from_iterable(rows))
        values.append(np.fromiter(map(_SECOND, flat), dtype=float, count=len(flat)))
        ids.append(np.fromiter(map(id, map(_FIRST, flat)), dtype=np.int64, count=len(flat)))
    all_ids = np.concatenate(ids)
    value = np.concatenate(values) if values else np.zeros(0)
    total = value.size
    firsts, position = _first_places(all_ids)
    by_id = {id(var): var for var in problem._variables}
    try:
        columns = [by_id[i] for i in all_ids[firsts].tolist()]
    except KeyError:
        raise ValueError("a row names a variable that is not registered with the problem") from None
    index = position[n_head:]
    row_of = np.repeat(np.arange(n_rows, dtype=np.int64), np.concatenate(lengths) if lengths else np.zeros(0, np.int64))
    cell = row_of * max(len(columns), 1) + index
    ordered = np.sort(cell)
    if total and bool((ordered[1:] == ordered[:-1]).any()):  # a variable twice in a row: rare, then merged
        distinct, first, inverse = np.unique(cell, return_index=True, return_inverse=True)
        if distinct.size < total:  # sum repeats into the first place of each (row, column)
            summed = np.bincount(inverse.reshape(-1), weights=value, minlength=distinct.size)
            at_first = np.empty(total)
            at_first[first] = summed
            keep = np.sort(first)
            index, row_of, value = index[keep], row_of[keep], at_first[keep]
    kept = value != 0
    starts = np.zeros(n_rows + 1, dtype=np.int32)
    np.cumsum(np.bincount(row_of[kept], minlength=n_rows), out=starts[1:])
    return columns, (starts, index[kept].astype(np.int32), value[kept])


def _assemble(
    problem: pulp.LpProblem,
    variables: list[pulp.LpVariable],
    matrix: tuple[np.ndarray, np.ndarray, np.ndarray],
    row_lower: np.ndarray,
    row_upper: np.ndarray,
    rows: list[pulp.LpConstraint],
    mip: bool,
    fix_integers: bool,
) -> HighsExport:
    """Costs, column bounds and integrality of ``variables`` (``var.index`` set to the column) around a matrix."""
    inf = highspy.kHighsInf
    sign = -1.0 if problem.sense == pulp.LpMaximize else 1.0
    n_col = len(variables)
    objective = problem.objective or {}
    for i, var in enumerate(variables):
        var.index = i
    n_head = len(objective)
    if n_head <= n_col and all(map(is_, variables, objective)):  # objective's columns first: costs in bulk
        cost = np.zeros(n_col)
        cost[:n_head] = np.fromiter(objective.values(), dtype=float, count=n_head)
        cost *= sign
    else:
        cost = sign * np.fromiter(map(objective.get, variables, repeat(0.0)), dtype=float, count=n_col)
    lower = np.array(list(map(_LOW, variables)), dtype=float)  # None (no bound) reads as nan
    upper = np.array(list(map(_UP, variables)), dtype=float)
    lower[np.isnan(lower)] = -inf
    upper[np.isnan(upper)] = inf
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
    offset = sign * float(objective.constant) if hasattr(objective, "constant") else 0.0
    model = rowwise_lp(cost, lower, upper, row_lower, row_upper, matrix, is_int if any_int else None, offset)
    return HighsExport(model, variables, rows, sign, n_fixed, any_int)


@dataclass(frozen=True)
class ArrayLp:
    """A model for HiGHS (minimise) as numpy arrays: the row-wise (CSR) matrix ``start``/``index``/``value``
    and ``integrality`` (int32, 1 = integer, 0 = continuous; every column 0 for an LP).

    :meth:`pass_to` hands it over in one call that reads the arrays' buffers. Filling a ``highspy.HighsLp``
    instead converts every element (measured on the 7-day case, 153,174 nonzeros: 26 ms a model, a third
    of the export).
    """

    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    start: np.ndarray
    index: np.ndarray
    value: np.ndarray
    integrality: np.ndarray
    offset: float = 0.0

    @property
    def is_mip(self) -> bool:
        """Some column is integer."""
        return bool(self.integrality.any())

    def pass_to(self, highs: Any) -> Any:
        """``highs.passModel`` of this model; HiGHS's status (a refused model is an error status, and the
        run that follows reports it as an outcome: never raises for the numbers)."""
        return highs.passModel(
            len(self.cost),
            len(self.row_lower),
            len(self.value),
            _ROWWISE,
            _MINIMIZE,
            self.offset,
            self.cost,
            self.col_lower,
            self.col_upper,
            self.row_lower,
            self.row_upper,
            self.start,
            self.index,
            self.value,
            self.integrality,
        )


_ROWWISE, _MINIMIZE = int(highspy.MatrixFormat.kRowwise), int(highspy.ObjSense.kMinimize)


def rowwise_lp(
    cost: Any,
    col_lower: Any,
    col_upper: Any,
    row_lower: Any,
    row_upper: Any,
    matrix: tuple[Any, Any, Any],
    integer: Any = None,
    offset: float = 0.0,
) -> ArrayLp:
    """An :class:`ArrayLp` (minimise) from array-likes: the one place a model is laid out for HiGHS.

    ``matrix`` is the row-wise (CSR) constraint matrix ``(starts, index, value)``; ``integer`` flags the
    integer columns (None: every column continuous). Used by the PuLP export, the sizing MILP
    (``studies/_cosize``) and the year's bound models (``studies/_boundlp``).
    """
    starts, index, value = matrix
    cost = np.ascontiguousarray(cost, dtype=np.float64)
    flags = np.zeros(cost.size, dtype=np.int32) if integer is None else np.asarray(integer, dtype=np.int32)
    return ArrayLp(
        cost=cost,
        col_lower=np.ascontiguousarray(col_lower, dtype=np.float64),
        col_upper=np.ascontiguousarray(col_upper, dtype=np.float64),
        row_lower=np.ascontiguousarray(row_lower, dtype=np.float64),
        row_upper=np.ascontiguousarray(row_upper, dtype=np.float64),
        start=np.ascontiguousarray(starts, dtype=np.int32),
        index=np.ascontiguousarray(index, dtype=np.int32),
        value=np.ascontiguousarray(value, dtype=np.float64),
        integrality=flags,
        offset=float(offset),
    )


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
