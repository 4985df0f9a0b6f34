"""Studies built on dispatch: rolling horizon, sweeps, sizing, outage ride-through, AC screening.

Each study composes the dispatch (``dcep_opt.solve_dispatch``) and reads its results; none of
them changes the model. The modules are private; this package re-exports what is public.
"""

from __future__ import annotations

from dcep_opt.studies._baseline import case_baseline, with_baseline
from dcep_opt.studies._cosize import CoSizingResult, run_cosizing
from dcep_opt.studies._design_check import Agreement, DesignCheck, check_design, enumeration_agreement
from dcep_opt.studies._finance import LifetimeValue, lifetime_value, present_worth_factor
from dcep_opt.studies._outage import (
    OutageReport,
    Survival,
    UnitBlock,
    analyse_outages,
    outage_csv,
    simulate_outage,
)
from dcep_opt.studies._pool import TaskPool, task_pool
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
from dcep_opt.studies._seams import SeamTarget
from dcep_opt.studies._sizebox import SizeDim, design_inputs, size_dims
from dcep_opt.studies._sizing import (
    Candidate,
    CandidateResult,
    SizingResult,
    enumerate_candidates,
    run_sizing,
    sizing_table,
)
from dcep_opt.studies._sweep import (
    TIMING_COLUMNS,
    grid_overrides,
    map_tasks,
    parse_set_option,
    rows_to_csv,
    run_sweep,
)
from dcep_opt.studies._year import YearResult, YearWindow, solve_year

__all__ = [
    "TIMING_COLUMNS",
    "Agreement",
    "Candidate",
    "CandidateResult",
    "CoSizingResult",
    "DesignCheck",
    "LifetimeValue",
    "OutageReport",
    "RepresentativeDay",
    "RollingResult",
    "SeamTarget",
    "SizeDim",
    "SizingResult",
    "Survival",
    "TaskPool",
    "UnitBlock",
    "WindowFacts",
    "YearResult",
    "YearWindow",
    "analyse_outages",
    "case_baseline",
    "check_design",
    "combine_overrides",
    "design_inputs",
    "enumerate_candidates",
    "enumeration_agreement",
    "grid_overrides",
    "hours_to_intervals",
    "lifetime_value",
    "linked_overrides",
    "map_tasks",
    "outage_csv",
    "parse_set_option",
    "present_worth_factor",
    "representative_days",
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
    "solve_rolling",
    "solve_year",
    "table_overrides",
    "task_pool",
    "window_bounds",
    "with_baseline",
]
