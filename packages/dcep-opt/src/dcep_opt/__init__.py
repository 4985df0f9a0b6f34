"""dcep-opt: the dispatch MILP (PuLP + HiGHS), honest solver results and the time series."""

from __future__ import annotations

from dcep_opt.build import CONSTRAINT_FAMILIES, BuiltModel, build_model
from dcep_opt.diagnose import diagnose_infeasibility
from dcep_opt.duals import resolve_fixed_lp
from dcep_opt.economics import compute_economics, compute_reliability, n_plus_1_margin_mw, ride_through_minutes
from dcep_opt.inputs import BatteryInputs, DispatchInputs, FleetInputs, GridInputs, LoadInputs, ReserveProduct
from dcep_opt.model import DispatchModel, ModelIndex, ModelOptions
from dcep_opt.outage import OutageReport, Survival, UnitBlock, analyse_outages, outage_csv, simulate_outage
from dcep_opt.prepare import prepare_inputs
from dcep_opt.results import Diagnosis, DispatchResult, Economics, ReliabilitySummary, SolverFacts
from dcep_opt.runner import SolvedDispatch, solve_dispatch
from dcep_opt.serialize import result_to_dict, result_to_json, timeseries_csv
from dcep_opt.solve import SolveOptions, SolveOutcome, solve_model
from dcep_opt.termination import HIGHS_TERMINATION, SolveStatus, Termination, termination_from_highs

__version__ = "0.1.0"

__all__ = [
    "CONSTRAINT_FAMILIES",
    "HIGHS_TERMINATION",
    "BatteryInputs",
    "BuiltModel",
    "Diagnosis",
    "DispatchInputs",
    "DispatchModel",
    "DispatchResult",
    "Economics",
    "FleetInputs",
    "GridInputs",
    "LoadInputs",
    "ModelIndex",
    "ModelOptions",
    "OutageReport",
    "ReliabilitySummary",
    "ReserveProduct",
    "SolveOptions",
    "SolveOutcome",
    "SolveStatus",
    "SolvedDispatch",
    "SolverFacts",
    "Survival",
    "Termination",
    "UnitBlock",
    "__version__",
    "analyse_outages",
    "build_model",
    "compute_economics",
    "compute_reliability",
    "diagnose_infeasibility",
    "n_plus_1_margin_mw",
    "outage_csv",
    "prepare_inputs",
    "resolve_fixed_lp",
    "result_to_dict",
    "result_to_json",
    "ride_through_minutes",
    "simulate_outage",
    "solve_dispatch",
    "solve_model",
    "termination_from_highs",
    "timeseries_csv",
]
