"""Generator commitment cases known by hand: POI shortfall, min-up time, start time, N+1."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import GridInputs, LoadInputs, solve_dispatch


def test_load_above_poi_cap_starts_known_unit_count(make_inputs, make_fleet) -> None:
    # 50 MW critical, 30 MW import cap, 10 MW units dearer than the grid: exactly 2 units, 20 MW
    # (a $1 start cost makes a third idle unit strictly worse instead of a tie)
    f = make_fleet(
        count=4,
        p_max_mw=10.0,
        p_min_mw=0.0,
        fuel_usd_per_mwh=80.0,
        vom_usd_per_mwh=0.0,
        start_cost_usd=1.0,
        start_intervals=0,
        min_up_intervals=1,
        min_down_intervals=1,
        initial_units_online=0,
        q_max_mvar_per_unit=5.0,
    )
    grid = GridInputs(max_import_mw=30.0, max_export_mw=0.0, poi_mva=100.0)
    r = solve_dispatch(make_inputs([40.0] * 8, critical_mw=50.0, fleets=(f,), grid=grid)).result
    ts = r.timeseries
    assert r.solver.status == "optimal"
    np.testing.assert_allclose(ts["gen_gas_units_online"], 2.0)
    np.testing.assert_allclose(ts["gen_gas_mw"], 20.0, atol=1e-6)
    assert r.reliability.unserved_mwh == pytest.approx(0.0, abs=1e-9)
    assert r.economics.fuel_cost_usd == pytest.approx(20.0 * 8 * 80.0, abs=1e-6)
    assert r.economics.start_cost_usd == pytest.approx(2.0, abs=1e-9)


def test_min_up_time_keeps_unit_on_after_a_spike(make_inputs, make_fleet) -> None:
    # One $500 hour at t=2; a 10 MW must-run-at-full unit (p_min = p_max) with 4 h min up: it starts
    # for the spike and runs t=2..5 exporting at $20 (a loss) before it may stop.
    f = make_fleet(
        count=1,
        p_max_mw=10.0,
        p_min_mw=10.0,
        fuel_usd_per_mwh=50.0,
        vom_usd_per_mwh=0.0,
        start_cost_usd=100.0,
        start_intervals=0,
        min_up_intervals=4,
        min_down_intervals=1,
        q_max_mvar_per_unit=0.0,
    )
    # $19 at t=1 makes the schedule unique: with $20 there, running t=1..4 ties with t=2..5
    prices = [20.0, 19.0, 500.0, 20.0, 20.0, 20.0, 20.0, 20.0]
    r = solve_dispatch(make_inputs(prices, fleets=(f,))).result
    ts = r.timeseries
    np.testing.assert_allclose(ts["gen_gas_units_online"], [0, 0, 1, 1, 1, 1, 0, 0])
    # hand: revenue 10*(500 + 3*20) = 5600, fuel 4*10*50 = 2000, start 100
    assert r.economics.net_value_usd == pytest.approx(5600.0 - 2000.0 - 100.0, abs=1e-6)


def test_start_time_delays_output(make_inputs, make_fleet) -> None:
    # With start_intervals = 1, a unit committed for the spike at t=3 must start by t=2 and produces
    # nothing in its start interval; it pays one start and fuel only while producing.
    f = make_fleet(
        count=1,
        p_max_mw=10.0,
        p_min_mw=0.0,
        fuel_usd_per_mwh=50.0,
        vom_usd_per_mwh=0.0,
        start_cost_usd=100.0,
        start_intervals=1,
        min_up_intervals=1,
        min_down_intervals=1,
        q_max_mvar_per_unit=0.0,
    )
    prices = [20.0, 20.0, 20.0, 500.0, 20.0]
    r = solve_dispatch(make_inputs(prices, fleets=(f,))).result
    ts = r.timeseries
    starts = ts["gen_gas_starts"]
    assert starts.sum() == 1 and int(np.argmax(starts)) <= 2
    np.testing.assert_allclose(ts["gen_gas_mw"], [0, 0, 0, 10, 0], atol=1e-6)
    assert np.all(ts["gen_gas_mw"] <= 10.0 * (ts["gen_gas_units_online"] - starts) + 1e-6)
    assert r.economics.net_value_usd == pytest.approx(10 * 500.0 - 10 * 50.0 - 100.0, abs=1e-6)


def test_n_plus_1_commits_three_units(make_inputs, make_fleet) -> None:
    # 25 MW critical, 15 MW units, no battery: N+1 needs online - largest >= 25, so 3 units online
    # (2 units give 15 MW firm). Units may idle at 0 MW (p_min 0); grid is cheaper than fuel.
    f = make_fleet(
        count=4,
        p_max_mw=15.0,
        p_min_mw=0.0,
        fuel_usd_per_mwh=80.0,
        start_cost_usd=10.0,
        start_intervals=0,
        min_up_intervals=1,
        min_down_intervals=1,
        initial_units_online=0,
    )
    kw = dict(critical_mw=25.0, fleets=(f,))
    with_n1 = solve_dispatch(make_inputs([30.0] * 6, redundancy_units=1, **kw)).result
    np.testing.assert_allclose(with_n1.timeseries["gen_gas_units_online"], 3.0)
    assert with_n1.reliability.n_plus_1_ok is True
    assert with_n1.timeseries["n1_margin_mw"].min() == pytest.approx(30.0 - 25.0, abs=1e-6)
    without = solve_dispatch(make_inputs([30.0] * 6, redundancy_units=0, **kw)).result
    np.testing.assert_allclose(without.timeseries["gen_gas_units_online"], 0.0)
    assert without.reliability.n_plus_1_ok is None


def test_n_plus_1_counts_battery_deliverable_power(make_inputs, make_fleet, make_battery) -> None:
    # Battery 25 MW with 50 - 25 = 25 MWh above its floor can deliver 25 MW for 15 min, so with a
    # 15-minute ride-through N+1 holds with no unit online at all.
    f = make_fleet(
        count=4,
        p_max_mw=15.0,
        p_min_mw=0.0,
        fuel_usd_per_mwh=80.0,
        start_cost_usd=10.0,
        start_intervals=0,
        min_up_intervals=1,
        min_down_intervals=1,
    )
    b = make_battery(degradation_usd_per_mwh=5.0)
    r = solve_dispatch(
        make_inputs(
            [30.0] * 8,
            interval_hours=0.25,
            critical_mw=25.0,
            fleets=(f,),
            battery=b,
            redundancy_units=1,
            ride_through_minutes=15.0,
        )
    ).result
    np.testing.assert_allclose(r.timeseries["gen_gas_units_online"], 0.0)
    assert r.reliability.n_plus_1_ok is True


def test_infeasible_n_plus_1_is_a_result_naming_the_family(make_inputs, make_fleet) -> None:
    # two 15 MW units cannot give 25 MW firm with one out, and there is no battery
    f = make_fleet(count=2, p_max_mw=15.0, p_min_mw=0.0, start_intervals=0, min_up_intervals=1, min_down_intervals=1)
    r = solve_dispatch(make_inputs([30.0] * 4, critical_mw=25.0, fleets=(f,), redundancy_units=1)).result
    assert r.solver.status == "infeasible"
    assert r.economics is None and r.timeseries == {}
    assert r.diagnosis is not None
    assert "n1-cover" in r.diagnosis.families
    assert "n1-cover" in r.diagnosis.message


def test_commitment_rows_hold_in_a_mixed_day(make_inputs, make_fleet, make_battery) -> None:
    rng = np.random.default_rng(11)
    n = 48
    price = 30 + 80 * (rng.random(n) > 0.7)
    f = make_fleet(min_up_intervals=4, min_down_intervals=3)
    loads = (
        LoadInputs("it", "critical", np.full(n, 25.0)),
        LoadInputs("flex", "curtailable", np.full(n, 20.0), shed_cost_usd_per_mwh=150.0, max_shed_frac=0.5),
    )
    grid = GridInputs(max_import_mw=35.0, max_export_mw=20.0, poi_mva=75.0, min_power_factor=0.95)
    r = solve_dispatch(
        make_inputs(
            price,
            interval_hours=0.25,
            loads=loads,
            fleets=(f,),
            battery=make_battery(),
            grid=grid,
            redundancy_units=1,
            ride_through_minutes=15.0,
        )
    ).result
    ts = r.timeseries
    units, starts, stops = ts["gen_gas_units_online"], ts["gen_gas_starts"], ts["gen_gas_stops"]
    prev = np.concatenate([[0.0], units[:-1]])
    np.testing.assert_allclose(units - prev, starts - stops)
    for t in range(n):
        assert starts[max(0, t - 3) : t + 1].sum() <= units[t] + 1e-9  # min up 4 intervals
        assert stops[max(0, t - 2) : t + 1].sum() <= 4 - units[t] + 1e-9  # min down 3 intervals
    synced = ts["gen_gas_units_synced"]
    assert np.all(ts["gen_gas_mw"] <= 15.0 * synced + 1e-6)
    assert np.all(ts["gen_gas_mw"] >= 5.0 * synced - 1e-6)
    assert r.reliability.n_plus_1_ok is True
    assert abs(r.solver.objective_usd - r.economics.net_value_usd) < 0.005


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_n1_hull_rows_do_not_change_the_optimum(make_inputs, make_fleet, make_battery, seed) -> None:
    # the envelope rows are valid inequalities: with or without them the MILP optimum is the same
    from dcep_opt import SolveOptions, build_model, solve_model
    from dcep_opt._model import ModelOptions

    rng = np.random.default_rng(seed)
    n = 24
    price = 20 + 120 * (rng.random(n) > 0.6)
    crit = 18 + 6 * rng.random()  # <= the 25 MW battery: feasible before any unit is synchronised
    inp = make_inputs(
        price,
        interval_hours=0.25,
        critical_mw=crit,
        battery=make_battery(degradation_usd_per_mwh=3.0),
        fleets=(make_fleet(),),
        redundancy_units=1 + seed % 2,
        ride_through_minutes=15.0,
    )
    objectives = []
    for flag in (False, True):
        built = build_model(inp, ModelOptions(n1_hull_cuts=flag))
        out = solve_model(built.model, SolveOptions(mip_gap=0.0))
        assert out.status.value == "optimal"
        assert ("n1-hull" in built.model.index.constraints) is flag
        objectives.append(out.objective_usd)
    assert objectives[1] == pytest.approx(objectives[0], rel=1e-7, abs=1e-6)
