"""Duals from the fixed-commitment LP: the balance dual equals the energy price where the grid is marginal."""

from __future__ import annotations

import numpy as np

from dcep_opt import GridInputs, resolve_fixed_lp, solve_dispatch


def test_balance_dual_is_price_where_grid_is_marginal(make_inputs, make_fleet) -> None:
    prices = np.array([20.0, 35.0, 90.0, 60.0])
    f = make_fleet(
        count=2,
        p_max_mw=10.0,
        p_min_mw=0.0,
        fuel_usd_per_mwh=200.0,
        start_cost_usd=50.0,
        start_intervals=0,
        min_up_intervals=1,
        min_down_intervals=1,
    )
    grid = GridInputs(max_import_mw=30.0, max_export_mw=0.0, poi_mva=100.0)
    solved = solve_dispatch(make_inputs(prices, interval_hours=0.5, critical_mw=20.0, fleets=(f,), grid=grid))
    out = resolve_fixed_lp(solved.model)
    assert out.status.value == "optimal"
    assert abs(out.objective_usd - solved.result.solver.objective_usd) < 1e-6
    rows = solved.model.index.constraints["balance"]
    duals = np.array([rows[(t,)].pi for t in range(4)])
    # the grid (20 MW inside its 30 MW cap) serves the load: one more MW for half an hour costs price * 0.5
    np.testing.assert_allclose(duals, prices * 0.5, atol=1e-6)
