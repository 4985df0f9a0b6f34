"""The grid connection: POI caps, import/export exclusivity, apparent power, power factor, Q balance.

Families:
    ``grid-import`` / ``grid-export`` (t): MW at the POI, bounded by the POI caps.
    ``grid-q`` (t): MVAr drawn from the grid (positive = import of reactive power).
    ``grid-dir`` (t) binary and ``grid-excl`` ("import"|"export", t): no simultaneous import and export.
    ``balance-q`` (t): reactive balance at the MV bus (load Q after shedding = grid + BESS + generators).
    ``poi-mva`` or ``xfmr-mva`` (face, t): the inscribed polygon of the smaller of the POI rating and
        the transformers' firm rating on (P_grid, Q_grid); named after the element that sets it.
    ``poi-pf`` ("up"|"dn", t): |Q_grid| <= tan(acos(pf_min)) * (import + export).

Why the import/export binary is only placed on some intervals: simultaneous import and export of the
same MW nets out in the balance and pays ``import_adder`` (>= 0) for nothing, so the only way it can
help is to loosen the PF cone (whose right-hand side uses import + export). The runner therefore
solves with binaries only on ``ModelOptions.grid_dir_intervals`` and adds one wherever the solution
shows both flows at once, then re-solves; the result is exact (see dcep_opt.runner).
"""

from __future__ import annotations

import math

import numpy as np
import pulp

from dcep_opt.model import DispatchModel
from dcep_opt.polygon import Row, row_angle
from dcep_topology.linear import mva_polygon, pf_q_limit_ratio


def define_grid_variables(m: DispatchModel) -> None:
    """Import, export and reactive power at the POI, with energy prices in the objective."""
    inp, h = m.inputs, m.h
    g = inp.grid
    for t in range(m.n):
        imp = m.add_var("grid-import", (t,), 0.0, g.max_import_mw)
        exp = m.add_var("grid-export", (t,), 0.0, g.max_export_mw)
        m.add_var("grid-q", (t,), None, None)
        price = float(inp.energy_price_usd_per_mwh[t])
        m.add_objective(imp, -(price + float(inp.import_adder_usd_per_mwh[t])) * h)
        m.add_objective(exp, price * h)


def _polygon_faces(rows: list[Row], pf_min: float | None) -> list[int]:
    """Polygon faces that can bind. With a PF cone of half-angle acos(pf) around the P axis, a point
    at angle phi is cut first by the face whose normal is nearest phi (within pi/sides), so faces
    whose normals are further than acos(pf) + pi/sides from the +-P axis are redundant."""
    if pf_min is None:
        return list(range(len(rows)))
    limit = math.acos(pf_min) + math.pi / len(rows) + 1e-9
    keep = []
    for k, row in enumerate(rows):
        theta = row_angle(row)
        off_pos = abs(math.remainder(theta, 2.0 * math.pi))
        off_neg = abs(math.remainder(theta - math.pi, 2.0 * math.pi))
        if min(off_pos, off_neg) <= limit:
            keep.append(k)
    return keep


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

    rating = g.poi_mva
    family = "poi-mva"
    if g.transformer_firm_mva is not None and g.transformer_firm_mva < g.poi_mva:
        rating, family = g.transformer_firm_mva, "xfmr-mva"
    rows = mva_polygon(rating, inp.polygon_sides)
    faces = _polygon_faces(rows, g.min_power_factor if m.options.prune_polygon_faces else None)
    for t in range(m.n):
        imp, exp, q = (idx.variables[f][(t,)] for f in ("grid-import", "grid-export", "grid-q"))
        for k in faces:
            a_p, a_q, rhs = rows[k]
            m.add_con(family, (k, t), [(imp, a_p), (exp, -a_p), (q, a_q)], "<=", rhs)
        if g.min_power_factor is not None:
            r = pf_q_limit_ratio(g.min_power_factor)
            m.add_con("poi-pf", ("up", t), [(q, 1.0), (imp, -r), (exp, -r)], "<=", 0.0)
            m.add_con("poi-pf", ("dn", t), [(q, -1.0), (imp, -r), (exp, -r)], "<=", 0.0)
        if t in m.options.grid_dir_intervals:
            y = m.add_var("grid-dir", (t,), 0.0, 1.0, integer=True)
            m.add_con("grid-excl", ("import", t), [(imp, 1.0), (y, -g.max_import_mw)], "<=", 0.0)
            m.add_con("grid-excl", ("export", t), [(exp, 1.0), (y, g.max_export_mw)], "<=", g.max_export_mw)
