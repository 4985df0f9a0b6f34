"""The ride-through floor is a hard limit for market dispatch (issue 8), with hand-derived answers.

Energy below the floor serves only critical load the grid and generators cannot serve, is booked only
when SOC is below the floor, is paid per MWh each time it is drawn, and never backs an award or N+k.
"""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import GridInputs, LoadInputs, ReserveProduct, solve_dispatch
from dcep_opt._economics import recomputed_floor_draw_mwh


def _spike_inputs(make_inputs, make_battery):
    # 12 one-hour intervals: $30, then a four-hour $15,000 spike, then $30. Battery-only site, 10 MW
    # critical load, POI 1000 MW each way. 25 MW / 100 MWh, SOC 50, floor 25, max 95, eta 0.95 both ways.
    prices = [30.0] * 4 + [15_000.0] * 4 + [30.0] * 4
    b = make_battery(degradation_usd_per_mwh=0.0)
    regup = ReserveProduct("REGUP", "up", 1.0, np.full(12, 50.0), deploy_minutes=5.0)
    return make_inputs(prices, critical_mw=10.0, battery=b, products=(regup,))


def test_price_spike_never_touches_the_floor(make_inputs, make_battery) -> None:
    r = solve_dispatch(_spike_inputs(make_inputs, make_battery)).result
    ts = r.timeseries
    assert r.solver.status == "optimal"
    soc = ts["bess_soc_mwh"]
    # hand: fill to SOC max (95) before the spike, sell down to the floor (25) in it: 70 MWh stored gives
    # 70 * 0.95 = 66.5 MWh at the terminals (the old model also sold 20 MWh of floor at $15,000 > $10,000)
    assert soc[3] == pytest.approx(95.0, abs=1e-6)
    assert ts["bess_discharge_mw"][4:8].sum() == pytest.approx(70.0 * 0.95, abs=1e-6)
    assert soc.min() == pytest.approx(25.0, abs=1e-6)
    assert r.reliability.floor_draw_mwh == 0.0
    assert r.economics.floor_use_penalty_usd == 0.0
    # every REGUP MW is backed by energy above the floor at both ends of its interval
    up_mwh = ts["reserve_REGUP_bess_mw"] * 1.0 / 0.95
    soc_start = np.concatenate([[50.0], soc[:-1]])
    assert np.all(soc - 25.0 >= up_mwh - 1e-6) and np.all(soc_start - 25.0 >= up_mwh - 1e-6)
    assert ts["reserve_REGUP_bess_mw"].sum() > 1.0  # it did sell REGUP (backed by energy above the floor)


def test_battery_starting_at_its_floor_sells_no_up_reserve_from_it(make_inputs, make_battery) -> None:
    # SOC starts exactly at the floor: no up award in interval 0 (backing at its start is zero), no draw
    b = make_battery(soc_initial_mwh=25.0, soc_final_min_mwh=25.0)
    regup = ReserveProduct("REGUP", "up", 1.0, np.full(4, 500.0), deploy_minutes=5.0)
    r = solve_dispatch(make_inputs([30.0] * 4, critical_mw=5.0, battery=b, products=(regup,))).result
    assert r.solver.status == "optimal"
    assert r.timeseries["reserve_REGUP_bess_mw"][0] == pytest.approx(0.0, abs=1e-9)
    assert r.reliability.floor_draw_mwh == 0.0
    assert r.timeseries["bess_soc_mwh"].min() >= 25.0 - 1e-9


def test_a_refilled_floor_drawn_again_pays_again(make_inputs, make_battery) -> None:
    # Import cap 5 MW; critical load 10, 10, 2, 2, 10, 10 MW (1 h each): a 5 MW deficit in intervals
    # 0, 1, 4, 5 that only the battery can serve. eta 1 both ways, SOC starts at the 25 MWh floor (min 5).
    # Hand: draw 5 MWh in each deficit hour (20 MWh, $200,000); the 3 MW spare import in hours 2-3
    # refills 6 MWh (worth it: the end target 25 is soft at $8,000/MWh), so SOC runs
    # 20, 15, 18, 21, 16, 11 and the floor drawn in hours 4-5 is drawn AGAIN: the old model (penalty on
    # increases of a free "below" variable) charged only 14 MWh.
    crit = np.array([10.0, 10.0, 2.0, 2.0, 10.0, 10.0])
    b = make_battery(
        soc_initial_mwh=25.0,
        soc_final_min_mwh=25.0,
        charge_efficiency=1.0,
        discharge_efficiency=1.0,
        degradation_usd_per_mwh=0.0,
    )
    grid = GridInputs(max_import_mw=5.0, max_export_mw=0.0, poi_mva=100.0)
    loads = (LoadInputs("it", "critical", crit),)
    r = solve_dispatch(make_inputs([30.0] * 6, loads=loads, grid=grid, battery=b)).result
    ts = r.timeseries
    assert r.solver.status == "optimal"
    np.testing.assert_allclose(ts["bess_soc_mwh"], [20.0, 15.0, 18.0, 21.0, 16.0, 11.0], atol=1e-6)
    assert r.reliability.unserved_mwh == pytest.approx(0.0, abs=1e-9)
    assert r.reliability.floor_draw_mwh == pytest.approx(20.0, abs=1e-6)
    assert r.economics.floor_use_penalty_usd == pytest.approx(200_000.0, abs=1e-3)
    assert r.economics.final_soc_shortfall_usd == pytest.approx(14.0 * 8_000.0, abs=1e-3)
    np.testing.assert_allclose(ts["bess_floor_draw_mwh"], [5, 5, 0, 0, 5, 5], atol=1e-6)
    np.testing.assert_allclose(ts["bess_below_floor_mwh"], np.clip(25.0 - ts["bess_soc_mwh"], 0, None), atol=1e-6)
    assert abs(r.solver.objective_usd - r.economics.net_value_usd) < 0.005


def test_no_floor_draw_outside_an_emergency_even_when_load_goes_unserved_otherwise(make_inputs, make_battery) -> None:
    # Import cap 20 MW >= critical 10 MW: no interval is an emergency, so the floor is never drawn, even at
    # a $40,000 price (above the $10,000 penalty, below VoLL): importing is possible, so that is arbitrage.
    b = make_battery(soc_initial_mwh=30.0, soc_final_min_mwh=25.0)
    grid = GridInputs(max_import_mw=20.0, max_export_mw=20.0, poi_mva=100.0)
    r = solve_dispatch(make_inputs([40_000.0] * 4, critical_mw=10.0, battery=b, grid=grid)).result
    assert r.solver.status == "optimal"
    assert r.timeseries["bess_soc_mwh"].min() == pytest.approx(25.0, abs=1e-6)
    assert r.reliability.floor_draw_mwh == 0.0
    assert (
        "bess-below-floor"
        not in solve_dispatch(make_inputs([40_000.0] * 4, critical_mw=10.0, battery=b, grid=grid)).model.index.variables
    )


def test_recomputed_floor_draw_counts_each_dip(make_inputs, make_battery) -> None:
    # the recomputation itself, on a hand series: floor 25, SOC start 30 -> 20, 22, 18, 26, 24
    inp = make_inputs([30.0] * 5, battery=make_battery(soc_initial_mwh=30.0))
    draw = recomputed_floor_draw_mwh(inp, {"bess_soc_mwh": np.array([20.0, 22.0, 18.0, 26.0, 24.0])})
    np.testing.assert_allclose(draw, [5.0, 0.0, 4.0, 0.0, 1.0])
