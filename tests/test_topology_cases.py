"""dcep-topology on the repository's cases: the case network, and the MVA limit proven necessary.

The dispatch here is a small independent LP (scipy/HiGHS), not dcep-opt: a battery arbitrage over the
ERCOT 50 MW case's day with its POI import limit. Dropping the MVA limit lets the LP import at the
60 MW cap with the load's reactive power on top, which the AC screen shows overloads a 60 MVA
transformer; adding the inscribed polygon (dcep_topology.mva_polygon) removes the overload.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog
from scipy.sparse import lil_matrix, vstack

from dcep_models import Transformer, load_case, load_profile_mw
from dcep_topology import mva_polygon, network_from_case, run_powerflow, screen_schedule, spec_from_case

CASES = Path(__file__).resolve().parents[1] / "cases"


def _case_q_mvar(case) -> np.ndarray:
    return sum(
        np.array(load_profile_mw(load, case.time)) * math.tan(math.acos(load.power_factor))
        for load in case.resources.loads
    )


def test_ercot_case_network() -> None:
    case = load_case(CASES / "ercot_50mw.json")
    spec = spec_from_case(case)
    q = 25 * math.tan(math.acos(0.97)) + 10 * math.tan(math.acos(0.90)) + 15 * math.tan(math.acos(0.95))
    assert spec.load_mw == 50.0
    assert spec.load_q_mvar == pytest.approx(q)  # 16.04 MVAr
    assert spec.transformer_firm_mva == 80.0 and spec.transformer_installed_mva == 160.0
    net = run_powerflow(network_from_case(case))
    assert int(net.trafo.parallel.iloc[0]) == 2
    # Two 80 MVA units carry |S| / V of 160 MVA.
    s_mv = math.hypot(50.0, q)
    vm_mv = float(net.res_bus.vm_pu[net.bus.name == "mv"].iloc[0])
    assert float(net.res_trafo.loading_percent.iloc[0]) == pytest.approx(s_mv / vm_mv / 160 * 100, rel=1e-6)
    # Grid strength 5000 MVA: the POI sags a little, far less than the transformer drop.
    vm_poi = float(net.res_bus.vm_pu[net.bus.name == "poi"].iloc[0])
    assert 0.995 < vm_poi < 1.0 and vm_mv < vm_poi - 0.005


def _arbitrage_lp(case, load_p, load_q, price, mva_rows):
    """min sum(price * grid_p * dt) s.t. import cap, BESS limits and SOC; optional MVA rows on (grid P, Q).

    Grid P and Q are the lossless balance at the MV bus (load - BESS), as a planning LP sees them.
    """
    b = case.resources.bess
    n, dt = len(load_p), case.time.interval_hours
    # discharge, charge, bess Q supplied, bess Q absorbed, SOC (MWh)
    d, c, qp, qn, s = (np.arange(n) + k * n for k in range(5))
    nv = 5 * n
    rhs = []
    pcs = mva_polygon(b.pcs_rating_mva)
    blocks = []
    for t in range(n):
        r = lil_matrix((1 + len(pcs) + len(mva_rows), nv))
        # import: load - d + c <= max_import
        r[0, d[t]], r[0, c[t]] = -1, 1
        rhs.append(case.topology.poi.max_import_mw - load_p[t])
        for k, (ap, aq, lim) in enumerate(pcs):  # PCS circle on (d - c, q)
            r[1 + k, d[t]], r[1 + k, c[t]], r[1 + k, qp[t]], r[1 + k, qn[t]] = ap, -ap, aq, -aq
            rhs.append(lim)
        for k, (ap, aq, lim) in enumerate(mva_rows):  # grid (P, Q) = (load - d + c, load_q - q)
            i = 1 + len(pcs) + k
            r[i, d[t]], r[i, c[t]], r[i, qp[t]], r[i, qn[t]] = -ap, ap, -aq, aq
            rhs.append(lim - ap * load_p[t] - aq * load_q[t])
        blocks.append(r)
    a = vstack(blocks).tocsr()
    eq = lil_matrix((n, nv))
    beq = np.zeros(n)
    for t in range(n):  # soc_t = soc_{t-1} + c eta dt - d / eta dt
        eq[t, s[t]] = 1
        eq[t, c[t]] = -b.charge_efficiency * dt
        eq[t, d[t]] = dt / b.discharge_efficiency
        if t:
            eq[t, s[t - 1]] = -1
        else:
            beq[t] = b.soc_initial_frac * b.energy_mwh
    cost = np.zeros(nv)
    cost[d] = -price * dt + b.degradation_cost_usd_per_mwh * dt
    cost[c] = price * dt
    cost[qp] = cost[qn] = 0.01 * dt  # reactive output only where a limit needs it
    bounds = [(0, b.power_mw)] * n * 2 + [(0, b.pcs_rating_mva)] * n * 2
    bounds += [(b.soc_min_frac * b.energy_mwh, b.soc_max_frac * b.energy_mwh)] * (n - 1)
    bounds += [(b.soc_initial_frac * b.energy_mwh, b.soc_max_frac * b.energy_mwh)]  # end at least where it began
    res = linprog(cost, A_ub=a, b_ub=np.array(rhs), A_eq=eq.tocsr(), b_eq=beq, bounds=bounds, method="highs")
    assert res.status == 0, res.message
    x = res.x
    return x[d] - x[c], x[qp] - x[qn], float(res.fun)


def test_dropping_the_mva_limit_overloads_the_transformer() -> None:
    case = load_case(CASES / "ercot_50mw.json")
    # One 60 MVA unit (no redundancy): firm = installed = 60 MVA, the POI import cap stays 60 MW.
    case = case.model_copy(
        update={"topology": case.topology.model_copy(update={"transformers": [Transformer(rating_mva=60.0)]})}
    )
    load_p = np.array(sum(np.array(load_profile_mw(load, case.time)) for load in case.resources.loads))
    load_q = _case_q_mvar(case)
    hours = np.array([ts.hour for ts in case.time.interval_starts()])
    pr = case.prices
    price = np.where(
        np.isin(hours, pr.peak_hours),
        pr.base_price_usd_per_mwh * pr.peak_multiplier,
        np.where(
            np.isin(hours, pr.offpeak_hours),
            pr.base_price_usd_per_mwh * pr.offpeak_multiplier,
            pr.base_price_usd_per_mwh,
        ),
    )

    bess_p, bess_q, cost_free = _arbitrage_lp(case, load_p, load_q, price, mva_rows=[])
    free = screen_schedule(case, load_p, load_q, bess_p_mw=bess_p, bess_q_mvar=bess_q)
    assert free.counts().get("trafo_overload", 0) > 0
    assert free.trafo_loading_percent.max() > 103.0

    # The polygon at the rating derated by the lowest allowed MV voltage (loading is current: S / V).
    rating = 60.0 * spec_from_case(case).mv_v_min_pu
    bess_p2, bess_q2, cost_limited = _arbitrage_lp(case, load_p, load_q, price, mva_rows=mva_polygon(rating))
    limited = screen_schedule(case, load_p, load_q, bess_p_mw=bess_p2, bess_q_mvar=bess_q2)
    assert "trafo_overload" not in limited.counts()
    assert limited.trafo_loading_percent.max() <= 100.0
    assert cost_limited >= cost_free - 1e-6  # the limit can only cost money
    # The linear view of the import differs from AC by at most the polygon error plus the AC losses
    # (mostly the transformer's reactive loss x * S^2 / S_rated, ~5 MVAr at 57 MVA).
    s_lossless = np.hypot(load_p - bess_p2, load_q - bess_q2)
    bound = s_lossless * (1 / math.cos(math.pi / 16) - 1) + np.abs(limited.grid_s_mva - s_lossless)
    assert limited.max_linear_gap_mva <= bound.max() + 1e-9
    assert 0.5 < limited.max_linear_gap_mva < 0.05 * 60.0
