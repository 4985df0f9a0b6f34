"""dcep-topology: electrical limits, pandapower networks and AC screening for dcep.

Names are imported lazily (PEP 562) so that ``dcep_topology.linear``, which the dispatch MILP
needs, does not pay for importing pandapower (several seconds) on every run.
"""

from __future__ import annotations

import importlib
import importlib.metadata as _metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

__version__ = _metadata.version("dcep-topology")  # from VERSION, via the package metadata

_LAZY: dict[str, str] = {
    "BatchPowerFlow": "dcep_topology.batch",
    "BatchResult": "dcep_topology.batch",
    "mva_polygon": "dcep_topology.linear",
    "mva_polygon_error": "dcep_topology.linear",
    "pf_cone": "dcep_topology.linear",
    "pf_q_limit_ratio": "dcep_topology.linear",
    "polygon_apparent_power_mva": "dcep_topology.linear",
    "PowerFlowError": "dcep_topology.network",
    "build_base_network": "dcep_topology.network",
    "element_index": "dcep_topology.network",
    "network_from_case": "dcep_topology.network",
    "run_powerflow": "dcep_topology.network",
    "summarize_base_results": "dcep_topology.network",
    "ScreeningReport": "dcep_topology.screening",
    "Violation": "dcep_topology.screening",
    "screen_schedule": "dcep_topology.screening",
    "site_injections": "dcep_topology.screening",
    "SimulationResult": "dcep_topology.simulation",
    "simulate": "dcep_topology.simulation",
    "timeseries_csv": "dcep_topology.simulation",
    "violations_csv": "dcep_topology.simulation",
    "BaseSystemSpec": "dcep_topology.spec",
    "TransformerGroupSpec": "dcep_topology.spec",
    "spec_from_case": "dcep_topology.spec",
    "ARCHITECTURES": "dcep_topology.workloads",
    "MODES": "dcep_topology.workloads",
    "RackArchitecture": "dcep_topology.workloads",
    "workload_shape": "dcep_topology.workloads",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dcep_topology' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
