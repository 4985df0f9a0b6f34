"""PuLP variables and constraints made without PuLP's per-object slow paths.

PuLP's constructors re-check every name with a regular expression, re-translate it, test the type of
every expression argument against ``collections.abc`` and (``addConstraint``) re-register every
variable of every row; at 42,000 rows for a week that was most of the build. The objects made here
are the same PuLP objects with the same attributes (``tests/test_pulprows.py`` compares them with
PuLP's own constructors attribute by attribute), so a user still gets a plain ``pulp.LpProblem``
that writes LP/MPS files and solves with any PuLP solver. This module is the one place that knows
those attributes.

Names handed in must already be PuLP-clean (``DispatchModel`` makes them so): none of
``PULP_ILLEGAL`` in them, as PuLP would otherwise rewrite them.
"""

from __future__ import annotations

import contextlib
import gc
import math
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat

import pulp

__all__ = ["PULP_ILLEGAL", "add_row", "gc_paused", "new_constraint", "new_expression", "new_variable", "new_variables"]

#: Characters PuLP replaces by "_" in a variable name (a constraint name loses a subset of them).
PULP_ILLEGAL = pulp.LpElement.illegal_chars

_new_var = pulp.LpVariable.__new__
_new_expr = pulp.LpAffineExpression.__new__
_new_con = pulp.LpConstraint.__new__
_Var = pulp.LpVariable
_Expr = pulp.LpAffineExpression
_Con = pulp.LpConstraint
_isfinite = math.isfinite


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a model is built or exported.

    A build makes a few hundred thousand long-lived objects and no reference cycles; with the
    collector running, every few thousand allocations it re-scans the growing heap (measured: 45 % of
    a 7-day build). Reference counting still frees everything as usual; the collector is resumed on
    exit only if it was running on entry (so nested or concurrent pauses leave it as they found it).

    On resuming, the objects made meanwhile are moved to the oldest generation unscanned (``gc.freeze``
    then ``gc.unfreeze``): otherwise the next allocation scans them all at once as the youngest generation
    (measured after a 7-day build: 0.06-0.17 s, the more the heap holds; build and export, 12 builds
    kept alive, median 0.33 s of CPU instead of 0.49 s). They are still collected by the next full
    collection if ever in a cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def new_variable(problem: pulp.LpProblem, name: str, low: float | None, up: float | None, cat: str) -> pulp.LpVariable:
    """``problem.add_variable(name, low, up, cat)`` (continuous or integer; never binary), registered
    with ``problem`` at once, as PuLP 4 does.

    Raises:
        pulp.PulpError: a bound is not finite (as PuLP does).
    """
    return new_variables(problem, (name,), low, up, cat)[0]


def new_variables(
    problem: pulp.LpProblem,
    names: Sequence[str],
    low: Sequence[float | None] | float | None,
    up: Sequence[float | None] | float | None,
    cat: str,
) -> list[pulp.LpVariable]:
    """:func:`new_variable` for each of ``names`` in order; ``low`` and ``up`` are one bound for all or one
    per name.

    Raises:
        pulp.PulpError: a bound is not finite (as PuLP does); nothing is made then.
        ValueError: a list of bounds is not one per name.
    """
    lows = list(repeat(low, len(names)) if low is None or isinstance(low, (int, float)) else low)
    ups = list(repeat(up, len(names)) if up is None or isinstance(up, (int, float)) else up)
    if len(lows) != len(names) or len(ups) != len(names):
        raise ValueError("one bound per variable name, or one for all")
    for side, bounds in (("lower", lows), ("upper", ups)):
        for bound in set(bounds):
            if bound is not None and not math.isfinite(bound):
                raise pulp.PulpError(f"The {side} bound of a variable must be finite, got {bound}")
    made = []
    for name, lo, hi in zip(names, lows, ups, strict=True):
        var = _new_var(_Var)
        var.__dict__ = {
            "_LpElement__name": name,
            "hash": id(var),
            "modified": True,
            "_lowbound_original": lo,
            "lowBound": lo,
            "_upbound_original": hi,
            "upBound": hi,
            "cat": cat,
            "varValue": None,
            "dj": None,
        }
        made.append(var)
    problem._variables.extend(made)
    problem._variable_ids.update(zip(map(id, made), made, strict=True))
    return made


def new_expression(terms: Iterable[tuple[pulp.LpVariable, float]]) -> pulp.LpAffineExpression:
    """``pulp.LpAffineExpression(terms)`` with no constant; a variable named twice has its
    coefficients summed (PuLP's constructor keeps the last one: we never name one twice on purpose)."""
    expr = _new_expr(_Expr)
    if type(terms) is not list:
        terms = list(terms)
    dict.__init__(expr, terms)
    if len(expr) != len(terms):
        dict.clear(expr)
        for var, coef in terms:
            dict.__setitem__(expr, var, dict.get(expr, var, 0.0) + coef)
    expr.__dict__ = {"_LpAffineExpression__name": None, "constant": 0.0}
    return expr


def new_constraint(expr: pulp.LpAffineExpression, sense: int, name: str, rhs: float) -> pulp.LpConstraint:
    """``pulp.LpConstraint(expr, sense, name, rhs)`` for an ``expr`` with no constant.

    Raises:
        pulp.PulpError: ``rhs`` is not finite (as PuLP does).
    """
    if not _isfinite(rhs):
        raise pulp.PulpError("Cannot set constraint RHS to NaN/inf values")
    con = _new_con(_Con)
    con.__dict__ = {
        "expr": expr,
        "_LpConstraint__name": name,
        "constant": 0.0 - rhs,
        "sense": sense,
        "pi": None,
        "slack": None,
        "modified": True,
    }
    return con


def add_row(
    problem: pulp.LpProblem, terms: Iterable[tuple[pulp.LpVariable, float]], sense: int, name: str, rhs: float
) -> pulp.LpConstraint:
    """``problem.addConstraint(pulp.LpConstraint(pulp.LpAffineExpression(terms), sense, name, rhs))``
    for terms whose variables were made by :func:`new_variable` on ``problem`` (so registered already).

    Raises:
        pulp.PulpError: ``rhs`` is not finite, or ``name`` is taken (as PuLP does).
    """
    con = new_constraint(new_expression(terms), sense, name, rhs)
    constraints = problem._constraints
    if name in constraints:
        raise pulp.PulpError("overlapping constraint names: " + name)
    constraints[name] = con
    problem.modifiedConstraints.append(con)
    return con
