"""Pure arbitrage against an independent LP written directly against highspy."""

from __future__ import annotations

import highspy
import numpy as np

from dcep_opt import GridInputs, LoadInputs, solve_dispatch


def _reference_lp(price: np.ndarray, load: np.ndarray, h: float, b: object, imp_cap: float, exp_cap: float) -> float:
    """max sum(h*price*(exp - imp)) - deg*h*sum(dis) over imp, exp, ch, dis, soc (column blocks of n)."""
    n = price.size
    inf = highspy.kHighsInf
    hs = highspy.Highs()
    hs.setOptionValue("output_flag", False)
    # columns: imp[0:n], exp[n:2n], ch[2n:3n], dis[3n:4n], soc[4n:5n]
    cost = np.concatenate([h * price, -h * price, np.zeros(n), np.full(n, b.degradation_usd_per_mwh * h), np.zeros(n)])
    lower = np.zeros(5 * n)
    upper = np.concatenate(
        [
            np.full(n, imp_cap),
            np.full(n, exp_cap),
            np.full(n, b.power_mw),
            np.full(n, b.power_mw),
            np.full(n, b.soc_max_mwh),
        ]
    )
    lower[4 * n :] = b.floor_mwh  # market dispatch never goes below the ride-through floor
    hs.addVars(5 * n, lower, upper)
    hs.changeColsCost(5 * n, np.arange(5 * n, dtype=np.int32), cost)  # minimise -(net value)
    for t in range(n):
        # balance: imp - exp + dis - ch = load
        idx = np.array([t, n + t, 3 * n + t, 2 * n + t], dtype=np.int32)
        hs.addRow(load[t], load[t], 4, idx, np.array([1.0, -1.0, 1.0, -1.0]))
        # soc[t] - soc[t-1] - eta_c*h*ch + h/eta_d*dis = (soc0 if t == 0)
        cols = [4 * n + t, 2 * n + t, 3 * n + t]
        vals = [1.0, -b.charge_efficiency * h, h / b.discharge_efficiency]
        rhs = b.soc_initial_mwh if t == 0 else 0.0
        if t > 0:
            cols.append(4 * n + t - 1)
            vals.append(-1.0)
        hs.addRow(rhs, rhs, len(cols), np.array(cols, dtype=np.int32), np.array(vals))
    hs.addRow(b.soc_final_min_mwh, inf, 1, np.array([5 * n - 1], dtype=np.int32), np.array([1.0]))
    hs.run()
    assert hs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return -float(hs.getInfo().objective_function_value)


def test_arbitrage_matches_independent_lp(make_inputs, make_battery) -> None:
    rng = np.random.default_rng(7)
    n = 48
    price = 40 + 30 * np.sin(np.arange(n) / n * 4 * np.pi) + rng.normal(0, 8, n)
    load = np.full(n, 10.0)
    b = make_battery()
    inp = make_inputs(
        price,
        interval_hours=0.5,
        battery=b,
        loads=(LoadInputs("it", "critical", load, power_factor=1.0),),
        grid=GridInputs(max_import_mw=60.0, max_export_mw=20.0, poi_mva=500.0),
    )
    result = solve_dispatch(inp).result
    assert result.solver.status == "optimal"
    reference = _reference_lp(price, load, 0.5, b, 60.0, 20.0)
    assert abs(result.solver.objective_usd - reference) <= 1e-6 * abs(reference)
    assert abs(result.economics.net_value_usd - reference) <= 1e-6 * abs(reference)
    # the battery really trades (the test would not notice a battery that never moves otherwise)
    assert result.timeseries["bess_discharge_mw"].sum() > 1.0
