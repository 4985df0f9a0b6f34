"""What a report shows, gathered once: the case, the dispatch, the AC screen and the explanation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dcep_models import Case

if TYPE_CHECKING:
    from dcep_opt import DispatchInputs, DispatchResult
    from dcep_topology import ScreeningReport


@dataclass
class ReportFacts:
    """Everything the report renders.

    ``screening`` / ``explanation`` are None when not run or failed (``*_error`` then says why; the
    report shows that instead of the section's content). ``explanation`` is a
    ``dcep_explain.DispatchExplanation``; ``case_path`` names the file in the data-sources section.
    """

    case: Case
    inputs: DispatchInputs
    result: DispatchResult
    screening: ScreeningReport | None = None
    screening_error: str | None = None
    explanation: Any = None
    explain_error: str | None = None
    case_path: str | None = None
    versions: dict[str, str] = field(default_factory=dict)


def solve_for_report(case: Case, case_path: str | Path | None = None, progress: Any = None) -> ReportFacts:
    """Prepare and solve ``case``, then AC-screen and explain the schedule (failures recorded, not raised).

    Raises:
        CaseError: bad input (before any solve).
    """
    from dcep_cli.versions import package_versions
    from dcep_opt import SolveOptions, prepare_inputs, screen_result, solve_dispatch

    say = progress or (lambda _message: None)
    say("preparing inputs")
    inputs = prepare_inputs(case)
    options = SolveOptions.from_case(case.solver)
    say("solving the dispatch")
    solved = solve_dispatch(inputs, options)
    facts = ReportFacts(
        case,
        inputs,
        solved.result,
        case_path=None if case_path is None else str(case_path),
        versions=package_versions(),
    )
    if not solved.result.solver.has_solution:
        facts.screening_error = facts.explain_error = f"no schedule (solver status {solved.result.solver.status})"
        return facts
    say("AC screen (pandapower)")
    try:
        facts.screening = screen_result(case, solved.result)
    except Exception as exc:  # advisory: the report says why the screen is missing
        facts.screening_error = f"{type(exc).__name__}: {exc}"
    say("explaining (fixed-LP duals)")
    try:
        from dcep_explain import explain_dispatch

        facts.explanation = explain_dispatch(solved)
    except Exception as exc:  # advisory, as the screen
        facts.explain_error = f"{type(exc).__name__}: {exc}"
    return facts
