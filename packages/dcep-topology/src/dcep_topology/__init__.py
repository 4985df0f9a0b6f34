"""dcep-topology: electrical limits, pandapower networks and AC screening for dcep."""

from __future__ import annotations

from dcep_topology.batch import BatchPowerFlow, BatchResult
from dcep_topology.linear import (
    mva_polygon,
    mva_polygon_error,
    pf_cone,
    pf_q_limit_ratio,
    polygon_apparent_power_mva,
)
from dcep_topology.network import (
    PowerFlowError,
    build_base_network,
    element_index,
    network_from_case,
    run_powerflow,
    summarize_base_results,
)
from dcep_topology.screening import ScreeningReport, Violation, screen_schedule, site_injections
from dcep_topology.simulation import SimulationResult, simulate, timeseries_csv, violations_csv
from dcep_topology.spec import BaseSystemSpec, TransformerGroupSpec, spec_from_case
from dcep_topology.workloads import ARCHITECTURES, MODES, RackArchitecture, workload_shape

__version__ = "0.1.0"

__all__ = [
    "ARCHITECTURES",
    "MODES",
    "BaseSystemSpec",
    "BatchPowerFlow",
    "BatchResult",
    "PowerFlowError",
    "RackArchitecture",
    "ScreeningReport",
    "SimulationResult",
    "TransformerGroupSpec",
    "Violation",
    "__version__",
    "build_base_network",
    "element_index",
    "mva_polygon",
    "mva_polygon_error",
    "network_from_case",
    "pf_cone",
    "pf_q_limit_ratio",
    "polygon_apparent_power_mva",
    "run_powerflow",
    "screen_schedule",
    "simulate",
    "site_injections",
    "spec_from_case",
    "summarize_base_results",
    "timeseries_csv",
    "violations_csv",
    "workload_shape",
]
