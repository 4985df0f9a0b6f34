"""Window seams of a parallel-in-time dispatch: the pilot that sets them and the model edits that use them.

A *seam* is the instant between two windows. Each seam carries a :class:`SeamTarget`: the battery's
stored energy there (MWh), the units online in each fleet, and the value of one more MWh stored there
(USD/MWh, the Lagrange multiplier of the SOC continuity row the windows no longer share).

* The pilot (:func:`pilot_seams`) solves the LP relaxation of a horizon around some consecutive seams,
  starting from the case's initial state far enough before the first for that start to matter little,
  and reads the SOC, the units (rounded) and the duals of the SOC and commitment rows at each seam.
  Those duals are the seams' prices: the LP's own multipliers, which measured tighter bounds than the
  windows' fixed-commitment duals (see ``_year``).
* :func:`pin_window_end` makes a window END exactly at the next seam's target in a *settled* state:
  SOC equal to the target, units equal to the target, and no start (stop) in its last min-up
  (min-down, start-time) intervals, so the next window may start from the target with no history.
  The stitched schedule is then feasible for the full-horizon model, min up/down included.
* :func:`relax_window_start` frees a window's initial SOC (and the floor energy drawn before it) and
  its initial units, and prices the SOC at both ends at the seams' values: the window's optimum is
  then one term of a Lagrangian relaxation of the whole horizon, whose sum over windows bounds the
  full-horizon optimum from above for ANY seam values (weak duality).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pulp

from dcep_opt._build import build_model
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import DispatchModel
from dcep_opt._solve import SolveOptions, solve_model


@dataclass(frozen=True)
class SeamTarget:
    """State and value at a seam: SOC (MWh, None without a battery), units per fleet, and their values.

    ``value_usd_per_mwh``: one more MWh stored at the seam; ``unit_values_usd``: one more unit online
    there, per fleet (both duals of the pilot LP's continuity rows, net-value sign);
    ``floor_value_usd_per_mwh``: one more MWh already drawn below the ride-through floor at the seam
    (the penalty is paid once per draw, so a horizon of K windows amortises it: see ``_year``).
    """

    soc_mwh: float | None
    units: tuple[int, ...]
    value_usd_per_mwh: float
    unit_values_usd: tuple[float, ...] = ()
    floor_value_usd_per_mwh: float = 0.0


def pilot_seams(task: tuple[DispatchInputs, tuple[int, ...], SolveOptions]) -> list[SeamTarget]:
    """LP relaxation of ``inputs`` (a horizon around some seams); a seam is before each interval of ``ats``.

    One LP serves several consecutive seams (``_year`` groups them): its cost grows about linearly with
    its length, so a week's LP sets seven seams for the price of four two-day LPs, and a seam inside it
    sees more of its future and its past than one at the centre of two days.

    Raises:
        RuntimeError: the LP has no optimal solution (its seams then have no target).
    """
    inputs, ats, options = task
    model = build_model(inputs).model
    outcome = solve_model(model, options, as_lp=True)
    if outcome.termination.value != "optimal":
        raise RuntimeError(
            f"pilot LP of {inputs.n_intervals} intervals around seams {list(ats)}: "
            f"{outcome.status.value} ({outcome.termination.value})"
        )
    return [_seam_at(model, at) for at in ats]


def _seam_at(model: DispatchModel, at: int) -> SeamTarget:
    """The seam before interval ``at`` of a solved pilot LP: SOC, units (rounded) and the duals there."""
    inputs = model.inputs
    v = model.index.variables
    soc = value = None
    if inputs.battery is not None:
        soc = float(v["bess-soc"][(at - 1,)].varValue)
        # HiGHS minimises -net value: d(net value)/d(rhs of the SOC row at the seam) = -dual
        pi = model.row_dual("bess-soc", (at,))
        value = -float(pi) if pi is not None else 0.0
    units = tuple(round(float(v["gen-units"][(f.name, at - 1)].varValue)) for f in inputs.fleets)
    unit_pis = [model.row_dual("gen-commit", (f.name, at)) for f in inputs.fleets]
    unit_values = tuple(-float(pi) if pi is not None else 0.0 for pi in unit_pis)
    if soc is not None:
        b = inputs.battery
        assert b is not None
        soc = min(max(soc, b.soc_min_mwh), b.soc_max_mwh)
    return SeamTarget(soc, units, value or 0.0, unit_values)


def settle_intervals(fleet_min_up: int, fleet_min_down: int, start_intervals: int) -> tuple[int, int]:
    """Intervals at a window's end with no start, and with no stop, for the seam to carry no history."""
    return max(fleet_min_up, start_intervals, 1) - 1, max(fleet_min_down, 1) - 1


def pin_window_end(model: DispatchModel, end: SeamTarget) -> list[tuple[pulp.LpVariable, float | None, float | None]]:
    """Make the window end at ``end`` in a settled state (see the module docstring). Edits bounds only.

    Returns ``(variable, lowBound, upBound)`` as they were before, to undo the pins.
    """
    inputs = model.inputs
    n = inputs.n_intervals
    v = model.index.variables
    before: list[tuple[pulp.LpVariable, float | None, float | None]] = []

    def pin(var: pulp.LpVariable, lo: float | None, hi: float | None) -> None:
        before.append((var, var.lowBound, var.upBound))
        var.lowBound, var.upBound = lo, hi

    if inputs.battery is not None and end.soc_mwh is not None:
        pin(v["bess-soc"][(n - 1,)], end.soc_mwh, end.soc_mwh)
    for f, units in zip(inputs.fleets, end.units, strict=True):
        pin(v["gen-units"][(f.name, n - 1)], float(units), float(units))
        no_start, no_stop = settle_intervals(f.min_up_intervals, f.min_down_intervals, f.start_intervals)
        for t in range(max(0, n - no_start), n):
            var = v["gen-start"][(f.name, t)]
            pin(var, var.lowBound, 0.0)
        for t in range(max(0, n - no_stop), n):
            var = v["gen-stop"][(f.name, t)]
            pin(var, var.lowBound, 0.0)
    return before


def seam_price_terms(start: SeamTarget | None, end: SeamTarget | None, n_fleets: int) -> dict[str, float]:
    """Objective coefficients (net value, USD per unit of the column) the seams' prices put on a window's columns.

    Roles: ``soc_start`` / ``below_start`` / ``units_start_{i}`` (the freed initial state, paid for at the
    start seam's values) and ``soc_end`` / ``below_end`` / ``units_end_{i}`` (the final state, worth the end
    seam's values). ``start`` None: nothing at the start; ``end`` None: nothing at the end.
    """
    terms: dict[str, float] = {}
    if start is not None:
        terms["soc_start"] = -start.value_usd_per_mwh
        terms["below_start"] = -start.floor_value_usd_per_mwh
        for i, value in enumerate(start.unit_values_usd[:n_fleets]):
            terms[f"units_start_{i}"] = -value
    if end is not None:
        terms["soc_end"] = end.value_usd_per_mwh
        terms["below_end"] = end.floor_value_usd_per_mwh
        for i, value in enumerate(end.unit_values_usd[:n_fleets]):
            terms[f"units_end_{i}"] = value
    return terms


def relax_window_start(
    model: DispatchModel, start: SeamTarget | None, end: SeamTarget | None
) -> dict[str, pulp.LpVariable]:
    """Free the initial SOC, floor draw and units (``start`` not None) and price the state at both seams.

    Objective (net value) gains ``end.value * soc[n-1] + sum(end.unit_value * units[n-1])`` minus the
    same at the start for the freed initial state (:func:`seam_price_terms`). ``start`` None: the start
    is the case's own (kept fixed); ``end`` None: the end is the case's own (not priced). Returns the
    seam columns by role (``soc_start``, ``below_start``, ``units_start_{i}`` when freed; ``soc_end``,
    ``below_end`` where it exists, ``units_end_{i}``).
    """
    inputs = model.inputs
    n = inputs.n_intervals
    v = model.index.variables
    roles: dict[str, pulp.LpVariable] = {}
    b = inputs.battery
    if b is not None:
        if start is not None:
            s0 = model.new_column("seam_soc_start", b.soc_min_mwh, b.soc_max_mwh)
            room = max(b.floor_mwh - b.soc_min_mwh, 0.0)
            below0 = model.new_column("seam_below_floor_start", 0.0, room)
            roles["soc_start"], roles["below_start"] = s0, below0
            # rows whose right-hand side holds soc_initial (coefficient), rebuilt around the variable
            for family, coef, below_coef in (
                ("bess-soc", 1.0, 0.0),
                ("reserve-energy-up-start", 1.0, 1.0),
                ("reserve-energy-down-start", -1.0, 0.0),
            ):
                moved = [(s0, -coef)] + ([(below0, -below_coef)] if below_coef else [])
                model.shift_row(family, (0,), moved, -coef * b.soc_initial_mwh)
            model.shift_row("bess-floor-draw", (0,), [(below0, 1.0)], 0.0)  # draw[0] >= below[0] - below[-1]
        roles["soc_end"] = v["bess-soc"][(n - 1,)]
        # below-floor exists only where SOC can be below the floor (emergency intervals on): else it is 0
        below_end = v.get("bess-below-floor", {}).get((n - 1,))
        if below_end is not None:
            roles["below_end"] = below_end
    for i, f in enumerate(inputs.fleets):
        if start is not None:
            u0 = model.new_column(f"seam_units_start_{i}", 0.0, float(f.count))
            roles[f"units_start_{i}"] = u0
            if not model.shift_row("gen-commit", (f.name, 0), [(u0, -1.0)], -float(f.initial_units_online)):
                raise KeyError(("gen-commit", (f.name, 0)))
        roles[f"units_end_{i}"] = v["gen-units"][(f.name, n - 1)]
    objective = model.objective
    for role, coef in seam_price_terms(start, end, len(inputs.fleets)).items():
        var = roles.get(role)
        if var is not None:
            objective[var] = objective.get(var, 0.0) + coef
    return roles


def with_start(inputs: DispatchInputs, start: SeamTarget | None) -> DispatchInputs:
    """``inputs`` starting from ``start`` (SOC and units online); unchanged when ``start`` is None."""
    if start is None:
        return inputs
    battery = inputs.battery
    if battery is not None and start.soc_mwh is not None:
        battery = replace(battery, soc_initial_mwh=start.soc_mwh)
    fleets = tuple(replace(f, initial_units_online=u) for f, u in zip(inputs.fleets, start.units, strict=True))
    return replace(inputs, battery=battery, fleets=fleets)
