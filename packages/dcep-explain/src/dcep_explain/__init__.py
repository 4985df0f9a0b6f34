"""dcep-explain: shadow prices, binding limits, narratives and infeasibility sets of dispatch decisions."""

from __future__ import annotations

import importlib.metadata as _metadata

from dcep_explain.binding import (
    BOUND_LIMITS,
    ENERGY_LIMITS,
    IDENTITY_FAMILIES,
    LIMIT_MEANING,
    BindingLimit,
    FamilyBinding,
    active_limit_by_interval,
    binding_limits,
    family_table,
    limits_at,
)
from dcep_explain.duals import BoundDual, DualsError, DualSolution, RowDual, compute_duals, interval_of
from dcep_explain.explainer import DispatchExplanation, explain_dispatch
from dcep_explain.infeasibility import Conflict, InfeasibilityReport, diagnose
from dcep_explain.narrative import Narrative, explain_interval
from dcep_explain.reliability_cost import (
    PromiseCost,
    ReliabilityCostReport,
    floor_marginal_usd_per_mwh,
    reliability_costs,
)

__version__ = _metadata.version("dcep-explain")  # from VERSION, via the package metadata

__all__ = [
    "BOUND_LIMITS",
    "ENERGY_LIMITS",
    "IDENTITY_FAMILIES",
    "LIMIT_MEANING",
    "BindingLimit",
    "BoundDual",
    "Conflict",
    "DispatchExplanation",
    "DualSolution",
    "DualsError",
    "FamilyBinding",
    "InfeasibilityReport",
    "Narrative",
    "PromiseCost",
    "ReliabilityCostReport",
    "RowDual",
    "__version__",
    "active_limit_by_interval",
    "binding_limits",
    "compute_duals",
    "diagnose",
    "explain_dispatch",
    "explain_interval",
    "family_table",
    "floor_marginal_usd_per_mwh",
    "interval_of",
    "limits_at",
    "reliability_costs",
]
