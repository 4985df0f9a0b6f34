"""Loads (shedding, unserved critical load) and the active-power balance at the MV bus.

Families:
    ``load-shed`` (load, t): MW of a non-critical or curtailable load not served, at its cost.
    ``load-unserved`` (t): MW of critical load not served, at VoLL.
    ``balance`` (t): import - export + discharge - charge + generation + shed + unserved = demand.
"""

from __future__ import annotations

import numpy as np
import pulp

from dcep_opt._model import DispatchModel


def define_load_variables(m: DispatchModel) -> None:
    """Shedding of every sheddable load and unserved critical load, with their costs."""
    inp, h = m.inputs, m.h
    crit = inp.critical_demand_mw
    intervals = range(m.n)
    for var in m.add_vars("load-unserved", [(t,) for t in intervals], 0.0, [float(c) for c in crit]):
        m.add_objective(var, -inp.voll_usd_per_mwh * h)
    for load in inp.loads:
        if load.kind == "critical" or load.max_shed_frac <= 0:
            continue
        caps = (load.max_shed_frac * np.asarray(load.demand_mw, dtype=float)).tolist()
        for var in m.add_vars("load-shed", [(load.name, t) for t in intervals], 0.0, caps):
            m.add_objective(var, -load.shed_cost_usd_per_mwh * h)


def define_balance(m: DispatchModel) -> None:
    """Active-power balance every interval (family ``balance``)."""
    demand = m.inputs.total_demand_mw
    shed_by_t: dict[int, list[pulp.LpVariable]] = {}
    for (_name, t), var in m.index.variables.get("load-shed", {}).items():
        shed_by_t.setdefault(int(t), []).append(var)  # type: ignore[call-overload]
    idx = m.index
    for t in range(m.n):
        terms: list[tuple[pulp.LpVariable, float]] = []
        for fam, sign in (("grid-import", 1.0), ("grid-export", -1.0), ("bess-discharge", 1.0), ("bess-charge", -1.0)):
            var = idx.var(fam, t)
            if var is not None:
                terms.append((var, sign))
        for fleet in m.inputs.fleets:
            terms.append((idx.variables["gen-p"][(fleet.name, t)], 1.0))
        terms.append((idx.variables["load-unserved"][(t,)], 1.0))
        terms.extend((v, 1.0) for v in shed_by_t.get(t, []))
        m.add_con("balance", (t,), terms, "==", float(demand[t]))
