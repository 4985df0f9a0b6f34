"""What reliability costs: each promise relaxed and re-solved, and its duals, against hand arithmetic."""

from __future__ import annotations

import dataclasses

import pytest

from dcep_explain import floor_marginal_usd_per_mwh, reliability_costs
from dcep_explain.duals import compute_duals
from dcep_opt import FleetInputs, SolveOptions, solve_dispatch

EXACT = SolveOptions(mip_gap=0.0)


def test_floor_costs_the_energy_it_keeps_from_the_dear_hour(make_site, make_battery):
    # 5 MW load, $10 then $50; lossless 1 MW / 2 MWh battery starting at 1.5 MWh, floor 1.5, end >= 1.
    # With the floor: buy 0.5 at $10, sell 0.5 at $50 (+$20). Without: sell 1.0 at $50 (+$45). Cost $25.
    bat = dataclasses.replace(make_battery(1.0, 2.0, 1.0, 1.5, 1.0), floor_mwh=1.5)
    inp = make_site([10.0, 50.0], 5.0, battery=bat)
    report = reliability_costs(inp, EXACT)
    by = {p.promise: p for p in report.promises}
    assert set(by) == {"ride-through floor", "end-of-horizon SOC"}
    floor = by["ride-through floor"]
    assert report.base_net_value_usd == pytest.approx(-300 + 20)
    assert floor.relaxed_net_value_usd == pytest.approx(-300 + 45)
    assert floor.cost_usd == pytest.approx(25.0)
    assert floor.annual_cost_usd == pytest.approx(25.0 * 8760 / 2)
    # the floor is 1.5 MWh = 18 min of 5 MW: $25 / 18 min
    assert "18.0 min" in floor.setting and floor.per_unit_usd == pytest.approx(25 / 18)
    # each MWh more of floor keeps one more MWh from the $50 hour
    assert floor.marginal_usd == pytest.approx(50.0)
    # the end target (1 MWh) never binds above a 1.5 MWh floor: free, relaxed or by its dual
    end = by["end-of-horizon SOC"]
    assert end.cost_usd == pytest.approx(0.0, abs=1e-9) and end.marginal_usd == pytest.approx(0.0, abs=1e-9)


def test_floor_marginal_matches_a_finite_difference(make_site, make_battery):
    # an LP (no integers): the dual is the exact slope of net value in the floor while the basis holds
    bat = dataclasses.replace(make_battery(4.0, 10.0, 0.9, 5.0, 5.0), floor_mwh=4.0)
    inp = make_site([20.0, 15.0, 60.0, 35.0, 80.0, 25.0], 3.0, battery=bat)
    base = solve_dispatch(inp, EXACT)
    marginal = floor_marginal_usd_per_mwh(compute_duals(base))
    step = 0.01
    up = solve_dispatch(dataclasses.replace(inp, battery=dataclasses.replace(bat, floor_mwh=4.0 + step)), EXACT)
    assert base.result.economics is not None and up.result.economics is not None
    slope = (base.result.economics.net_value_usd - up.result.economics.net_value_usd) / step
    assert marginal > 0 and marginal == pytest.approx(slope, rel=1e-6)


def test_n_plus_1_costs_the_second_unit_held_at_minimum_output(make_site):
    # 8 MW critical load on a $30 grid; two 10 MW units (min 2 MW, $40/MWh). N+1 needs both synchronised
    # (losing one leaves 10 >= 8): 4 MW made at $40 instead of bought at $30 for 2 h = $80, per unit $80.
    gas = FleetInputs(name="gas", count=2, p_max_mw=10.0, p_min_mw=2.0, fuel_usd_per_mwh=40.0)
    inp = make_site([30.0, 30.0], 8.0, fleets=(gas,), redundancy_units=1)
    report = reliability_costs(inp, EXACT)
    (n1,) = report.promises
    assert n1.promise == "N+1 redundancy" and n1.relaxed_status == "optimal"
    assert n1.cost_usd == pytest.approx(80.0) and n1.per_unit_usd == pytest.approx(80.0)
    assert report.rows()[0]["cost_usd"] == pytest.approx(80.0)
