"""Reserves never exceed headroom or energy backing; the backing sits on top of the floor."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import GridInputs, LoadInputs, ReserveProduct, solve_dispatch


def _products(n: int, rng: np.random.Generator) -> tuple[ReserveProduct, ...]:
    return (
        ReserveProduct("UP1", "up", 1.0, 10 + 10 * rng.random(n), deploy_minutes=5.0),
        ReserveProduct("UP2", "up", 2.0, 8 + 8 * rng.random(n), deploy_minutes=10.0),
        ReserveProduct("DN1", "down", 1.0, 6 + 6 * rng.random(n), deploy_minutes=5.0),
        ReserveProduct("NS4", "up", 4.0, np.full(n, 4.0), deploy_minutes=30.0, online_only=False),
    )


def test_up_award_limited_by_energy_above_floor(make_inputs, make_battery) -> None:
    # One hour; SOC 40 MWh, floor 25, eta_dis 0.95, 1-h up product at $100/MW-h, flat energy price:
    # backing at the start of the hour allows (40 - 25) * 0.95 / 1 h = 14.25 MW (power allows 25 MW).
    b = make_battery(soc_initial_mwh=40.0, soc_final_min_mwh=25.0)
    prod = ReserveProduct("UP", "up", 1.0, np.array([100.0]))
    r = solve_dispatch(make_inputs([40.0], battery=b, products=(prod,))).result
    assert r.timeseries["reserve_UP_bess_mw"][0] == pytest.approx(14.25, abs=1e-6)
    assert r.economics.as_revenue_usd == pytest.approx(1425.0, abs=1e-4)


def test_down_award_limited_by_room_below_soc_max(make_inputs, make_battery) -> None:
    # SOC 90 of max 95, 1-h down product: room (95 - 90) / (1 h * eta_ch 0.95) = 5.263 MW
    b = make_battery(soc_initial_mwh=90.0, soc_final_min_mwh=25.0, degradation_usd_per_mwh=0.0)
    prod = ReserveProduct("DN", "down", 1.0, np.array([100.0]))
    r = solve_dispatch(make_inputs([40.0], battery=b, products=(prod,))).result
    assert r.timeseries["reserve_DN_bess_mw"][0] == pytest.approx(5.0 / 0.95, abs=1e-6)


def test_awards_within_headroom_and_backing_every_interval(make_inputs, make_battery, make_fleet) -> None:
    rng = np.random.default_rng(5)
    n = 64
    h = 0.25
    price = 30 + 60 * rng.random(n)
    prods = _products(n, rng)
    b = make_battery()
    f = make_fleet()
    loads = (
        LoadInputs("it", "critical", np.full(n, 25.0), 0.97),
        LoadInputs("flex", "curtailable", np.full(n, 15.0), 0.95, 150.0, 0.4),
    )
    grid = GridInputs(max_import_mw=60.0, max_export_mw=20.0, poi_mva=75.0, min_power_factor=0.95)
    r = solve_dispatch(
        make_inputs(
            price,
            interval_hours=h,
            loads=loads,
            grid=grid,
            battery=b,
            fleets=(f,),
            products=prods,
            redundancy_units=1,
            ride_through_minutes=15.0,
        )
    ).result
    ts = r.timeseries
    assert r.solver.status == "optimal"
    ch, dis, soc = ts["bess_charge_mw"], ts["bess_discharge_mw"], ts["bess_soc_mwh"]
    below = ts["bess_below_floor_mwh"]
    up = sum(ts[f"reserve_{p.name}_bess_mw"] for p in prods if p.direction == "up")
    dn = sum(ts[f"reserve_{p.name}_bess_mw"] for p in prods if p.direction == "down")
    up_mwh = sum(ts[f"reserve_{p.name}_bess_mw"] * p.duration_hours / 0.95 for p in prods if p.direction == "up")
    dn_mwh = sum(ts[f"reserve_{p.name}_bess_mw"] * p.duration_hours * 0.95 for p in prods if p.direction == "down")
    tol = 1e-6
    assert np.all(up <= 25.0 - dis + ch + tol)
    assert np.all(dn <= 25.0 - ch + dis + tol)
    soc_start = np.concatenate([[50.0], soc[:-1]])
    below_start = np.concatenate([[0.0], below[:-1]])
    # up backing stacked on the 25 MWh floor at both ends of every interval; below-floor is zero here
    assert below.max() < tol
    assert np.all(soc + below >= 25.0 + up_mwh - tol)
    assert np.all(soc_start + below_start >= 25.0 + up_mwh - tol)
    assert np.all(soc + dn_mwh <= 95.0 + tol)
    assert np.all(soc_start + dn_mwh <= 95.0 + tol)
    # generator spinning headroom: online-only up awards <= p_max * synced - output
    synced = ts["gen_gas_units_synced"]
    spin = sum(ts[f"reserve_{p.name}_gen_gas_mw"] for p in prods if p.direction == "up" and p.online_only)
    assert np.all(spin <= 15.0 * synced - ts["gen_gas_mw"] + tol)
    gdn = ts["reserve_DN1_gen_gas_mw"]
    assert np.all(gdn <= ts["gen_gas_mw"] - 5.0 * synced + tol)
    assert up.sum() > 1.0  # reserves really sold
    assert abs(r.solver.objective_usd - r.economics.net_value_usd) < 0.005
