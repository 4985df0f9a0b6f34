"""The one infeasibility diagnosis: the smallest set of conflicting constraint families.

Following Chinneck's deletion filter on constraint *families* (a family is one kind of limit over
the whole horizon), with the registry's relax policy (``dcep_opt._registry``):

1. every family that has rows is *hard*; the model is infeasible (otherwise nothing to diagnose);
2. for each relaxable family in turn, relax it (elastic mode gives its rows free slack); if the model
   stays infeasible the family is not needed and stays relaxed, else it is put back;
3. what is left is irreducible: relaxing any one of its families makes the case feasible.

Definitions (SOC dynamics, unit bookkeeping, exclusivity, the transformer's apparent power and
loss), identities (the power balances) and variable bounds (ratings) are never relaxed: they are
always part of the conflict, and never named in it. Finally the irreducible families alone are made
elastic (other relaxable families at a 1000x penalty) to say where and by how much each must give way.
dcep-explain adds closed-form sentences to this result; it runs no diagnosis of its own.
"""

from __future__ import annotations

from collections.abc import Hashable

import pulp

from dcep_opt._build import build_model
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import ModelOptions
from dcep_opt._registry import FAMILIES
from dcep_opt._results import Diagnosis
from dcep_opt._solve import SolveOptions, solve_model

Key = tuple[Hashable, ...]
_PENALTY_OTHER = 1000.0


def _feasible(inputs: DispatchInputs, elastic: set[str], options: SolveOptions) -> bool:
    built = build_model(inputs, ModelOptions(elastic_families=frozenset(elastic)))
    return bool(solve_model(built.model, options).has_solution)


def _deletion_order(relaxable: set[str]) -> list[str]:
    """Reactive and apparent-power families first (most often removable), then the rest by name."""
    return sorted(relaxable, key=lambda f: (FAMILIES[f].unit not in ("MVA", "MVAr"), f))


def diagnose_infeasibility(inputs: DispatchInputs, options: SolveOptions, tol: float = 1e-6) -> Diagnosis:
    """An irreducible set of relaxable constraint families that makes ``inputs`` infeasible.

    Runs one MILP per relaxable family with rows, plus two (tiny cases take well under a second).
    ``Diagnosis.families`` maps each family of the set to the total slack it needs (units of its
    rows, see the registry); ``shortfalls`` gives the rows that must give way.

    Raises:
        ValueError: never for solver outcomes; only from the model builder on invalid inputs.
    """
    present = set(build_model(inputs).model.index.constraints)
    relaxable = {f for f in present if FAMILIES[f].relax}
    solves = 1
    if _feasible(inputs, set(), options):
        return Diagnosis({}, "the case is feasible", feasible=True, n_solves=solves)
    relaxed: set[str] = set()
    for family in _deletion_order(relaxable):
        solves += 1
        if not _feasible(inputs, relaxed | {family}, options):
            relaxed.add(family)
    conflict = relaxable - relaxed
    shortfalls = _quantify(inputs, relaxable, conflict, options, tol)
    solves += 1
    if not conflict:
        msg = (
            "infeasible even with every relaxable constraint family relaxed: ratings (variable bounds), "
            "definitions or integrality conflict"
        )
        return Diagnosis({}, msg, n_solves=solves)
    amounts = {f: sum(a for _k, a in shortfalls.get(f, [])) for f in sorted(conflict)}
    msg = "infeasible; the smallest set of conflicting constraint families: " + ", ".join(
        f"{f} ({FAMILIES[f].meaning})" for f in sorted(conflict)
    )
    return Diagnosis(amounts, msg, shortfalls={f: shortfalls.get(f, []) for f in sorted(conflict)}, n_solves=solves)


def _quantify(
    inputs: DispatchInputs, relaxable: set[str], conflict: set[str], options: SolveOptions, tol: float
) -> dict[str, list[tuple[Key, float]]]:
    """Rows of each conflict family that must give way, and by how much (elastic over ``relaxable``)."""
    model = build_model(inputs, ModelOptions(elastic_families=frozenset(relaxable))).model
    terms: list[tuple[pulp.LpVariable, float]] = []
    for family, rows in model.index.slacks.items():
        weight = 1.0 if family in conflict else _PENALTY_OTHER
        terms.extend((s, -weight) for slacks in rows.values() for s in slacks)
    model.problem.setObjective(pulp.LpAffineExpression(terms))
    outcome = solve_model(model, options)
    out: dict[str, list[tuple[Key, float]]] = {}
    if not outcome.has_solution:
        return out
    for family in sorted(conflict):
        rows_out = []
        for key, slacks in model.index.slacks.get(family, {}).items():
            amount = sum(float(s.varValue or 0.0) for s in slacks)
            if amount > tol:
                rows_out.append((key, amount))
        out[family] = rows_out
    return out
