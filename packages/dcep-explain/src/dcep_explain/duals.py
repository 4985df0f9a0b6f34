"""Shadow prices of a solved dispatch MILP: fix the integers, re-solve the LP with HiGHS, read the duals.

A MILP has no duals. The usual answer (as in production unit-commitment pricing) is to fix every
integer and binary variable at its solution value and re-solve the remaining LP: its duals are the
marginal values *given* the commitment. The LP is handed to highspy directly (one ``passModel`` of
the row-wise matrix from ``dcep_opt.export_highs``, the exporter the MILP solve uses, with every
integer column fixed) rather than re-solved through PuLP, because

* the caller's :class:`~dcep_opt.SolvedDispatch` is left untouched (no bounds or categories of its
  PuLP variables are changed, its solution values stay the MILP's);
* highspy returns row duals, column duals (reduced costs, which carry the value of every variable
  bound such as the POI import cap) and row activities in one call.

Sign convention (everywhere in dcep-explain): a dual is the change of the **net value** (USD, the
quantity dcep-opt maximises) per unit increase of the row's right-hand side or of the variable's
bound. Power rows are in MW per interval, so a balance dual of ``-(LMP + adder) * h`` USD per MW is a
marginal energy price of ``LMP + adder`` USD/MWh: :meth:`DualSolution.energy_price_usd_per_mwh`.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import highspy
import pulp

from dcep_opt import HIGHS_LOCK, SolvedDispatch, export_highs, quiet_highs

Key = tuple[Hashable, ...]


class DualsError(RuntimeError):
    """The fixed LP could not be solved (no MILP solution to fix, or HiGHS failed on the LP)."""


@dataclass(frozen=True)
class RowDual:
    """One constraint of the fixed LP.

    Attributes:
        family: constraint family (``balance``, ``bess-soc``, ``gen-max``, ...).
        key: the family key; its last element is the interval when it is an int.
        sense: ``<=``, ``>=`` or ``==``.
        activity: value of the left-hand side at the MILP's schedule (units of the row).
        rhs: right-hand side.
        slack: distance from the activity to the limit (>= 0; 0 for an equality).
        dual: change of net value (USD) per unit increase of ``rhs``.
        trivial: every variable of the row is zero (a ``0 <= 0`` row binds only formally).
    """

    family: str
    key: Key
    sense: str
    activity: float
    rhs: float
    slack: float
    dual: float
    trivial: bool = False

    @property
    def interval(self) -> int | None:
        """The interval of this row (None for horizon-wide rows such as ``bess-final``)."""
        return interval_of(self.key)


@dataclass(frozen=True)
class BoundDual:
    """A variable sitting at one of its bounds in the fixed LP (integer columns excluded).

    ``dual`` is the change of net value (USD) per unit increase of that bound (the reduced cost).
    """

    family: str
    key: Key
    side: str  # "upper" | "lower"
    value: float
    bound: float
    dual: float

    @property
    def interval(self) -> int | None:
        """The interval of this variable (None when the key carries none)."""
        return interval_of(self.key)


@dataclass
class DualSolution:
    """Duals of every row and reduced costs of every column of the fixed LP.

    Attributes:
        rows: family -> key -> :class:`RowDual`.
        bounds: every continuous variable at a bound, family -> key -> :class:`BoundDual`.
        reduced_costs: family -> key -> reduced cost (USD per unit of the variable; net-value sign).
        objective_usd: net value of the fixed LP (equals the MILP's objective when the fix is exact).
        interval_hours: interval length, hours (to turn per-MW duals into USD/MWh).
        n_fixed: integer columns fixed at their MILP value.
    """

    rows: dict[str, dict[Key, RowDual]]
    bounds: dict[str, dict[Key, BoundDual]]
    reduced_costs: dict[str, dict[Key, float]]
    objective_usd: float
    interval_hours: float
    n_fixed: int
    by_name: dict[str, RowDual] = field(default_factory=dict)

    def dual(self, family: str, *key: Hashable) -> float:
        """Dual of the row ``family`` at ``key`` (USD of net value per unit of rhs); 0.0 when absent."""
        row = self.rows.get(family, {}).get(tuple(key))
        return row.dual if row is not None else 0.0

    def energy_price_usd_per_mwh(self, t: int) -> float:
        """Marginal value of one more MWh of demand at the MV bus in interval ``t``, USD/MWh.

        The balance row's rhs is demand, so its dual is minus the marginal cost per MW per interval.
        """
        return -self.dual("balance", t) / self.interval_hours

    def stored_energy_value_usd_per_mwh(self, t: int) -> float:
        """Marginal value of one more MWh in the battery at the end of interval ``t``, USD/MWh.

        The ``bess-soc`` row of ``t + 1`` reads ``soc[t+1] - soc[t] - ... = 0``: one MWh more of
        ``soc[t]`` is the same as raising that row's rhs by one, so its dual is the value. For the last
        interval the ``bess-final`` row (>=) gives the value of relaxing the end target (minus sign).
        """
        n_rows = len(self.rows.get("bess-soc", {}))
        if t + 1 < n_rows:
            return self.dual("bess-soc", t + 1)
        return -self.dual("bess-final")


def interval_of(key: Key) -> int | None:
    """The interval encoded as the last element of a dcep-opt key, if any."""
    if key and isinstance(key[-1], int) and not isinstance(key[-1], bool):
        return key[-1]
    return None


def compute_duals(solved: SolvedDispatch, tol: float = 1e-7) -> DualSolution:
    """Fix every integer variable of ``solved`` at its value, re-solve the LP, return its duals.

    Units: row duals in USD of net value per unit of the row (MW per interval for power rows, MWh
    for energy rows); reduced costs in USD per unit of the variable.

    Raises:
        DualsError: the MILP has no solution, or HiGHS does not find the fixed LP optimal.
    """
    if not solved.outcome.has_solution:
        raise DualsError(f"dispatch has no solution ({solved.outcome.status.value}); nothing to price")
    model = solved.model
    problem = model.problem
    try:
        exported = export_highs(problem, fix_integers=True)
    except ValueError as exc:
        raise DualsError(str(exc)) from exc
    lp, variables, sign = exported.lp, exported.columns, exported.sign
    col_of = {var.name: i for i, var in enumerate(variables)}
    inf = highspy.kHighsInf
    objective = problem.objective or {}
    cost, lower, upper = lp.cost.tolist(), lp.col_lower.tolist(), lp.col_upper.tolist()
    starts, index, value = lp.start.tolist(), lp.index.tolist(), lp.value.tolist()
    row_lower, row_upper = lp.row_lower.tolist(), lp.row_upper.tolist()
    n_fixed = exported.n_fixed
    family_key = {
        con.name: (family, key) for family, rows in model.index.constraints.items() for key, con in rows.items()
    }
    order = [(*family_key[con.name], con) for con in exported.rows]
    row_cols = [index[starts[i] : starts[i + 1]] for i in range(len(order))]
    # slacks and bounds are read at the MILP's own schedule (the one the user sees): every dual
    # optimum is complementary to every primal optimum, so the LP's duals price this schedule too,
    # even where the LP re-solve lands on a tied alternative
    col_value = [
        float(var.varValue or 0.0) if var.cat != pulp.LpInteger else lower[j] for j, var in enumerate(variables)
    ]
    _lp_value, col_dual, _lp_row_value, row_dual = _run_highs(lp)
    row_value = [
        sum(value[k] * col_value[index[k]] for k in range(starts[i], starts[i + 1])) for i in range(len(order))
    ]
    constant = float(getattr(objective, "constant", 0.0) or 0.0)
    obj = sum(c * x for c, x in zip(cost, _lp_value, strict=True))
    result = DualSolution(
        rows={},
        bounds={},
        reduced_costs={},
        objective_usd=sign * obj + constant,
        interval_hours=model.h,
        n_fixed=n_fixed,
    )
    for i, (family, key, con) in enumerate(order):
        lb, ub = row_lower[i], row_upper[i]
        act = float(row_value[i])
        if lb == ub:
            sense, rhs, slack = "==", lb, 0.0
        elif ub < inf:
            sense, rhs, slack = "<=", ub, max(ub - act, 0.0)
        else:
            sense, rhs, slack = ">=", lb, max(act - lb, 0.0)
        trivial = all(abs(col_value[j]) <= 1e-9 for j in row_cols[i])
        row = RowDual(family, key, sense, act, rhs, slack, _clean(sign * float(row_dual[i]), tol), trivial)
        result.rows.setdefault(family, {})[key] = row
        result.by_name[con.name] = row
    for family, fam_vars in model.index.variables.items():
        for key, var in fam_vars.items():
            j = col_of.get(var.name)
            if j is None:
                continue
            rc = _clean(sign * float(col_dual[j]), tol)
            result.reduced_costs.setdefault(family, {})[key] = rc
            if var.cat == pulp.LpInteger:
                continue
            side = _bound_side(float(col_value[j]), lower[j], upper[j], rc)
            if side is not None:
                bound = upper[j] if side == "upper" else lower[j]
                result.bounds.setdefault(family, {})[key] = BoundDual(family, key, side, float(col_value[j]), bound, rc)
    return result


def _bound_side(x: float, lo: float, up: float, rc: float) -> str | None:
    """Which bound ``x`` sits at; a fixed column (lo == up) is at the bound its reduced cost pushes on."""
    scale = 1e-6 * max(1.0, abs(x))
    at_up = up < highspy.kHighsInf and abs(x - up) <= scale
    at_lo = lo > -highspy.kHighsInf and abs(x - lo) <= scale
    if at_up and at_lo:
        return "upper" if rc > 0 else "lower" if rc < 0 else None
    return "upper" if at_up else "lower" if at_lo else None


def _clean(x: float, tol: float) -> float:
    return 0.0 if abs(x) < tol else x


def _run_highs(lp: Any) -> tuple[list[float], list[float], list[float], list[float]]:
    """Solve the LP; return column values, column duals, row values and row duals (HiGHS's signs)."""
    # no thread count of its own: HiGHS's scheduler is process-wide and refuses to run ("Not Set")
    # when a later object asks for another count than the MILP solve started it with
    h = quiet_highs()
    lp.pass_to(h)
    with HIGHS_LOCK:
        h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise DualsError(f"fixed LP not optimal: {h.modelStatusToString(status)}")
    sol = h.getSolution()
    if not sol.dual_valid:
        raise DualsError("HiGHS returned no valid duals for the fixed LP")
    return list(sol.col_value), list(sol.col_dual), list(sol.row_value), list(sol.row_dual)
