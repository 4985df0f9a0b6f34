"""The ride-through floor: a hard limit for market dispatch, drawn only in an emergency.

Families (all keyed (t,)):
    ``bess-floor``: soc[t] + below[t] >= floor (without ``below``, where no draw can happen: soc >= floor).
    ``bess-below-floor`` (var): MWh below the floor at the end of t, EXACTLY ``max(0, floor - soc[t])``:
        ``bess-below-mode`` (var, binary y) with rows ``bess-below-mode`` ("on", t): below <= room * y
        and ("exact", t): soc + below <= floor + (soc_max - floor) * (1 - y). With y = 1 below is the
        gap to the floor; with y = 0 below is 0 and SOC is at or above the floor.
    ``bess-floor-draw`` (var and row): MWh drawn below the floor in t, >= below[t] - below[t-1]; paid at
        ``floor_use_penalty_usd_per_mwh`` per MWh every time it is drawn (a refilled floor drawn again
        pays again, because ``below`` follows SOC exactly).
    ``bess-floor-emergency``: below[t] - below[t-1] <= critical_deficit[t] * h / eta_dis. The deficit
        (:meth:`DispatchInputs.critical_deficit_mw`) is critical demand the import cap and every
        generator that can be running cannot serve: outside such intervals the floor is not drawn at
        all; inside them only the energy the deficit needs.
    ``bess-floor-no-export``: export <= max_export * (1 - y): no export while below the floor.
Reserve backing (``reserve-energy-up*``) and N+k deliverable power (``n1-deliverable-energy*``) count
only energy above the floor: they see ``soc + below = max(soc, floor)`` (:func:`soc_or_floor_terms`),
which is exact because ``below`` is, so floor energy never backs an award or N+k.

Binaries are made only where SOC can be below the floor: from the first emergency interval (or from
t = 0 when the battery starts below its floor) to the end. Elsewhere ``bess-floor`` is the plain bound.
"""

from __future__ import annotations

import numpy as np
import pulp

from dcep_opt._model import DispatchModel

Terms = list[tuple[pulp.LpVariable, float]]


def soc_or_floor_terms(m: DispatchModel, t: int) -> tuple[Terms, float]:
    """``max(soc, floor)`` at the END of interval t as (terms, constant), MWh; t = -1 is the initial SOC.

    ``energy above the floor = terms + constant - floor`` is then >= 0 and never counts floor energy.
    """
    b = m.inputs.battery
    assert b is not None
    if t < 0:
        return [], max(b.soc_initial_mwh, b.floor_mwh)
    v = m.index.variables
    terms: Terms = [(v["bess-soc"][(t,)], 1.0)]
    below = v.get("bess-below-floor", {}).get((t,))
    if below is not None:
        terms.append((below, 1.0))
    return terms, 0.0


def floor_binary_start(m: DispatchModel) -> int | None:
    """First interval where SOC may be below the floor (None: nowhere, the floor is a plain bound)."""
    b = m.inputs.battery
    assert b is not None
    if b.soc_initial_mwh < b.floor_mwh - 1e-9:
        return 0
    if not m.options.emergency_floor:
        return None
    emergencies = np.flatnonzero(m.inputs.critical_deficit_mw() > 1e-9)
    return int(emergencies[0]) if emergencies.size else None


def define_floor(m: DispatchModel) -> None:
    """The floor rows and, where an emergency can happen, the exact below-floor bookkeeping."""
    b = m.inputs.battery
    assert b is not None
    v = m.index.variables
    soc = v["bess-soc"]
    first = floor_binary_start(m)
    room = max(b.floor_mwh - b.soc_min_mwh, 0.0)
    plain = m.n if first is None or room <= 0 else min(first, m.n)  # intervals held by the plain floor row
    socs = [soc[(t,)] for t in range(plain)]
    m.add_rows_each_interval(range(plain), (socs,), [("bess-floor", (), ((0, 1.0),), ">=", b.floor_mwh)])
    if plain == m.n:
        return
    deficit = m.inputs.critical_deficit_mw()
    below_prev: float | object = max(b.floor_mwh - b.soc_initial_mwh, 0.0) if first == 0 else 0.0
    export = v.get("grid-export", {})
    for t in range(plain, m.n):
        below = m.add_var("bess-below-floor", (t,), 0.0, room)
        y = m.add_var("bess-below-mode", (t,), 0.0, 1.0, integer=True)
        draw = m.add_var("bess-floor-draw", (t,), 0.0, None)
        m.add_objective(draw, -m.inputs.floor_use_penalty_usd_per_mwh)
        m.add_con("bess-floor", (t,), [(soc[(t,)], 1.0), (below, 1.0)], ">=", b.floor_mwh)
        m.add_con("bess-below-mode", ("on", t), [(below, 1.0), (y, -room)], "<=", 0.0)
        span = max(b.soc_max_mwh - b.floor_mwh, 0.0)
        m.add_con(
            "bess-below-mode", ("exact", t), [(soc[(t,)], 1.0), (below, 1.0), (y, span)], "<=", b.floor_mwh + span
        )
        step = [(below, 1.0)]
        rhs_prev = 0.0
        if isinstance(below_prev, float):
            rhs_prev = below_prev
        else:
            step.append((below_prev, -1.0))  # type: ignore[arg-type]
        m.add_con("bess-floor-draw", (t,), [(draw, 1.0), *[(var, -c) for var, c in step]], ">=", -rhs_prev)
        allowance = float(deficit[t]) * m.h / b.discharge_efficiency
        m.add_con("bess-floor-emergency", (t,), step, "<=", allowance + rhs_prev)
        exp = export.get((t,))
        if exp is not None and m.inputs.grid.max_export_mw > 0:
            m.add_con(
                "bess-floor-no-export",
                (t,),
                [(exp, 1.0), (y, m.inputs.grid.max_export_mw)],
                "<=",
                m.inputs.grid.max_export_mw,
            )
        below_prev = below
