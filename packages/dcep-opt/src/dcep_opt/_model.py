"""The built (unsolved) dispatch model: a PuLP problem plus a name index of every family.

Every variable and constraint belongs to a family named ``"{component}-{role}"`` (``bess-soc``,
``gen-commit``, ``poi-mva``) and is keyed by a tuple whose LAST element is the interval index
(``(t,)``, ``(fleet, t)``, ``(product, t)``, ``(fleet, product, t)``, ``(face, t)``). Explain and
the results read values, slacks and duals back through :class:`ModelIndex` by those names;
PuLP's own names are only a sanitised echo of them.

In *elastic* mode (infeasibility diagnosis), every constraint of the listed families gets
non-negative slack variables; the objective is then replaced by the sum of slacks.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, Literal

import pulp

from dcep_opt._acmargins import AcMargins
from dcep_opt._inputs import DispatchInputs
from dcep_opt._pulprows import PULP_ILLEGAL, add_row, new_expression, new_variable, new_variables
from dcep_opt._registry import CONSTRAINT_FAMILIES, family_spec
from dcep_opt._rowbook import PatternRow, RowBook

if TYPE_CHECKING:
    from dcep_opt._highs import HighsExport

Key = tuple[Hashable, ...]
Term = tuple[pulp.LpVariable, float]
Sense = Literal["<=", ">=", "=="]
#: A row repeated in every interval t: (family, key head, ((slot, coefficient), ...), sense, rhs); see
#: :meth:`DispatchModel.add_rows_each_interval`.
RowPattern = tuple[str, Key, Sequence[tuple[int, float]], Sense, float]
_SENSE = {"<=": pulp.LpConstraintLE, ">=": pulp.LpConstraintGE, "==": pulp.LpConstraintEQ}
_INTEGER, _CONTINUOUS = pulp.LpInteger, pulp.LpContinuous
_ROW_FAMILIES = frozenset(CONSTRAINT_FAMILIES)
_isfinite = math.isfinite


class ModelIndex:
    """Families of variables and constraints by name, each a dict from key to the PuLP object.

    ``constraints`` makes the rows recorded so far PuLP objects on first read (see ``dcep_opt._rowbook``).
    """

    def __init__(self, make_rows: Callable[[], None] | None = None) -> None:
        self.variables: dict[str, dict[Key, pulp.LpVariable]] = {}
        self.slacks: dict[str, dict[Key, list[pulp.LpVariable]]] = {}
        self._constraints: dict[str, dict[Key, pulp.LpConstraint]] = {}
        self._make_rows = make_rows

    @property
    def constraints(self) -> dict[str, dict[Key, pulp.LpConstraint]]:
        """Row families by name, each a dict from key to its ``pulp.LpConstraint``."""
        if self._make_rows is not None:
            self._make_rows()
        return self._constraints

    def var(self, family: str, *key: Hashable) -> pulp.LpVariable | None:
        """The variable of ``family`` at ``key`` (None when absent)."""
        return self.variables.get(family, {}).get(tuple(key))

    def integer_variables(self) -> list[pulp.LpVariable]:
        """Every integer (and binary) variable: what a later LP re-solve fixes."""
        return [v for fam in self.variables.values() for v in fam.values() if v.cat == pulp.LpInteger]


@dataclass
class ModelOptions:
    """Formulation choices.

    Attributes:
        bess_mode_intervals: intervals given a charge/discharge binary (see build_bess).
        grid_dir_intervals: intervals given an import/export binary (see build_grid).
        elastic_families: families whose constraints get slacks (diagnosis mode); None = none.
        prune_polygon_faces: drop POI polygon faces the PF cone makes redundant (see build_grid).
        n1_hull_cuts: add the convex-envelope rows ``n1-hull`` for single-fleet N+k (see reliability).
        emergency_floor: allow the emergency draw below the ride-through floor (and yield N+k) in
            intervals where critical demand exceeds import plus generation (see ``_families/floor.py``).
            False makes the floor a plain bound and N+k a row in every interval: a structure that does
            not depend on the sizes (co-optimised sizing: a design never plans to draw its floor).
        ac_margins: per-interval limit reductions from the AC loop (see dcep_opt._acloop); None = none.
    """

    bess_mode_intervals: frozenset[int] = frozenset()
    grid_dir_intervals: frozenset[int] = frozenset()
    elastic_families: frozenset[str] | None = None
    prune_polygon_faces: bool = True
    n1_hull_cuts: bool = True
    emergency_floor: bool = True
    ac_margins: AcMargins | None = None


class DispatchModel:
    """A PuLP problem under construction with its :class:`ModelIndex`.

    Builders call :meth:`add_var` and :meth:`add_con`; the objective is collected as a list of
    ``(variable, coefficient)`` terms in "net value" sign (revenue positive) and set by
    :meth:`finalise`.
    """

    def __init__(self, inputs: DispatchInputs, options: ModelOptions | None = None) -> None:
        self.inputs = inputs
        self.options = options or ModelOptions()
        self._problem = pulp.LpProblem("dcep_dispatch", pulp.LpMaximize)
        self._book = RowBook()
        self._name = _Namer()
        self.index = ModelIndex()
        # no reference back to the model (a cycle would leave every model to the cyclic collector)
        self._make_rows = functools.partial(_make_rows, self._book, self._problem, self.index._constraints, self._name)
        self.index._make_rows = self._make_rows
        self.objective_terms: list[tuple[pulp.LpVariable, float]] = []
        self._elastic = self.options.elastic_families
        self._slack_terms: list[pulp.LpVariable] = []
        self._families: set[str] = set()

    @property
    def n(self) -> int:
        """Number of intervals."""
        return self.inputs.n_intervals

    @property
    def h(self) -> float:
        """Interval length, hours."""
        return self.inputs.interval_hours

    def add_var(
        self,
        family: str,
        key: Key,
        low: float | None = 0.0,
        up: float | None = None,
        integer: bool = False,
    ) -> pulp.LpVariable:
        """Create and index one variable of ``family`` at ``key``."""
        var = new_variable(self._problem, self._name(family, key), low, up, _INTEGER if integer else _CONTINUOUS)
        family_vars = self.index.variables.get(family)
        if family_vars is None:
            family_vars = self.index.variables[family] = {}
        family_vars[key] = var
        return var

    def add_vars(
        self,
        family: str,
        keys: Sequence[Key],
        low: Sequence[float | None] | float | None = 0.0,
        up: Sequence[float | None] | float | None = None,
        integer: bool = False,
    ) -> list[pulp.LpVariable]:
        """:meth:`add_var` for each of ``keys`` in order, in one call: the same variables; ``low`` and ``up``
        are one bound for all or one per key."""
        made = new_variables(
            self._problem, self._name.many(family, keys), low, up, _INTEGER if integer else _CONTINUOUS
        )
        family_vars = self.index.variables.get(family)
        if family_vars is None:
            family_vars = self.index.variables[family] = {}
        family_vars.update(zip(keys, made, strict=True))
        return made

    def add_con(self, family: str, key: Key, terms: Iterable[Term], sense: Sense, rhs: float) -> None:
        """Add ``sum(coef * var) <sense> rhs`` as a member of ``family`` at ``key``.

        Terms naming the same variable twice are summed. In elastic mode for ``family``, slack
        variables relax the row (one for an inequality, two for an equality). The row is recorded
        (``dcep_opt._rowbook``); it becomes a ``pulp.LpConstraint`` when :attr:`problem` or
        ``index.constraints`` is first read.

        Raises:
            UnregisteredFamilyError: ``family`` is not a row family of ``dcep_opt._registry``.
            pulp.PulpError: ``rhs`` is not finite, or ``family`` has a row at ``key`` already (as PuLP does).
        """
        if family not in self._families:
            self._new_row_family(family)
        if not _isfinite(rhs):
            raise pulp.PulpError("Cannot set constraint RHS to NaN/inf values")
        elastic = self._elastic is not None and family in self._elastic
        if elastic:
            expr = new_expression(terms)
            self._relax(family, key, expr, sense)
            terms = list(expr.items())
        if not self._book.add(family, key, list(terms), _SENSE[sense], rhs):
            raise pulp.PulpError("overlapping constraint names: " + self._name(family, key))
        if elastic:  # diagnosis models are small: their rows are objects at once
            self._make_rows()

    def add_rows_each_interval(
        self, intervals: Iterable[int], slots: Sequence[Sequence[pulp.LpVariable]], rows: Sequence[RowPattern]
    ) -> None:
        """For each interval ``t`` of ``intervals`` in order, add each row of ``rows`` in order:
        ``(family, head, terms, sense, rhs)`` is the row of ``family`` at key ``head + (t,)``,
        ``sum(coef * slots[slot][t] for slot, coef in terms) <sense> rhs``.

        The same rows, in the same order, as :meth:`add_con` called in that loop; recorded as one block
        (``dcep_opt._rowbook.RowBlock``) that exports without Python work per term. ``slots[s]`` is indexed
        by interval. In elastic mode for one of the families, the rows are added one by one.

        Raises:
            UnregisteredFamilyError: a family is not a row family of ``dcep_opt._registry``.
            pulp.PulpError: a right-hand side is not finite, or a family has a row at a key already.
        """
        intervals = list(intervals)
        for family, _head, _terms, _sense, rhs in rows:
            if family not in self._families:
                self._new_row_family(family)
            if not _isfinite(rhs):
                raise pulp.PulpError("Cannot set constraint RHS to NaN/inf values")
        if not rows or not intervals:
            return
        if self._elastic is not None and any(row[0] in self._elastic for row in rows):
            for t in intervals:
                for family, head, terms, sense, rhs in rows:
                    self.add_con(family, (*head, t), [(slots[s][t], c) for s, c in terms], sense, rhs)
            return
        pattern = [PatternRow(f, head, tuple(terms), _SENSE[sense], rhs) for f, head, terms, sense, rhs in rows]
        taken = self._book.add_block(intervals, slots, pattern)
        if taken is not None:
            raise pulp.PulpError(f"overlapping constraint names: a row at {taken!r} exists already")

    def _new_row_family(self, family: str) -> None:
        """Open the (empty) row index of ``family``, after checking the registry has it as a row family."""
        if family not in _ROW_FAMILIES:
            family_spec(family)  # raises for an unknown name
            raise ValueError(f"{family!r} is a variable-bound limit in the registry, not a constraint family")
        self._families.add(family)
        self.index._constraints[family] = {}

    @property
    def problem(self) -> pulp.LpProblem:
        """The PuLP problem, every row an object (made on first read: see ``dcep_opt._rowbook``)."""
        self._make_rows()
        return self._problem

    @property
    def bare_problem(self) -> pulp.LpProblem:
        """The PuLP problem as it is: its variables and objective, and only the rows already made objects."""
        return self._problem

    @property
    def objective(self) -> pulp.LpAffineExpression:
        """The problem's objective (net value; an edit changes the problem), without making the rows."""
        return self._problem.objective

    @property
    def unmade_rows(self) -> RowBook | None:
        """The row records when none is an object yet (a solve may then export them directly), else None."""
        return self._book if self._book.made == 0 else None

    def new_column(self, name: str, low: float | None, up: float | None) -> pulp.LpVariable:
        """A continuous variable outside every family (e.g. a window's freed start), named ``name`` (PuLP-clean)."""
        return new_variable(self._problem, name, low, up, _CONTINUOUS)

    def shift_row(self, family: str, key: Key, terms: list[Term], rhs_delta: float) -> bool:
        """Add ``terms`` to the left-hand side of the row of ``family`` at ``key`` and ``rhs_delta`` to its
        right-hand side; False when there is no such row."""
        number = self._book.row(family, key)
        if number is None:
            return False
        if number >= self._book.made:
            self._book.shift(number, terms, rhs_delta)
            return True
        con = self.index._constraints[family][key]
        for var, coef in terms:
            con.expr[var] = con.expr.get(var, 0.0) + coef
        con.changeRHS(-con.constant + rhs_delta)
        return True

    def row_dual(self, family: str, key: Key) -> float | None:
        """The dual of the row of ``family`` at ``key`` from the last solve (None: none kept), without
        making the rows objects.

        Raises:
            KeyError: no such row.
        """
        number = self._book.row(family, key)
        if number is None:
            raise KeyError((family, key))
        if number < self._book.made:
            return self.index._constraints[family][key].pi
        return self._book.dual(number)

    def highs_export(self, mip: bool = True, fix_integers: bool = False) -> HighsExport:
        """The model for HiGHS (``dcep_opt._highs``): from the records while no row is an object, else from
        the PuLP problem; the same model either way."""
        from dcep_opt._highs import export_highs, export_records

        book = self.unmade_rows
        if book is not None:
            return export_records(self._problem, book, mip=mip, fix_integers=fix_integers)
        return export_highs(self.problem, mip=mip, fix_integers=fix_integers)

    def _relax(self, family: str, key: Key, expr: pulp.LpAffineExpression, sense: Sense) -> None:
        """Elastic mode: add the slack variables of ``family`` at ``key`` to the row ``expr``."""
        slacks = []
        if sense in ("<=", "=="):
            s = new_variable(self._problem, self._name(family + "-slackdn", key), 0.0, None, _CONTINUOUS)
            expr[s] = expr.get(s, 0.0) - 1.0
            slacks.append(s)
        if sense in (">=", "=="):
            s = new_variable(self._problem, self._name(family + "-slackup", key), 0.0, None, _CONTINUOUS)
            expr[s] = expr.get(s, 0.0) + 1.0
            slacks.append(s)
        self.index.slacks.setdefault(family, {})[key] = slacks
        self._slack_terms.extend(slacks)

    def add_objective(self, var: pulp.LpVariable, coef_usd: float) -> None:
        """Add ``coef_usd * var`` to net value (positive = revenue)."""
        if coef_usd != 0.0:
            self.objective_terms.append((var, coef_usd))

    def finalise(self) -> None:
        """Set the objective: net value (maximise), or in elastic mode minus the sum of slacks."""
        if self._elastic is not None:
            self._problem.sense = pulp.LpMaximize
            self._problem.setObjective(new_expression([(s, -1.0) for s in self._slack_terms]))
            return
        self._problem.setObjective(new_expression(self.objective_terms))

    @property
    def n_variables(self) -> int:
        """Variables in the problem."""
        return sum(len(f) for f in self.index.variables.values()) + len(self._slack_terms)

    @property
    def n_constraints(self) -> int:
        """Rows in the problem."""
        return len(self._book)

    @property
    def n_nonzeros(self) -> int:
        """Terms over every row (a variable named twice in a row may count twice)."""
        return sum(len(con.expr) for con in self._problem._constraints.values()) + self._book.nonzeros()

    @property
    def n_integer(self) -> int:
        """Integer and binary variables."""
        return len(self.index.integer_variables())


# PuLP maps "-+[] ->/" to "_"; spell signs out so distinct keys keep distinct names
_NAME_TABLE = str.maketrans({"+": "plus", "-": "minus", " ": "_", "[": "(", "]": ")", ">": "gt", "/": "div"})
_PULP_TABLE = str.maketrans(PULP_ILLEGAL, "_" * len(PULP_ILLEGAL))


def _pulp_name(family: str, key: Key) -> str:
    """The PuLP name of ``family`` at ``key`` (PuLP-clean: an int's sign becomes "_", as PuLP did)."""
    parts = [family.replace("-", "_")]
    for k in key:
        parts.append(str(k).translate(_PULP_TABLE) if isinstance(k, int) else str(k).translate(_NAME_TABLE))
    return "__".join(parts)


class _Namer:
    """``_pulp_name(family, key)``, its head (all but a last non-negative int) made once per family and head."""

    def __init__(self) -> None:
        self._heads: dict[tuple[str, Key], str] = {}

    def __call__(self, family: str, key: Key) -> str:
        if key:
            last = key[-1]
            if type(last) is int and last >= 0:
                head_key = (family, key[:-1])
                head = self._heads.get(head_key)
                if head is None:
                    head = self._heads[head_key] = _pulp_name(family, key[:-1])
                return f"{head}__{last}"
        return _pulp_name(family, key)

    def many(self, family: str, keys: Sequence[Key]) -> list[str]:
        """The names of ``family`` at each of ``keys``."""
        return list(map(self, repeat(family, len(keys)), keys))


def _make_rows(
    book: RowBook,
    problem: pulp.LpProblem,
    index: dict[str, dict[Key, pulp.LpConstraint]],
    name: Callable[[str, Key], str],
) -> None:
    """Make every recorded row not yet an object a ``pulp.LpConstraint`` in ``problem`` and ``index``, in the
    order they were added, with the dual and slack of the last solve of the records (if any)."""
    if book.all_made:
        return
    value, dual = book.row_value, book.row_dual
    solved = value is not None and len(value) >= len(book)
    for i in range(book.made, len(book)):
        family, key = book.family[i], book.key[i]
        con = add_row(problem, book.row_terms(i), book.sense[i], name(family, key), book.rhs[i])
        book.terms[i] = []  # the expression holds them now
        index[family][key] = con
        if solved:
            assert value is not None
            con.index = i
            slack = con.constant + value[i]
            con.slack = -slack if con.sense == pulp.LpConstraintLE else slack
            con.pi = dual[i] if dual is not None else None
    book.made = len(book)
