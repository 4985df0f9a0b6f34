"""The smallest set of limits that makes a case infeasible, told with the case's numbers.

The diagnosis itself is dcep-opt's (:func:`dcep_opt.diagnose_infeasibility`: a deletion filter over
constraint families with the registry's relax policy, definitions never relaxed); this module turns
its result into :class:`Conflict` entries and adds closed-form sentences where the family has one.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np

from dcep_explain.binding import LIMIT_MEANING
from dcep_explain.duals import interval_of
from dcep_opt import DispatchInputs, SolveOptions, diagnose_infeasibility, firm_capacity_mw

Key = tuple[Hashable, ...]


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


def diagnose(inputs: DispatchInputs, options: SolveOptions | None = None, tol: float = 1e-6) -> InfeasibilityReport:
    """Find an irreducible infeasible set of constraint families of ``inputs`` and tell it.

    Raises:
        ValueError: never for solver outcomes; only from dcep-opt's model builder on invalid inputs.
    """
    options = options or SolveOptions(time_limit_s=60.0)
    d = diagnose_infeasibility(inputs, options, tol)
    if d.feasible:
        return InfeasibilityReport(True, [], n_solves=d.n_solves, message="the case is feasible")
    conflicts = [
        Conflict(
            family,
            LIMIT_MEANING.get(family, family),
            d.shortfalls.get(family, []),
            _detail(inputs, family, d.shortfalls.get(family, [])),
        )
        for family in sorted(d.families)
    ]
    if not conflicts:
        msg = d.message
    else:
        msg = "infeasible; the smallest set of conflicting limits: " + "; ".join(
            f"{c.family} ({c.meaning})" + (f": {c.detail}" if c.detail else "") for c in conflicts
        )
    return InfeasibilityReport(False, sorted(d.families), conflicts, d.n_solves, msg)


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
        lost = gen - firm_capacity_mw(((f.p_max_mw, f.count) for f in inputs.fleets), k)
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
