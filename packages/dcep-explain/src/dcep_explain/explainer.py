"""One call from a solved dispatch to its explanation: duals, binding limits, ranked families, narratives."""

from __future__ import annotations

from dataclasses import dataclass

from dcep_explain.binding import BindingLimit, FamilyBinding, active_limit_by_interval, binding_limits, family_table
from dcep_explain.duals import DualsError, DualSolution, compute_duals
from dcep_explain.narrative import Narrative, explain_interval
from dcep_opt import DispatchInputs, DispatchResult, SolvedDispatch


@dataclass
class DispatchExplanation:
    """A solved dispatch with its fixed-LP duals and binding limits.

    Attributes:
        inputs: what the model was built from.
        result: the dispatch result (time series, economics).
        duals: shadow prices and reduced costs of the fixed LP (USD of net value per unit).
        limits: every binding row and limiting bound.
    """

    inputs: DispatchInputs
    result: DispatchResult
    duals: DualSolution
    limits: list[BindingLimit]

    def family_table(self) -> list[FamilyBinding]:
        """Binding families ranked by intervals bound, then by largest |value| per MWh."""
        return family_table(self.limits, self.inputs.interval_hours)

    def active_limits(self) -> list[BindingLimit | None]:
        """Per interval, the most valuable binding limit other than the identities."""
        return active_limit_by_interval(self.limits, self.inputs.n_intervals)

    def narratives(self, t: int) -> list[Narrative]:
        """Plain-English narratives of interval ``t``.

        Raises:
            IndexError: ``t`` is outside the horizon.
        """
        return explain_interval(self.inputs, self.result.timeseries, self.duals, self.limits, t)


def explain_dispatch(solved: SolvedDispatch, slack_tol: float = 1e-6) -> DispatchExplanation:
    """Price the solved dispatch (fix integers, re-solve the LP) and collect its binding limits.

    Raises:
        DualsError: the dispatch has no solution or the fixed LP is not optimal.
    """
    if not solved.result.solver.has_solution:
        raise DualsError(f"dispatch is {solved.result.solver.status}; nothing to explain")
    duals = compute_duals(solved)
    return DispatchExplanation(
        inputs=solved.model.inputs,
        result=solved.result,
        duals=duals,
        limits=binding_limits(duals, slack_tol=slack_tol),
    )
