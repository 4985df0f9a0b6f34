"""The smallest set of limits that makes a case infeasible: an elastic filter plus a deletion filter.

dcep-opt's own diagnosis relaxes every family at once and lists those that took slack: a sufficient
relaxation, usually far from minimal. Here, following Chinneck's deletion filter on constraint
*families* (a family is one kind of limit over the whole horizon):

1. every family that has rows is *hard*; the model is infeasible (otherwise nothing to explain);
2. for each family in turn, relax it (dcep-opt's elastic mode gives its rows free slack); if the
   model stays infeasible the family is not needed and stays relaxed, else it is put back;
3. what is left is irreducible: relaxing any one of its families makes the case feasible.

Variable bounds (POI import cap, battery power, unit counts) are never relaxed: they are physical
ratings and always part of the conflict. Finally the irreducible families alone are made elastic
(other relaxed families at a 1000x penalty) to say where and by how much each must give way.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np
import pulp

from dcep_explain.binding import LIMIT_MEANING
from dcep_explain.duals import interval_of
from dcep_opt import DispatchInputs, ModelOptions, SolveOptions, build_model, solve_model

Key = tuple[Hashable, ...]
_PENALTY_OTHER = 1000.0


@dataclass(frozen=True)
class Conflict:
    """One family of the irreducible set.

    Attributes:
        family: constraint family.
        meaning: plain English.
        shortfalls: (key, slack) where the family must give way, slack in the row's units (MW, MWh).
        detail: a sentence with the numbers behind the conflict where the family is known.
    """

    family: str
    meaning: str
    shortfalls: list[tuple[Key, float]]
    detail: str = ""


@dataclass
class InfeasibilityReport:
    """The irreducible set of limit families (empty when the case is feasible)."""

    feasible: bool
    families: list[str]
    conflicts: list[Conflict] = field(default_factory=list)
    n_solves: int = 0
    message: str = ""


def _feasible(inputs: DispatchInputs, present: set[str], hard: set[str], options: SolveOptions) -> bool:
    built = build_model(inputs, ModelOptions(elastic_families=frozenset(present - hard)))
    outcome = solve_model(built.model, options)
    return bool(outcome.has_solution)


def diagnose(inputs: DispatchInputs, options: SolveOptions | None = None, tol: float = 1e-6) -> InfeasibilityReport:
    """Find an irreducible infeasible set of constraint families of ``inputs`` and quantify it.

    Runs one MILP per family with rows (plus two); tiny cases take well under a second.

    Raises:
        ValueError: never for solver outcomes; only from dcep-opt's model builder on invalid inputs.
    """
    options = options or SolveOptions(time_limit_s=60.0)
    present = set(build_model(inputs).model.index.constraints)
    solves = 1
    if _feasible(inputs, present, present, options):
        return InfeasibilityReport(True, [], n_solves=solves, message="the case is feasible")
    hard = set(present)
    for family in _order(present):
        solves += 1
        trial = hard - {family}
        if not _feasible(inputs, present, trial, options):
            hard = trial
    conflicts, extra = _quantify(inputs, present, hard, options, tol)
    solves += extra
    if not hard:
        msg = "infeasible even with every constraint family relaxed: variable bounds or integrality conflict"
    else:
        msg = "infeasible; the smallest set of conflicting limits: " + "; ".join(
            f"{c.family} ({c.meaning})" + (f": {c.detail}" if c.detail else "") for c in conflicts
        )
    return InfeasibilityReport(False, sorted(hard), conflicts, solves, msg)


def _order(present: set[str]) -> list[str]:
    """Try the bookkeeping families first (most likely removable), then the rest alphabetically."""
    first = ("bess-pcs", "balance-q", "poi-pf", "gen-qcap", "poi-mva", "xfmr-mva")
    return [f for f in first if f in present] + sorted(present - set(first))


def _quantify(
    inputs: DispatchInputs, present: set[str], hard: set[str], options: SolveOptions, tol: float
) -> tuple[list[Conflict], int]:
    built = build_model(inputs, ModelOptions(elastic_families=frozenset(present)))
    model = built.model
    terms: list[tuple[pulp.LpVariable, float]] = []
    for family, rows in model.index.slacks.items():
        weight = 1.0 if family in hard else _PENALTY_OTHER
        terms.extend((s, -weight) for slacks in rows.values() for s in slacks)
    model.problem.setObjective(pulp.LpAffineExpression(terms))
    outcome = solve_model(model, options)
    conflicts = []
    for family in sorted(hard):
        shortfalls: list[tuple[Key, float]] = []
        if outcome.has_solution:
            for key, slacks in model.index.slacks.get(family, {}).items():
                amount = sum(float(s.varValue or 0.0) for s in slacks)
                if amount > tol:
                    shortfalls.append((key, amount))
        conflicts.append(
            Conflict(family, LIMIT_MEANING.get(family, family), shortfalls, _detail(inputs, family, shortfalls))
        )
    return conflicts, 1


def _where(inputs: DispatchInputs, shortfalls: list[tuple[Key, float]]) -> str:
    if not shortfalls:
        return ""
    key, amount = max(shortfalls, key=lambda kv: kv[1])
    t = interval_of(key)
    label = (inputs.interval_starts[t] if inputs.interval_starts else f"interval {t}") if t is not None else "horizon"
    return f"short by {amount:.2f} at {label} (worst of {len(shortfalls)} row(s))"


def _detail(inputs: DispatchInputs, family: str, shortfalls: list[tuple[Key, float]]) -> str:
    """A sentence with the case's numbers for families whose conflict has a closed form."""
    where = _where(inputs, shortfalls)
    b = inputs.battery
    if family == "n1-cover" and inputs.fleets:
        k = inputs.redundancy_units
        t_worst = int(np.argmax(inputs.critical_demand_mw))
        crit = float(inputs.critical_demand_mw[t_worst])
        at = inputs.interval_starts[t_worst] if inputs.interval_starts else f"interval {t_worst}"
        gen = sum(f.p_max_mw * f.count for f in inputs.fleets)
        lost = sum(sorted((f.p_max_mw for f in inputs.fleets for _ in range(f.count)), reverse=True)[:k])
        bat = b.power_mw if b is not None else 0.0
        return (
            f"critical load {crit:.2f} MW at {at} > generators {gen:.2f} MW - largest {k} unit(s) {lost:.2f} MW "
            f"+ battery {bat:.2f} MW = {gen - lost + bat:.2f} MW" + (f"; {where}" if where else "")
        )
    if family == "bess-final" and b is not None:
        reach = b.soc_initial_mwh + inputs.n_intervals * inputs.interval_hours * b.power_mw * b.charge_efficiency
        reach = min(reach, b.soc_max_mwh)
        return (
            f"end SOC target {b.soc_final_min_mwh:.2f} MWh > at most {reach:.2f} MWh reachable "
            f"(initial {b.soc_initial_mwh:.2f} MWh + {inputs.n_intervals} x {inputs.interval_hours:g} h x "
            f"{b.power_mw:.2f} MW x {b.charge_efficiency:.0%}, capped at SOC max)" + (f"; {where}" if where else "")
        )
    return where
