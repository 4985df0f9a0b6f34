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

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import pulp

from dcep_opt._acmargins import AcMargins
from dcep_opt._inputs import DispatchInputs
from dcep_opt._pulprows import PULP_ILLEGAL, add_row, new_expression, new_variable
from dcep_opt._registry import CONSTRAINT_FAMILIES, family_spec

Key = tuple[Hashable, ...]
Term = tuple[pulp.LpVariable, float]
Sense = Literal["<=", ">=", "=="]
_SENSE = {"<=": pulp.LpConstraintLE, ">=": pulp.LpConstraintGE, "==": pulp.LpConstraintEQ}
_INTEGER, _CONTINUOUS = pulp.LpInteger, pulp.LpContinuous
_ROW_FAMILIES = frozenset(CONSTRAINT_FAMILIES)


@dataclass
class ModelIndex:
    """Families of variables and constraints by name, each a dict from key to the PuLP object."""

    variables: dict[str, dict[Key, pulp.LpVariable]] = field(default_factory=dict)
    constraints: dict[str, dict[Key, pulp.LpConstraint]] = field(default_factory=dict)
    slacks: dict[str, dict[Key, list[pulp.LpVariable]]] = field(default_factory=dict)

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
        self.problem = pulp.LpProblem("dcep_dispatch", pulp.LpMaximize)
        self.index = ModelIndex()
        self.objective_terms: list[tuple[pulp.LpVariable, float]] = []
        self._elastic = self.options.elastic_families
        self._slack_terms: list[pulp.LpVariable] = []
        self._name_heads: dict[tuple[str, Key], str] = {}

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
        var = new_variable(self.problem, self._name(family, key), low, up, _INTEGER if integer else _CONTINUOUS)
        family_vars = self.index.variables.get(family)
        if family_vars is None:
            family_vars = self.index.variables[family] = {}
        family_vars[key] = var
        return var

    def _name(self, family: str, key: Key) -> str:
        """``_pulp_name(family, key)``, its head (all but a last non-negative int) made once per family."""
        if key:
            last = key[-1]
            if type(last) is int and last >= 0:
                head_key = (family, key[:-1])
                head = self._name_heads.get(head_key)
                if head is None:
                    head = self._name_heads[head_key] = _pulp_name(family, key[:-1])
                return f"{head}__{last}"
        return _pulp_name(family, key)

    def add_con(self, family: str, key: Key, terms: Iterable[Term], sense: Sense, rhs: float) -> pulp.LpConstraint:
        """Add ``sum(coef * var) <sense> rhs`` as a member of ``family`` at ``key``.

        Terms naming the same variable twice are summed. In elastic mode for ``family``, slack
        variables relax the row (one for an inequality, two for an equality).

        Raises:
            UnregisteredFamilyError: ``family`` is not a row family of ``dcep_opt._registry``.
        """
        family_rows = self.index.constraints.get(family)
        if family_rows is None:
            family_rows = self._new_row_family(family)
        if self._elastic is not None and family in self._elastic:
            expr = new_expression(terms)
            self._relax(family, key, expr, sense)
            terms = list(expr.items())
        name = self._name(family, key)
        con = add_row(self.problem, terms, _SENSE[sense], name, rhs)
        family_rows[key] = con
        return con

    def _new_row_family(self, family: str) -> dict[Key, pulp.LpConstraint]:
        """The (empty) row index of ``family``, after checking the registry has it as a row family."""
        if family not in _ROW_FAMILIES:
            family_spec(family)  # raises for an unknown name
            raise ValueError(f"{family!r} is a variable-bound limit in the registry, not a constraint family")
        rows: dict[Key, pulp.LpConstraint] = {}
        self.index.constraints[family] = rows
        return rows

    def _relax(self, family: str, key: Key, expr: pulp.LpAffineExpression, sense: Sense) -> None:
        """Elastic mode: add the slack variables of ``family`` at ``key`` to the row ``expr``."""
        slacks = []
        if sense in ("<=", "=="):
            s = new_variable(self.problem, self._name(family + "-slackdn", key), 0.0, None, _CONTINUOUS)
            expr[s] = expr.get(s, 0.0) - 1.0
            slacks.append(s)
        if sense in (">=", "=="):
            s = new_variable(self.problem, self._name(family + "-slackup", key), 0.0, None, _CONTINUOUS)
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
            self.problem.sense = pulp.LpMaximize
            self.problem.setObjective(new_expression([(s, -1.0) for s in self._slack_terms]))
            return
        self.problem.setObjective(new_expression(self.objective_terms))

    @property
    def n_variables(self) -> int:
        """Variables in the problem."""
        return sum(len(f) for f in self.index.variables.values()) + len(self._slack_terms)

    @property
    def n_constraints(self) -> int:
        """Rows in the problem."""
        return sum(len(f) for f in self.index.constraints.values())

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
