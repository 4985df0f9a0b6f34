"""A window's bound MILP as plain arrays, made once from its solved schedule model and re-solved per seam prices.

The bound of a window (``_seams.relax_window_start``: initial state freed, state at both seams priced) differs
from its schedule model only in a few bounds, a few columns and the seam prices, which are linear objective
terms on six kinds of column (:data:`ROLES`). So the schedule task, which has the window's model built, turns
it into the bound model (pins and fixed integers undone, start freed, prices zero) and exports it once
(:func:`bound_lp_from_schedule`); every bound pass (the first one and each subgradient step) then only adds the
seams' current prices to those columns' costs and runs HiGHS (:func:`solve_bound_lp`): no model build, no PuLP.

Measured on the 14-day year case (24 h windows, same run): a bound solve through PuLP cost 0.56 s of CPU per
window and pass, of which 0.27 s building the model; from the arrays it is HiGHS's run alone.
"""

from __future__ import annotations

import pickle
import time
import zlib
from dataclasses import dataclass, replace
from typing import Any

import highspy
import numpy as np

from dcep_opt._highs import HIGHS_LOCK, ArrayLp, match_thread_scheduler, rowwise_lp
from dcep_opt._model import DispatchModel
from dcep_opt._solve import SolveOptions, configured_highs, read_outcome
from dcep_opt.studies._seams import SeamTarget, relax_window_start, seam_price_terms

#: Columns whose cost carries a seam price (``"units_start"`` / ``"units_end"`` once per fleet, suffixed).
ROLES = ("soc_start", "below_start", "soc_end", "below_end", "units_start", "units_end")


#: An LP relaxation's integer column within this of an integer counts as integral (HiGHS's own
#: ``mip_feasibility_tolerance`` default is 1e-6).
INTEGRAL_TOL = 1e-6


@dataclass(frozen=True)
class BoundLp:
    """The bound MILP of one window without seam prices, in HiGHS's sign (minimise ``sign * net value``).

    ``columns`` maps a priced role (``soc_end``, ``units_end_0``, ...) to its column; ``soc_initial_mwh``
    and ``units_initial`` are the window's given start (reported when the start is not freed).
    """

    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    starts: np.ndarray
    index: np.ndarray
    value: np.ndarray
    integer: np.ndarray  # column indices with integrality
    offset: float
    sign: float
    columns: dict[str, int]
    soc_initial_mwh: float | None
    units_initial: tuple[float, ...]

    def highs_lp(self, start: SeamTarget | None, end: SeamTarget | None, relaxed: bool = False) -> ArrayLp:
        """The model for HiGHS with the seams' prices from ``start`` and ``end`` on the priced columns.

        ``relaxed``: without integrality (the LP relaxation).
        """
        cost = self.cost.copy()
        for role, coef in seam_price_terms(start, end, len(self.units_initial)).items():
            col = self.columns.get(role)
            if col is not None:
                cost[col] += self.sign * coef
        integer = None
        if self.integer.size and not relaxed:
            flags = np.zeros(cost.size, dtype=bool)
            flags[self.integer] = True
            integer = flags
        matrix = (self.starts, self.index, self.value)
        return rowwise_lp(
            cost, self.col_lower, self.col_upper, self.row_lower, self.row_upper, matrix, integer, self.offset
        )


def bound_lp_from_schedule(
    model: DispatchModel, start: SeamTarget | None, end: SeamTarget | None, restore: list[tuple[Any, Any, Any]]
) -> BoundLp:
    """Turn a solved schedule model into its window's bound model and export it (the model is changed).

    ``restore`` lists ``(variable, lowBound, upBound)`` the schedule changed (the end pins, the integers
    fixed for the dual re-solve): they get their bounds back first. Seam prices are left out (zero).
    """
    for var, lo, hi in restore:
        var.lowBound, var.upBound = lo, hi
    unpriced = [None if s is None else _without_prices(s) for s in (start, end)]
    roles = relax_window_start(model, unpriced[0], unpriced[1])
    exported = model.highs_export()
    lp = exported.lp
    integer = [i for i, var in enumerate(exported.columns) if var.cat == "Integer"]
    inputs = model.inputs
    battery = inputs.battery
    return BoundLp(
        cost=lp.cost,
        col_lower=lp.col_lower,
        col_upper=lp.col_upper,
        row_lower=lp.row_lower,
        row_upper=lp.row_upper,
        starts=lp.start,
        index=lp.index,
        value=lp.value,
        integer=np.asarray(integer, dtype=np.int32),
        offset=lp.offset,
        sign=exported.sign,
        columns={role: var.index for role, var in roles.items()},
        soc_initial_mwh=battery.soc_initial_mwh if battery is not None else None,
        units_initial=tuple(float(f.initial_units_online) for f in inputs.fleets),
    )


def pack(bound: BoundLp) -> bytes:
    """``bound`` as compressed bytes for the trip between tasks: 483 kB -> 44 kB for a 24 h window of the
    year case (zlib level 1, about 3 ms); every bound pass ships each window's model once more."""
    return zlib.compress(pickle.dumps(bound, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(data: bytes) -> BoundLp:
    """The :class:`BoundLp` :func:`pack` made (our own bytes, from our own task)."""
    bound = pickle.loads(zlib.decompress(data))  # bytes pack() made in our own schedule task
    if not isinstance(bound, BoundLp):
        raise TypeError(f"not a packed BoundLp: {type(bound).__name__}")
    return bound


def _without_prices(seam: SeamTarget) -> SeamTarget:
    zeros = tuple(0.0 for _ in seam.unit_values_usd)
    return replace(seam, value_usd_per_mwh=0.0, unit_values_usd=zeros, floor_value_usd_per_mwh=0.0)


_STATUS = list(highspy.HighsBasisStatus.__members__.values())


def _basis_bytes(highs: Any) -> bytes | None:
    """The optimal basis of a solved LP as bytes (column then row statuses, one byte each)."""
    basis = highs.getBasis()
    if not basis.valid:
        return None
    codes = [int(x) for x in basis.col_status] + [int(x) for x in basis.row_status]
    return bytes(codes)


def _set_basis(highs: Any, data: bytes, n_col: int) -> None:
    basis = highspy.HighsBasis()
    basis.col_status = [_STATUS[c] for c in data[:n_col]]
    basis.row_status = [_STATUS[c] for c in data[n_col:]]
    basis.valid = True
    highs.setBasis(basis)


def solve_bound_lp(
    bound: BoundLp,
    start: SeamTarget | None,
    end: SeamTarget | None,
    options: SolveOptions,
    relaxed: bool = False,
    basis: bytes | None = None,
) -> dict[str, Any]:
    """HiGHS's dual bound of the window at these seam prices, and the seam states its solution chose.

    ``relaxed``: the LP relaxation's optimum instead (also a valid bound, weaker); ``"integral"`` then
    says whether its solution is integral already (then it is the MILP's optimum too), ``"basis"`` is
    its optimal basis, and ``basis`` given starts the LP from an earlier pass's (only the seam prices
    changed, so it is still primal feasible: measured 0.106 -> 0.009 s and 1,886 -> 0 iterations on a
    24 h window of the year case). The optimum does not depend on the start.
    """
    wall = time.perf_counter()
    highs = configured_highs(options)
    if not relaxed:
        # only the dual bound counts: no primal heuristics, no restart (root cuts and the tree close it).
        # 28 June days of the year case, serial, same session: 20.4 s with heuristics, 18.5 s without (15.9 s
        # with no MILP bound at all); year gap 0.293 % and 0.290 %
        highs.setOptionValue("mip_heuristic_effort", 0.0)
        highs.setOptionValue("mip_allow_restart", False)
    bound.highs_lp(start, end, relaxed).pass_to(highs)
    if relaxed and basis is not None:
        _set_basis(highs, basis, int(bound.cost.size))
    t0 = time.perf_counter()
    with HIGHS_LOCK:
        match_thread_scheduler(options.threads)
        highs.run()
    outcome = read_outcome(highs, time.perf_counter() - t0, is_mip=bound.integer.size > 0 and not relaxed)
    values = list(highs.getSolution().col_value) if outcome.has_solution else []

    def at(role: str) -> float | None:
        col = bound.columns.get(role)
        return None if col is None or not values else float(values[col])

    soc_end = at("soc_end") if values else None
    soc_start = at("soc_start")
    if values and soc_start is None:
        soc_start = bound.soc_initial_mwh
    units_end = at("units_end_0") if values else None
    units_start = at("units_start_0")
    if values and units_start is None and bound.units_initial:
        units_start = bound.units_initial[0]
    integral = not relaxed or (
        bool(values) and all(abs(values[c] - round(values[c])) <= INTEGRAL_TOL for c in bound.integer.tolist())
    )
    return {
        "bound_usd": outcome.best_bound_usd,
        "basis": _basis_bytes(highs) if relaxed and outcome.termination.value == "optimal" else None,
        "relaxed": relaxed,
        "integral": integral,
        "soc_start": soc_start if bound.soc_initial_mwh is not None else None,
        "soc_end": soc_end if bound.soc_initial_mwh is not None else None,
        "units_start": units_start if bound.units_initial else None,
        "units_end": units_end if bound.units_initial else None,
        "bound_termination": outcome.termination.value,
        "build_s": 0.0,
        "solve_s": outcome.solve_s,
        "wall_s": time.perf_counter() - wall,
    }
