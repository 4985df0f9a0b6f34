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
from dcep_opt._registry import CONSTRAINT_FAMILIES, family_spec

Key = tuple[Hashable, ...]
Sense = Literal["<=", ">=", "=="]
_SENSE = {"<=": pulp.LpConstraintLE, ">=": pulp.LpConstraintGE, "==": pulp.LpConstraintEQ}
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
        name = _pulp_name(family, key)
        var = self._new_var(name, low, up, pulp.LpInteger if integer else pulp.LpContinuous)
        self.index.variables.setdefault(family, {})[key] = var
        return var

    def _new_var(self, name: str, low: float | None, up: float | None, cat: str) -> pulp.LpVariable:
        # PuLP >= 3.3.1: variables are made by the problem (constructing LpVariable directly is deprecated
        # there and removed in 4.0)
        var: pulp.LpVariable = self.problem.add_variable(name, low, up, cat)
        return var

    def add_con(
        self,
        family: str,
        key: Key,
        terms: Iterable[tuple[pulp.LpVariable, float]],
        sense: Sense,
        rhs: float,
    ) -> pulp.LpConstraint:
        """Add ``sum(coef * var) <sense> rhs`` as a member of ``family`` at ``key``.

        Terms naming the same variable twice are summed. In elastic mode for ``family``, slack
        variables relax the row (one for an inequality, two for an equality).

        Raises:
            UnregisteredFamilyError: ``family`` is not a row family of ``dcep_opt._registry``.
        """
        if family not in _ROW_FAMILIES:
            family_spec(family)  # raises for an unknown name
            raise ValueError(f"{family!r} is a variable-bound limit in the registry, not a constraint family")
        merged: dict[pulp.LpVariable, float] = {}
        for var, coef in terms:
            merged[var] = merged.get(var, 0.0) + coef
        if self._elastic is not None and family in self._elastic:
            slacks = []
            if sense in ("<=", "=="):
                s = self._new_var(_pulp_name(family + "-slackdn", key), 0.0, None, pulp.LpContinuous)
                merged[s] = merged.get(s, 0.0) - 1.0
                slacks.append(s)
            if sense in (">=", "=="):
                s = self._new_var(_pulp_name(family + "-slackup", key), 0.0, None, pulp.LpContinuous)
                merged[s] = merged.get(s, 0.0) + 1.0
                slacks.append(s)
            self.index.slacks.setdefault(family, {})[key] = slacks
            self._slack_terms.extend(slacks)
        expr = pulp.LpAffineExpression(list(merged.items()))
        con = pulp.LpConstraint(expr, _SENSE[sense], _pulp_name(family, key), rhs)
        self.problem.addConstraint(con)
        self.index.constraints.setdefault(family, {})[key] = con
        return con

    def add_objective(self, var: pulp.LpVariable, coef_usd: float) -> None:
        """Add ``coef_usd * var`` to net value (positive = revenue)."""
        if coef_usd != 0.0:
            self.objective_terms.append((var, coef_usd))

    def finalise(self) -> None:
        """Set the objective: net value (maximise), or in elastic mode minus the sum of slacks."""
        if self._elastic is not None:
            self.problem.sense = pulp.LpMaximize
            self.problem.setObjective(pulp.LpAffineExpression([(s, -1.0) for s in self._slack_terms]))
            return
        merged: dict[pulp.LpVariable, float] = {}
        for var, coef in self.objective_terms:
            merged[var] = merged.get(var, 0.0) + coef
        self.problem.setObjective(pulp.LpAffineExpression(list(merged.items())))

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


def _pulp_name(family: str, key: Key) -> str:
    parts = [family.replace("-", "_")]
    for k in key:
        parts.append(str(k) if isinstance(k, int) else str(k).translate(_NAME_TABLE))
    return "__".join(parts)
