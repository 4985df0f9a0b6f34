"""AC screening of an optimised schedule: dcep-opt's time series mapped onto dcep-topology's screen.

The mapping lives here because only dcep-opt knows its column names; dcep-topology takes plain arrays.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from dcep_models import Case
from dcep_opt._results import DispatchResult, FloatArray

if TYPE_CHECKING:
    from dcep_topology import ScreeningReport


def schedule_arrays(case: Case, timeseries: dict[str, FloatArray]) -> dict[str, FloatArray]:
    """Per-interval arrays for :func:`dcep_topology.screen_schedule` from dcep-opt's time series.

    Served load = demand - shed (critical also minus unserved, shared pro rata by rated power), reactive
    at each load's power factor; BESS = discharge - charge; generators summed over fleets. MW / MVAr,
    import, discharge and generation positive.
    """
    n = len(timeseries["grid_q_mvar"])
    zeros = np.zeros(n)
    load_p, load_q = np.zeros(n), np.zeros(n)
    for load in case.resources.loads:
        served = np.asarray(timeseries[f"demand_{load.name}_mw"], dtype=float)
        served = served - np.asarray(timeseries.get(f"shed_{load.name}_mw", zeros), dtype=float)
        if load.kind == "critical" and case.critical_load_mw > 0:
            served = served - np.asarray(timeseries["unserved_critical_mw"]) * load.power_mw / case.critical_load_mw
        load_p = load_p + served
        load_q = load_q + served * math.tan(math.acos(load.power_factor))
    gen_p, gen_q = np.zeros(n), np.zeros(n)
    for gen in case.resources.generators:
        gen_p = gen_p + np.asarray(timeseries[f"gen_{gen.name}_mw"], dtype=float)
        gen_q = gen_q + np.asarray(timeseries[f"gen_{gen.name}_q_mvar"], dtype=float)
    bess_p = np.asarray(timeseries.get("bess_discharge_mw", zeros), dtype=float) - np.asarray(
        timeseries.get("bess_charge_mw", zeros), dtype=float
    )
    return {
        "load_p_mw": load_p,
        "load_q_mvar": load_q,
        "bess_p_mw": bess_p,
        "bess_q_mvar": np.asarray(timeseries.get("bess_q_mvar", zeros), dtype=float),
        "gen_p_mw": gen_p,
        "gen_q_mvar": gen_q,
        "linear_grid_p_mw": np.asarray(timeseries["grid_net_import_mw"], dtype=float),
        "linear_grid_q_mvar": np.asarray(timeseries["grid_q_mvar"], dtype=float),
    }


def screen_result(case: Case, result: DispatchResult) -> ScreeningReport:
    """AC power flow of every interval of ``result``'s schedule (dcep-topology's batch path).

    Raises:
        ValueError: the result has no schedule, or the arrays are malformed.
        PowerFlowError: the network's power flow does not converge.
    """
    if not result.solver.has_solution:
        raise ValueError(f"no schedule to screen (solver status {result.solver.status})")
    from dcep_topology import screen_schedule  # pandapower is imported only when screening

    a = schedule_arrays(case, result.timeseries)
    return screen_schedule(
        case,
        a["load_p_mw"],
        a["load_q_mvar"],
        a["bess_p_mw"],
        a["bess_q_mvar"],
        a["gen_p_mw"],
        a["gen_q_mvar"],
        linear_grid_p_mw=a["linear_grid_p_mw"],
        linear_grid_q_mvar=a["linear_grid_q_mvar"],
    )
