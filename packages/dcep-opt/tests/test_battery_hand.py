"""Battery cases whose answer is known by hand: idle at a flat price, a two-price day, the floor."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import GridInputs, LoadInputs, solve_dispatch


def test_flat_price_battery_idles(make_inputs, make_battery) -> None:
    # round-trip losses and wear make any cycle a loss at a flat price: the battery must not move
    inp = make_inputs(np.full(24, 40.0), critical_mw=10.0, battery=make_battery())
    r = solve_dispatch(inp).result
    assert r.solver.status == "optimal"
    assert np.abs(r.timeseries["bess_charge_mw"]).max() < 1e-6
    assert np.abs(r.timeseries["bess_discharge_mw"]).max() < 1e-6
    assert r.economics.net_value_usd == pytest.approx(-40.0 * 10.0 * 24, abs=1e-6)


def test_two_price_day_profit_by_hand(make_inputs, make_battery) -> None:
    # 2 h at $10, 2 h at $100; 1 MW battery, eta_ch 0.9, eta_dis 1, no wear, no load, floor 0.
    # Charge 1 MW for 2 h -> 1.8 MWh stored; discharge 1 MW then 0.8 MW: 1.8*100 - 2*10 = 160.
    b = make_battery(
        power_mw=1.0,
        energy_mwh=10.0,
        pcs_mva=1.0,
        soc_min_mwh=0.0,
        soc_max_mwh=10.0,
        soc_initial_mwh=0.0,
        soc_final_min_mwh=0.0,
        floor_mwh=0.0,
        charge_efficiency=0.9,
        discharge_efficiency=1.0,
        degradation_usd_per_mwh=0.0,
    )
    r = solve_dispatch(make_inputs([10.0, 10.0, 100.0, 100.0], battery=b)).result
    assert r.solver.status == "optimal"
    assert r.economics.net_value_usd == pytest.approx(160.0, abs=1e-6)
    np.testing.assert_allclose(r.timeseries["bess_charge_mw"], [1.0, 1.0, 0.0, 0.0], atol=1e-6)
    np.testing.assert_allclose(r.timeseries["bess_soc_mwh"][-1], 0.0, atol=1e-6)


def test_floor_untouched_by_market_even_at_scarcity_price(make_inputs, make_battery) -> None:
    # $9,000/MWh (below the $10,000/MWh floor penalty): energy above the floor is sold, the floor is not
    prices = [30.0] * 4 + [9000.0] * 4 + [30.0] * 4
    b = make_battery(soc_final_min_mwh=25.0)
    r = solve_dispatch(make_inputs(prices, critical_mw=5.0, battery=b)).result
    soc = r.timeseries["bess_soc_mwh"]
    assert soc.min() >= 25.0 - 1e-6
    assert r.reliability.floor_draw_mwh == pytest.approx(0.0, abs=1e-9)
    assert r.timeseries["bess_discharge_mw"][4:8].sum() > 20.0  # it did sell above the floor


def test_floor_used_only_to_serve_critical_load(make_inputs, make_battery) -> None:
    # Islanded (no import), no generators: 10 MW critical load for 4 h; SOC 30 MWh, floor 25, min 5,
    # eta_dis 1. Usable 25 MWh: 5 above the floor then 20 below it; 15 MWh stay unserved.
    b = make_battery(soc_initial_mwh=30.0, soc_final_min_mwh=5.0, discharge_efficiency=1.0, degradation_usd_per_mwh=0.0)
    grid = GridInputs(max_import_mw=0.0, max_export_mw=0.0, poi_mva=100.0)
    r = solve_dispatch(make_inputs([50.0] * 4, critical_mw=10.0, battery=b, grid=grid)).result
    assert r.solver.status == "optimal"
    assert r.reliability.unserved_mwh == pytest.approx(15.0, abs=1e-6)
    assert r.reliability.floor_draw_mwh == pytest.approx(20.0, abs=1e-6)
    assert r.economics.floor_use_penalty_usd == pytest.approx(20.0 * 10_000.0, abs=1e-3)
    assert r.economics.unserved_cost_usd == pytest.approx(15.0 * 50_000.0, abs=1e-3)
    assert r.timeseries["bess_soc_mwh"][-1] == pytest.approx(5.0, abs=1e-6)


def test_negative_prices_get_the_charge_discharge_binary(make_inputs, make_battery) -> None:
    # At -$50/MWh burning energy pays; without the binary the LP would charge and discharge at once.
    b = make_battery(soc_initial_mwh=50.0, soc_final_min_mwh=25.0, degradation_usd_per_mwh=0.0)
    inp = make_inputs([-50.0] * 6, critical_mw=0.0, battery=b)
    r = solve_dispatch(inp).result
    both = np.minimum(r.timeseries["bess_charge_mw"], r.timeseries["bess_discharge_mw"])
    assert both.max() < 1e-6
    assert r.solver.bess_mode_binaries == 6
    # Hand: maximise 50*(C - D) (C charged, D discharged, MWh) with 0.95*C - D/0.95 <= 95 - 50 and at most
    # 25 MWh per interval in one direction. C - D <= 0.0975*C + 42.75 grows with C; 5 charging hours
    # would need D >= 70.1 > 25, so 4 charging hours: C = 100, D = 47.5, net 50 * 52.5 = 2625.
    assert r.economics.energy_cost_usd == pytest.approx(-5000.0, abs=1e-4)
    assert r.economics.net_value_usd == pytest.approx(2625.0, abs=1e-4)


def test_balance_and_soc_recomputed_from_timeseries(make_inputs, make_battery, make_fleet) -> None:
    rng = np.random.default_rng(3)
    n = 48
    price = 35 + 40 * rng.random(n)
    loads = (
        LoadInputs("it", "critical", np.full(n, 25.0), power_factor=0.97),
        LoadInputs("support", "non_critical", np.full(n, 10.0), 0.9, shed_cost_usd_per_mwh=2000.0, max_shed_frac=1.0),
        LoadInputs("train", "curtailable", 12 + 3 * rng.random(n), 0.95, 150.0, 0.4),
    )
    grid = GridInputs(
        max_import_mw=40.0, max_export_mw=20.0, poi_mva=45.0, transformer_firm_mva=80.0, min_power_factor=0.95
    )
    inp = make_inputs(
        price,
        interval_hours=0.25,
        loads=loads,
        grid=grid,
        battery=make_battery(),
        fleets=(make_fleet(),),
        redundancy_units=1,
        ride_through_minutes=15.0,
    )
    r = solve_dispatch(inp).result
    ts = r.timeseries
    assert r.solver.status == "optimal"
    supply = (
        ts["grid_import_mw"]
        - ts["grid_export_mw"]
        + ts["bess_discharge_mw"]
        - ts["bess_charge_mw"]
        + ts["gen_gas_mw"]
        + ts["unserved_critical_mw"]
        + ts["shed_total_mw"]
    )
    np.testing.assert_allclose(supply, ts["demand_total_mw"], atol=1e-6)
    soc_prev = np.concatenate([[50.0], ts["bess_soc_mwh"][:-1]])
    soc = soc_prev + 0.25 * (0.95 * ts["bess_charge_mw"] - ts["bess_discharge_mw"] / 0.95)
    np.testing.assert_allclose(soc, ts["bess_soc_mwh"], atol=1e-6)
    # objective (HiGHS) equals the net value recomputed from the time series, to the cent
    assert abs(r.solver.objective_usd - r.economics.net_value_usd) < 0.005
    # the POI limit of 40 MW on a ~50 MW site means the gas units really run
    assert ts["gen_gas_mw"].sum() > 0
