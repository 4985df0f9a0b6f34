"""Rolling-horizon dispatch against the full-horizon solve (an upper bound) on a 3-day hourly case."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import BatteryInputs, DispatchInputs, FleetInputs, GridInputs, LoadInputs, SolveOptions, solve_dispatch
from dcep_opt.studies._rolling import count_min_up_down_breaches, slice_inputs, solve_rolling, window_bounds

EXACT = SolveOptions(time_limit_s=60.0, mip_gap=0.0)


def _three_days(power_mw: float = 10.0, final_mwh: float = 20.0, hard_final: bool = False) -> DispatchInputs:
    n = 72
    hour = np.arange(n) % 24
    rng = np.random.default_rng(7)
    price = np.where((hour >= 17) & (hour <= 20), 90.0, np.where(hour < 6, 15.0, 35.0)) + rng.uniform(-5, 5, n)
    price[30] = 400.0  # a spike on day 2: worth starting a generator and emptying the battery
    battery = BatteryInputs(
        power_mw=power_mw,
        energy_mwh=40.0,
        pcs_mva=power_mw * 1.1,
        soc_min_mwh=2.0,
        soc_max_mwh=38.0,
        soc_initial_mwh=20.0,
        soc_final_min_mwh=final_mwh,
        floor_mwh=8.0,
        degradation_usd_per_mwh=1.0,
    )
    fleet = FleetInputs(
        name="gas",
        count=2,
        p_max_mw=10.0,
        p_min_mw=3.0,
        fuel_usd_per_mwh=60.0,
        start_cost_usd=200.0,
        start_intervals=1,
        q_max_mvar_per_unit=5.0,
    )
    return DispatchInputs(
        name="three days",
        interval_hours=1.0,
        energy_price_usd_per_mwh=price,
        import_adder_usd_per_mwh=np.zeros(n),
        loads=(LoadInputs("it", "critical", np.full(n, 20.0)),),
        grid=GridInputs(max_import_mw=40.0, max_export_mw=15.0, poi_mva=60.0),
        battery=battery,
        fleets=(fleet,),
        ride_through_minutes=0.0,
        final_soc_shortfall_usd_per_mwh=None if hard_final else 8_000.0,
    )


def test_window_bounds_commit_then_last_window_reaches_the_end() -> None:
    assert window_bounds(72, 48, 24) == [(0, 48, 24), (24, 72, 72)]
    assert window_bounds(72, 24, 24) == [(0, 24, 24), (24, 48, 48), (48, 72, 72)]
    assert window_bounds(10, 4, 3) == [(0, 4, 3), (3, 7, 6), (6, 10, 10)]
    with pytest.raises(ValueError):
        window_bounds(10, 2, 3)


def test_rolling_with_long_lookahead_reaches_full_objective_and_never_exceeds_it() -> None:
    inputs = _three_days()
    full = solve_dispatch(inputs, EXACT).result
    assert full.solver.status == "optimal"
    full_value = full.economics.net_value_usd
    # seams are exact here (start_intervals 1, min up/down 1 interval): the stitched schedule is feasible
    # for the full model, so the full optimum bounds it from above
    for window, commit in ((48, 24), (36, 12), (24, 24)):
        rolled = solve_rolling(inputs, window, commit, EXACT)
        assert rolled.complete and not rolled.not_optimal
        assert rolled.min_up_down_breaches == 0
        value = rolled.result.economics.net_value_usd
        assert value <= full_value + 1e-6 * abs(full_value) + 1e-6
        if window >= 36:  # a day or more of look-ahead past each commit: within 0.5 %
            assert value == pytest.approx(full_value, rel=5e-3)
    # no look-ahead past a 12 h commit: the spike-driven plan across days is lost (strictly worse)
    myopic = solve_rolling(inputs, 12, 12, EXACT).result.economics.net_value_usd
    assert myopic < full_value - 1.0
    # economics are recomputed from the stitched series: energy revenue is price * export * h
    r = rolled.result
    ts = r.timeseries
    assert r.n_intervals == 72
    assert r.economics.energy_revenue_usd == pytest.approx(
        float(np.sum(ts["energy_price_usd_per_mwh"] * ts["grid_export_mw"]))
    )


def test_rolling_soc_is_continuous_across_seams_and_meets_the_final_target() -> None:
    inputs = _three_days()
    rolled = solve_rolling(inputs, 36, 12, EXACT)
    ts = rolled.result.timeseries
    b = inputs.battery
    soc = ts["bess_soc_mwh"]
    prev = np.concatenate([[b.soc_initial_mwh], soc[:-1]])
    expected = prev + b.charge_efficiency * ts["bess_charge_mw"] - ts["bess_discharge_mw"] / b.discharge_efficiency
    seams = [w.start for w in rolled.windows[1:]]
    assert seams == [12, 24, 36]  # the window from 36 reaches the end: last
    np.testing.assert_allclose(soc[seams], expected[seams], atol=1e-6)
    np.testing.assert_allclose(soc, expected, atol=1e-6)
    assert soc[-1] >= b.soc_final_min_mwh - 1e-6
    # units online carried too: commitment continuity units[t] - units[t-1] = starts - stops at seams
    units = ts["gen_gas_units_online"]
    delta = np.diff(np.concatenate([[0.0], units]))
    np.testing.assert_allclose(delta, ts["gen_gas_starts"] - ts["gen_gas_stops"], atol=1e-9)


def test_infeasible_window_is_reported_and_stops_the_run() -> None:
    # 1 MW battery that must end full (38 MWh from 20): the full 72 h can charge 36+ MWh in time, the last
    # 24 h window alone cannot (24 * 0.95 = 22.8 MWh) once earlier windows (no end target) spent the SOC.
    # The end target is the user's hard rule here (a soft target would end short and report its cost).
    inputs = _three_days(power_mw=1.0, final_mwh=38.0, hard_final=True)
    assert solve_dispatch(inputs, EXACT).result.solver.has_solution
    rolled = solve_rolling(inputs, 24, 24, EXACT)
    assert not rolled.complete
    assert [w.status for w in rolled.windows] == ["optimal", "optimal", "infeasible"]
    assert rolled.result.solver.status == "infeasible"
    assert "window 2" in rolled.result.solver.termination
    assert rolled.result.n_intervals == 48
    assert rolled.not_optimal == [rolled.windows[2]]


def test_min_up_down_breach_counter_matches_hand_count() -> None:
    f = FleetInputs(name="g", count=1, p_max_mw=5.0, min_up_intervals=3, min_down_intervals=2)
    # start at 1, stop at 2 (up only 1 interval: breach at 2), start at 3 (down 1 interval: breach at 3)
    units = np.array([0, 1, 0, 1, 1, 1], dtype=float)
    starts = np.array([0, 1, 0, 1, 0, 0], dtype=float)
    stops = np.array([0, 0, 1, 0, 0, 0], dtype=float)
    ts = {"gen_g_units_online": units, "gen_g_starts": starts, "gen_g_stops": stops}
    assert count_min_up_down_breaches((f,), ts) == 2


def test_window_end_soc_target_holds_on_every_window_and_keeps_the_bound() -> None:
    inputs = _three_days()
    full_value = solve_dispatch(inputs, EXACT).result.economics.net_value_usd
    rolled = solve_rolling(inputs, 36, 12, EXACT, window_end_soc_mwh=30.0)
    assert rolled.complete and not rolled.not_optimal
    # each window's committed part is free; only its look-ahead end is held at 30 MWh, the last window at 20
    assert rolled.result.timeseries["bess_soc_mwh"][-1] >= 20.0 - 1e-6
    value = rolled.result.economics.net_value_usd
    assert value <= full_value + 1e-6
    # the window inputs carry the target: free end -> soc_min, given -> that value (capped at soc_max)
    assert slice_inputs(inputs, 0, 36, 25.0, final_target=False).battery.soc_final_min_mwh == 2.0
    assert slice_inputs(inputs, 0, 36, 25.0, final_target=False, end_soc_mwh=30.0).battery.soc_final_min_mwh == 30.0
    assert slice_inputs(inputs, 0, 36, 25.0, final_target=False, end_soc_mwh=99.0).battery.soc_final_min_mwh == 38.0
    assert slice_inputs(inputs, 36, 72, 25.0).battery.soc_initial_mwh == 25.0
