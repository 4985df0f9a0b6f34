"""dcep-opt: the dispatch MILP (PuLP + HiGHS), honest solver results and the time series."""

from __future__ import annotations

import importlib.metadata as _metadata

from dcep_opt._build import BuiltModel, build_model
from dcep_opt._diagnose import diagnose_infeasibility
from dcep_opt._economics import (
    baseline_from_economics,
    compute_economics,
    compute_reliability,
    grid_only_baseline,
    n_plus_1_margin_mw,
    ride_through_minutes,
)
from dcep_opt._firm import firm_capacity_mw
from dcep_opt._highs import HIGHS_LOCK, HighsExport, export_highs, quiet_highs
from dcep_opt._horizon import ModelEstimate, estimate_model
from dcep_opt._inputs import BatteryInputs, DispatchInputs, FleetInputs, GridInputs, LoadInputs, ReserveProduct
from dcep_opt._lines import ECONOMICS_LINES, EconomicsLine, economics_lines
from dcep_opt._model import DispatchModel, ModelIndex, ModelOptions
from dcep_opt._prepare import prepare_inputs
from dcep_opt._registry import (
    BOUND_ALIASES,
    CONSTRAINT_FAMILIES,
    FAMILIES,
    NEVER_RELAXED,
    FamilySpec,
    UnregisteredFamilyError,
    family_spec,
)
from dcep_opt._results import (
    GRID_ONLY_DEFINITION,
    Baseline,
    Diagnosis,
    DispatchResult,
    Economics,
    ReliabilitySummary,
    SolverFacts,
)
from dcep_opt._runner import SolvedDispatch, horizon_check, solve_dispatch
from dcep_opt._serialize import result_to_dict, result_to_json, timeseries_csv
from dcep_opt._solve import SolveOptions, SolveOutcome, solve_model
from dcep_opt._termination import HIGHS_TERMINATION, SolveStatus, Termination, termination_from_highs
from dcep_opt.studies import SeamTarget, TaskPool, YearResult, YearWindow, solve_year, task_pool
from dcep_opt.studies._baseline import case_baseline, with_baseline
from dcep_opt.studies._cosize import CoSizingResult, run_cosizing
from dcep_opt.studies._design_check import Agreement, DesignCheck, check_design, enumeration_agreement
from dcep_opt.studies._finance import LifetimeValue, lifetime_value, present_worth_factor
from dcep_opt.studies._outage import OutageReport, Survival, UnitBlock, analyse_outages, outage_csv, simulate_outage
from dcep_opt.studies._representative import RepresentativeDay, representative_days
from dcep_opt.studies._rolling import (
    RollingResult,
    WindowFacts,
    hours_to_intervals,
    slice_inputs,
    solve_rolling,
    window_bounds,
)
from dcep_opt.studies._scenarios import combine_overrides, linked_overrides, table_overrides
from dcep_opt.studies._screen import schedule_arrays, screen_result
from dcep_opt.studies._sizebox import SizeDim, design_inputs, size_dims
from dcep_opt.studies._sizing import (
    Candidate,
    CandidateResult,
    SizingResult,
    enumerate_candidates,
    run_sizing,
    sizing_table,
)
from dcep_opt.studies._sweep import TIMING_COLUMNS, grid_overrides, map_tasks, parse_set_option, rows_to_csv, run_sweep

__version__ = _metadata.version("dcep-opt")  # from VERSION, via the package metadata

__all__ = [
    "BOUND_ALIASES",
    "CONSTRAINT_FAMILIES",
    "ECONOMICS_LINES",
    "FAMILIES",
    "GRID_ONLY_DEFINITION",
    "HIGHS_LOCK",
    "HIGHS_TERMINATION",
    "NEVER_RELAXED",
    "TIMING_COLUMNS",
    "Agreement",
    "Baseline",
    "BatteryInputs",
    "BuiltModel",
    "Candidate",
    "CandidateResult",
    "CoSizingResult",
    "DesignCheck",
    "Diagnosis",
    "DispatchInputs",
    "DispatchModel",
    "DispatchResult",
    "Economics",
    "EconomicsLine",
    "FamilySpec",
    "FleetInputs",
    "GridInputs",
    "HighsExport",
    "LifetimeValue",
    "LoadInputs",
    "ModelEstimate",
    "ModelIndex",
    "ModelOptions",
    "OutageReport",
    "ReliabilitySummary",
    "RepresentativeDay",
    "ReserveProduct",
    "RollingResult",
    "SeamTarget",
    "SizeDim",
    "SizingResult",
    "SolveOptions",
    "SolveOutcome",
    "SolveStatus",
    "SolvedDispatch",
    "SolverFacts",
    "Survival",
    "TaskPool",
    "Termination",
    "UnitBlock",
    "UnregisteredFamilyError",
    "WindowFacts",
    "YearResult",
    "YearWindow",
    "__version__",
    "analyse_outages",
    "baseline_from_economics",
    "build_model",
    "case_baseline",
    "check_design",
    "combine_overrides",
    "compute_economics",
    "compute_reliability",
    "design_inputs",
    "diagnose_infeasibility",
    "economics_lines",
    "enumerate_candidates",
    "enumeration_agreement",
    "estimate_model",
    "export_highs",
    "family_spec",
    "firm_capacity_mw",
    "grid_only_baseline",
    "grid_overrides",
    "horizon_check",
    "hours_to_intervals",
    "lifetime_value",
    "linked_overrides",
    "map_tasks",
    "n_plus_1_margin_mw",
    "outage_csv",
    "parse_set_option",
    "prepare_inputs",
    "present_worth_factor",
    "quiet_highs",
    "representative_days",
    "result_to_dict",
    "result_to_json",
    "ride_through_minutes",
    "rows_to_csv",
    "run_cosizing",
    "run_sizing",
    "run_sweep",
    "schedule_arrays",
    "screen_result",
    "simulate_outage",
    "size_dims",
    "sizing_table",
    "slice_inputs",
    "solve_dispatch",
    "solve_model",
    "solve_rolling",
    "solve_year",
    "table_overrides",
    "task_pool",
    "termination_from_highs",
    "timeseries_csv",
    "window_bounds",
    "with_baseline",
]
