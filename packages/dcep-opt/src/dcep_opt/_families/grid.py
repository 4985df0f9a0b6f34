"""The grid connection: POI caps, import/export exclusivity, apparent power, power factor, Q balance.

Families:
    ``grid-import`` / ``grid-export`` (t): MW at the POI, bounded by the POI caps.
    ``grid-q`` (t): MVAr drawn from the grid (positive = import of reactive power).
    ``grid-dir`` (t) binary and ``grid-excl`` ("import"|"export", t): no simultaneous import and export.
    ``balance-q`` (t): reactive balance at the MV bus (load Q after shedding = grid + BESS + generators).
    ``xfmr-s`` (t) MVA and rows ``xfmr-s`` (face, t): an over-estimate of the MV-side apparent power,
        ``S >= ((import + export) cos(th) + Q_grid sin(th)) / cos(pi / sides)`` for the faces around
        the +P axis (the point lies inside the PF cone, so the nearest face is among them).
    ``xfmr-q-loss`` (t) MVAr and rows ``xfmr-q-loss`` (j, t): the transformers' reactive loss, above
        lifted tangents of ``c * S**2`` (see dcep_topology.linear); only with a loss coefficient.
    The transformers' active (copper) loss is the same current squared: ``P_loss = k * Q_loss`` with
        ``k = c_p / c_q`` (both at v_min; see ``transformer_p_loss_coefficient``), no extra variable.
    ``poi-import-meter`` (t): the import cap at the POI bus (the meter): ``import + k * Q_loss <= cap``
        (only with a loss or an AC margin; the variable bound ``poi-import`` holds the MV side anyway).
    ``poi-export-meter`` (t): the export cap less the AC loop's margin (only with one).
    ``poi-mva`` or ``xfmr-mva`` (face, t): the inscribed polygon of the smaller of the POI rating and
        the transformers' limit (firm rating * v_min: loading is a current) on the grid exchange;
        named after the element that sets it. Faces with a positive Q coefficient see the HV side
        (``Q_grid + Q_loss``), faces with a positive P coefficient the HV import (``+ k * Q_loss``),
        the others the MV side: the larger of the two in each case.
    ``poi-pf`` ("up"|"dn", t): Q at the POI inside the cone, ``Q_grid + Q_loss + r*k*Q_loss <= r *
        (import + export)`` and ``-Q_grid + r*k*Q_loss <= r * (import + export)``. The meter's P is
        ``import + P_loss`` or ``export - P_loss``: the ``r * P_loss`` term covers export (and costs
        import that much margin); Q_loss only helps the leading side, so it is left out there.
    AC margins (``ModelOptions.ac_margins``, from the runner's AC loop): reductions of the
        import/export caps (MW), the polygon (MVA) and the PF ratio where the AC screen found the
        linear model short (see dcep_opt._acmargins).

Every loss term enters ``<=`` rows with a positive coefficient, so inflating ``Q_loss`` can only
tighten the model. ``Q_grid`` (column ``grid_q_mvar``) stays the MV-side reactive exchange of the
lossless balance.

Why the import/export binary is only placed on some intervals: simultaneous import and export of the
same MW nets out in the balance and pays ``import_adder`` (>= 0) for nothing, so the only way it can
help is to loosen the PF cone (whose right-hand side uses import + export). The runner therefore
solves with binaries only on ``ModelOptions.grid_dir_intervals`` and adds one wherever the solution
shows both flows at once, then re-solves; the result is exact (see dcep_opt._runner).
"""

from __future__ import annotations

import math

import numpy as np
import pulp

from dcep_opt._acmargins import AcMargins
from dcep_opt._inputs import GridInputs
from dcep_opt._model import DispatchModel, RowPattern
from dcep_topology.linear import binding_faces, loss_s_faces, loss_tangents, mva_polygon, pf_q_limit_ratio

#: Tangent points of the transformer loss (lift c*d**2/4: 0.03 MVAr on the default case).
LOSS_TANGENTS = 6


def define_grid_variables(m: DispatchModel) -> None:
    """Import, export and reactive power at the POI, with energy prices in the objective."""
    inp, h = m.inputs, m.h
    g = inp.grid
    keys = [(t,) for t in range(m.n)]
    imports = m.add_vars("grid-import", keys, 0.0, g.max_import_mw)
    exports = m.add_vars("grid-export", keys, 0.0, g.max_export_mw)
    m.add_vars("grid-q", keys, None, None)
    prices = np.asarray(inp.energy_price_usd_per_mwh, dtype=float).tolist()
    adders = np.asarray(inp.import_adder_usd_per_mwh, dtype=float).tolist()
    for imp, exp, price, adder in zip(imports, exports, prices, adders, strict=True):
        m.add_objective(imp, -(price + adder) * h)
        m.add_objective(exp, price * h)


def define_grid(m: DispatchModel) -> None:
    """Reactive balance, apparent-power polygon, PF cone and import/export exclusivity."""
    inp = m.inputs
    g = inp.grid
    idx = m.index
    q_ratio_by_load = {load.name: load.q_ratio for load in inp.loads}
    q_demand = np.zeros(m.n)
    for load in inp.loads:
        q_demand = q_demand + load.demand_mw * load.q_ratio
    crit_ratio = inp.critical_q_ratio
    shed = idx.variables.get("load-shed", {})
    for t in range(m.n):
        terms: list[tuple[pulp.LpVariable, float]] = [(idx.variables["grid-q"][(t,)], 1.0)]
        bq = idx.var("bess-q", t)
        if bq is not None:
            terms.append((bq, 1.0))
        for fleet in inp.fleets:
            terms.append((idx.variables["gen-q"][(fleet.name, t)], 1.0))
        # shed or unserved load no longer draws its reactive power
        terms.append((idx.variables["load-unserved"][(t,)], crit_ratio))
        for load in inp.loads:
            var = shed.get((load.name, t))
            if var is not None:
                terms.append((var, q_ratio_by_load[load.name]))
        m.add_con("balance-q", (t,), terms, "==", float(q_demand[t]))

    loss = _define_transformer_loss(m)
    k_p = p_loss_per_q_loss(g)
    margins = m.options.ac_margins or AcMargins()
    rows = mva_polygon(g.limit_mva, inp.polygon_sides)
    family = g.limit_family
    faces = binding_faces(rows, g.min_power_factor if m.options.prune_polygon_faces else None)
    imp, exp, q = ([idx.variables[f][(t,)] for t in range(m.n)] for f in ("grid-import", "grid-export", "grid-q"))
    slots = (imp, exp, q) if loss is None else (imp, exp, q, loss)
    q_loss = 3 if loss is not None else None  # the loss's slot
    pattern: list[RowPattern] = []  # every interval's rows, in this order
    for k in faces:
        a_p, a_q, rhs = rows[k]
        terms = [(0, a_p), (1, -a_p), (2, a_q)]
        if q_loss is not None:
            terms.append((q_loss, max(a_q, 0.0) + k_p * max(a_p, 0.0)))
        pattern.append((family, (k,), terms, "<=", max(rhs - margins.s_mva, 0.0)))
    if (q_loss is not None and k_p > 0) or margins.import_mw > 0:
        meter = [(0, 1.0)] + ([(q_loss, k_p)] if q_loss is not None and k_p > 0 else [])
        pattern.append(("poi-import-meter", (), meter, "<=", max(g.max_import_mw - margins.import_mw, 0.0)))
    if margins.export_mw > 0:
        pattern.append(("poi-export-meter", (), [(1, 1.0)], "<=", max(g.max_export_mw - margins.export_mw, 0.0)))
    if g.min_power_factor is not None:
        r = max(pf_q_limit_ratio(g.min_power_factor) - margins.pf_ratio, 0.0)
        up = [(2, 1.0), (0, -r), (1, -r)]
        dn = [(2, -1.0), (0, -r), (1, -r)]
        if q_loss is not None:
            up.append((q_loss, 1.0 + r * k_p))
            if k_p > 0:
                dn.append((q_loss, r * k_p))
        pattern.append(("poi-pf", ("up",), up, "<=", 0.0))
        pattern.append(("poi-pf", ("dn",), dn, "<=", 0.0))
    # the exclusivity rows follow their interval's rows: the pattern runs up to each such interval
    run_start = 0
    for excl in [*sorted(i for i in m.options.grid_dir_intervals if 0 <= i < m.n), None]:
        stop = m.n if excl is None else excl + 1
        m.add_rows_each_interval(range(run_start, stop), slots, pattern)
        run_start = stop
        if excl is not None:
            y = m.add_var("grid-dir", (excl,), 0.0, 1.0, integer=True)
            m.add_con("grid-excl", ("import", excl), [(imp[excl], 1.0), (y, -g.max_import_mw)], "<=", 0.0)
            m.add_con("grid-excl", ("export", excl), [(exp[excl], 1.0), (y, g.max_export_mw)], "<=", g.max_export_mw)


def p_loss_per_q_loss(grid: GridInputs) -> float:
    """``k = c_p / c_q``: MW of transformer copper loss per MVAr of its reactive loss (same current)."""
    c_q = grid.transformer_q_loss_mvar_per_mva2
    return grid.transformer_p_loss_mw_per_mva2 / c_q if c_q > 0 else 0.0


def _define_transformer_loss(m: DispatchModel) -> list[pulp.LpVariable] | None:
    """``xfmr-s`` and ``xfmr-q-loss``; None when the inputs give no loss coefficient."""
    g = m.inputs.grid
    coef = g.transformer_q_loss_mvar_per_mva2
    if coef <= 0 or g.transformer_firm_mva is None:
        return None
    sides = m.inputs.polygon_sides
    cos_n = math.cos(math.pi / sides)
    faces = loss_s_faces(sides, g.min_power_factor)
    tangents = loss_tangents(coef, g.limit_mva / cos_n, LOSS_TANGENTS)
    v = m.index.variables
    imp, exp, q = ([v[f][(t,)] for t in range(m.n)] for f in ("grid-import", "grid-export", "grid-q"))
    keys = [(t,) for t in range(m.n)]
    s = m.add_vars("xfmr-s", keys, 0.0, None)
    q_loss = m.add_vars("xfmr-q-loss", keys, 0.0, None)
    pattern: list[RowPattern] = []  # slots: import, export, Q, S, Q loss
    for k, theta in faces:
        c_p, c_q = _clean(math.cos(theta)), _clean(math.sin(theta))
        pattern.append(("xfmr-s", (k,), ((0, c_p), (1, c_p), (2, c_q), (3, -cos_n)), "<=", 0.0))
    for j, (slope, intercept) in enumerate(tangents):
        pattern.append(("xfmr-q-loss", (j,), ((4, 1.0), (3, -slope)), ">=", intercept))
    m.add_rows_each_interval(range(m.n), (imp, exp, q, s, q_loss), pattern)
    return q_loss


def _clean(x: float) -> float:
    return 0.0 if abs(x) < 1e-15 else x
