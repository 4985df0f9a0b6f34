"""Cheap infeasibility diagnosis: re-solve with an elastic slack on every constraint and report which
families needed slack (dcep-explain will look for the smallest conflicting set)."""

from __future__ import annotations

from dcep_opt._build import CONSTRAINT_FAMILIES, build_model
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import ModelOptions
from dcep_opt._results import Diagnosis
from dcep_opt._solve import SolveOptions, solve_model

#: What each family means, for messages.
FAMILY_MEANING: dict[str, str] = {
    "balance": "active-power balance at the MV bus",
    "balance-q": "reactive-power balance at the MV bus",
    "bess-soc": "battery SOC dynamics",
    "bess-final": "battery end-of-horizon SOC",
    "bess-floor": "battery ride-through floor (with reserve energy stacked on it)",
    "bess-pcs": "battery inverter P-Q capability",
    "gen-commit": "generator commitment bookkeeping",
    "gen-min-up": "generator minimum up time",
    "gen-min-down": "generator minimum down time",
    "gen-max": "generator maximum output",
    "gen-min": "generator minimum stable output",
    "gen-qcap": "generator reactive capability",
    "poi-mva": "POI apparent-power rating",
    "xfmr-mva": "transformer firm MVA rating",
    "poi-pf": "POI power-factor limit",
    "n1-cover": "N+k redundancy (firm generation plus battery covers critical load)",
    "n1-deliverable-energy": "battery energy behind N+k deliverable power",
    "n1-unit": "N+k largest-unit bookkeeping",
}


#: Definitions, not limits: relaxing them would let energy or units appear from nowhere.
HARD_FAMILIES: frozenset[str] = frozenset(
    {"bess-soc", "bess-floor-draw", "bess-excl", "gen-commit", "n1-unit", "grid-excl"}
)


def diagnose_infeasibility(inputs: DispatchInputs, options: SolveOptions, tol: float = 1e-6) -> Diagnosis:
    """Families whose rows must be relaxed for the case to become feasible, with total slack.

    Solves the elastic model (minimise the sum of slacks over every limit family; definitional rows in
    ``HARD_FAMILIES`` stay hard). Families with slack above ``tol`` are involved; the list is a
    sufficient relaxation, not necessarily the smallest.
    """
    elastic = frozenset(CONSTRAINT_FAMILIES) - HARD_FAMILIES
    built = build_model(inputs, ModelOptions(elastic_families=elastic))
    outcome = solve_model(built.model, options)
    if not outcome.has_solution:
        return Diagnosis(families={}, message=f"elastic re-solve found no solution ({outcome.termination.value})")
    needed: dict[str, float] = {}
    for family, rows in built.model.index.slacks.items():
        total = sum(float(s.varValue or 0.0) for slacks in rows.values() for s in slacks)
        if total > tol:
            needed[family] = total
    if not needed:
        return Diagnosis(families={}, message="no constraint family needed slack (integrality or bounds conflict)")
    parts = [
        f"{fam} ({FAMILY_MEANING.get(fam, fam)}; slack {amount:.3g})"
        for fam, amount in sorted(needed.items(), key=lambda kv: -kv[1])
    ]
    return Diagnosis(families=needed, message="infeasible; constraint families involved: " + ", ".join(parts))
