"""Solve a case and screen its schedule in AC (plain logic, no UI code): what the app's worker runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dcep_explain import DispatchExplanation, explain_dispatch
from dcep_models import Case
from dcep_opt import (
    DispatchInputs,
    DispatchResult,
    SolvedDispatch,
    SolveOptions,
    prepare_inputs,
    screen_result,
    solve_dispatch,
)
from dcep_topology import ScreeningReport
from dcep_tui.sensitivity import PriceScenario, scale_prices

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
    solved: SolvedDispatch | None = None  # the solved model (for re-solves that start from it)


def explain_solved(solved: SolvedDispatch) -> tuple[DispatchExplanation | None, str | None]:
    """dcep-explain's duals, binding limits and narratives of a solved dispatch, or (None, why not).

    A failed explanation (e.g. the fixed LP is not optimal) is reported, not raised: the schedule
    stays usable, and the pages say the binding limits are unavailable and why.
    """
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
    solved = solve_dispatch(inputs, SolveOptions.from_case(case.solver), progress=say)
    result = solved.result
    if not result.solver.has_solution:
        return RunOutput(case, inputs, result, scenario=scenario, solved=solved)
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
    return RunOutput(case, inputs, result, report, screening_error, explanation, explain_error, scenario, solved)
