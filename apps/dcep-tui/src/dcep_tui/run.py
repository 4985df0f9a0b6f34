"""Solve a case and screen its schedule in AC (plain logic, no UI code): what the app's worker runs."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from dcep_models import Case
from dcep_opt import DispatchInputs, DispatchResult, SolvedDispatch, prepare_inputs, solve_dispatch
from dcep_opt.results import FloatArray
from dcep_topology import ScreeningReport, screen_schedule
from dcep_tui.sensitivity import PriceScenario, scale_prices

if TYPE_CHECKING:  # dcep-explain is imported lazily at run time (see explain_solved)
    from dcep_explain import DispatchExplanation

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RunOutput:
    """One run of a case: the inputs the optimiser saw, its result, and the AC screening of the schedule.

    ``screening`` is None when the result has no schedule or the screening failed
    (``screening_error`` then says why); ``explanation`` likewise (``explain_error``).
    """

    case: Case
    inputs: DispatchInputs
    result: DispatchResult
    screening: ScreeningReport | None = None
    screening_error: str | None = None
    explanation: DispatchExplanation | None = None
    explain_error: str | None = None
    scenario: PriceScenario = field(default_factory=PriceScenario)


def schedule_arrays(case: Case, timeseries: dict[str, FloatArray]) -> dict[str, FloatArray]:
    """Per-interval arrays for :func:`dcep_topology.screen_schedule` from dcep-opt's time series.

    Served load = demand - shed (critical also minus unserved, shared pro rata by rated power), reactive
    at each load's power factor; BESS = discharge - charge; generators summed over fleets. MW / MVAr.
    """
    n = len(timeseries["grid_q_mvar"])
    zeros = np.zeros(n)
    load_p, load_q = np.zeros(n), np.zeros(n)
    for load in case.resources.loads:
        served = timeseries[f"demand_{load.name}_mw"] - timeseries.get(f"shed_{load.name}_mw", zeros)
        if load.kind == "critical" and case.critical_load_mw > 0:
            served = served - timeseries["unserved_critical_mw"] * load.power_mw / case.critical_load_mw
        load_p = load_p + served
        load_q = load_q + served * math.tan(math.acos(load.power_factor))
    gen_p, gen_q = np.zeros(n), np.zeros(n)
    for gen in case.resources.generators:
        gen_p = gen_p + timeseries[f"gen_{gen.name}_mw"]
        gen_q = gen_q + timeseries[f"gen_{gen.name}_q_mvar"]
    return {
        "load_p_mw": load_p,
        "load_q_mvar": load_q,
        "bess_p_mw": timeseries.get("bess_discharge_mw", zeros) - timeseries.get("bess_charge_mw", zeros),
        "bess_q_mvar": timeseries.get("bess_q_mvar", zeros),
        "gen_p_mw": gen_p,
        "gen_q_mvar": gen_q,
        "linear_grid_p_mw": timeseries["grid_net_import_mw"],
        "linear_grid_q_mvar": timeseries["grid_q_mvar"],
    }


def screen_result(case: Case, result: DispatchResult) -> ScreeningReport:
    """AC power flow of every interval of ``result``'s schedule.

    Raises:
        ValueError: the result has no schedule, or the arrays are malformed.
        PowerFlowError: the network's power flow does not converge.
    """
    if not result.solver.has_solution:
        raise ValueError(f"no schedule to screen (solver status {result.solver.status})")
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


def explain_solved(solved: SolvedDispatch) -> tuple[DispatchExplanation | None, str | None]:
    """dcep-explain's duals, binding limits and narratives of a solved dispatch, or (None, why not).

    dcep-explain is imported here, not at module import, so the UI keeps working on its own facts
    when that package is missing or its API moves.
    """
    try:
        from dcep_explain import explain_dispatch
    except ImportError as exc:
        return None, f"dcep-explain unavailable: {exc}"
    try:
        return explain_dispatch(solved), None
    except Exception as exc:  # advisory like the screen: the schedule stays usable without it
        return None, f"{type(exc).__name__}: {exc}"


def run_case(
    case: Case,
    progress: Progress | None = None,
    screen: bool = True,
    explain: bool = True,
    scenario: PriceScenario | None = None,
) -> RunOutput:
    """Prepare, optimise, and when a schedule exists AC-screen (``screen``) and explain (``explain``) ``case``.

    Solver outcomes (infeasible, time limit) are data in ``result.solver``; screening and explanation
    failures are recorded in ``screening_error`` / ``explain_error``, never raised. ``scenario`` scales
    the case's prices before the solve (see :mod:`dcep_tui.sensitivity`).

    Raises:
        ValueError: the case cannot be turned into dispatch inputs.
    """
    say = progress or (lambda _msg: None)
    say("preparing inputs")
    scenario = scenario or PriceScenario()
    inputs = scale_prices(prepare_inputs(case), scenario)
    solved = solve_dispatch(inputs, progress=say)
    result = solved.result
    if not result.solver.has_solution:
        return RunOutput(case, inputs, result, scenario=scenario)
    explanation, explain_error = None, None
    if explain:
        say("explaining decisions (fixed-LP duals)")
        explanation, explain_error = explain_solved(solved)
    report, screening_error = None, None
    if screen:
        say("AC screening of the schedule")
        try:
            report = screen_result(case, result)
        except Exception as exc:  # the screen is advisory: the schedule stays usable without it
            screening_error = f"{type(exc).__name__}: {exc}"
    return RunOutput(case, inputs, result, report, screening_error, explanation, explain_error, scenario)
