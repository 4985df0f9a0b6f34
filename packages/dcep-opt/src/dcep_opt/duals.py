"""Shadow prices of a solved MILP: fix every integer decision at its value and re-solve the LP.

The fixed LP has the same optimum as the MILP (same continuous optimum given the commitment), and
its row duals are the marginal values explain reads back by family name. Sign convention: we hand
HiGHS ``minimise(-net value)``, so a row's ``pi`` is ``d(-net value USD) / d(rhs)``; e.g. the dual of
``balance`` at t is the cost of one more MW of demand over that interval (``price * h`` when the
grid import is the marginal source).
"""

from __future__ import annotations

from dcep_opt.model import DispatchModel
from dcep_opt.solve import SolveOptions, SolveOutcome, solve_model


def resolve_fixed_lp(model: DispatchModel, options: SolveOptions | None = None) -> SolveOutcome:
    """Fix integer variables of a solved model at their rounded values and solve the LP for duals.

    After the call ``model.index.constraints[family][key].pi`` holds each row's dual (see module
    docstring for the sign). The integer variables stay fixed (bounds changed in place).

    Raises:
        ValueError: the model holds no solution to fix (solve it first).
    """
    integers = model.index.integer_variables()
    if any(v.varValue is None for v in integers):
        raise ValueError("model has no solution to fix: solve it before asking for duals")
    for var in integers:
        value = float(round(var.varValue))
        var.lowBound = value
        var.upBound = value
    return solve_model(model, options or SolveOptions(), as_lp=True)
