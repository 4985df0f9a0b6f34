"""N+k rules (issue 8): generator up-reserve sold and a unit trip are the same event; N+k holds at both
ends of every interval. Hand-derived expectations on tiny sites."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from dcep_opt import FleetInputs, ReserveProduct, solve_dispatch
from dcep_opt._economics import n_plus_1_margins_mw


def _fleet() -> FleetInputs:
    # four 15 MW units, all online, no start time or minimum times, $30/MWh, no start cost
    return FleetInputs(
        name="gas",
        count=4,
        p_max_mw=15.0,
        p_min_mw=5.0,
        fuel_usd_per_mwh=30.0,
        start_time_min=10.0,
        initial_units_online=4,
    )


@pytest.mark.parametrize(
    "product",
    [
        ReserveProduct("REGUP", "up", 1.0, np.full(4, 500.0), deploy_minutes=5.0),
        # an offline unit could meet NSPIN (30 min >= 10 min start): only the part of the award the offline
        # units cannot cover comes out of N+k capacity, and here every offline unit is also needed for N+1
        ReserveProduct("NSPIN", "up", 1.0, np.full(4, 500.0), deploy_minutes=30.0, online_only=False),
    ],
)
def test_generator_up_reserve_is_not_counted_twice_in_n_plus_1(make_inputs, product) -> None:
    # 25 MW critical load, N+1, no battery, energy $40 (> $30 fuel: the units run flat out for export).
    # Hand: with s units synchronised, N+1 needs 15 s - 15 - award >= 25, so award <= 20 at s = 4 (and at
    # s = 3 for NSPIN, where 15 MW offline covers 15 of it: 30 - (A - 15) >= 25). Without the rule the
    # award would be the whole headroom above minimum output (40 MW at s = 4).
    # Output then 40 MW: net per hour 20 * 500 + (40 - 25) * 40 - 40 * 30 = 9,400.
    inp = make_inputs([40.0] * 4, critical_mw=25.0, fleets=(_fleet(),), products=(product,), redundancy_units=1)
    r = solve_dispatch(inp).result
    ts = r.timeseries
    assert r.solver.status == "optimal"
    np.testing.assert_allclose(ts[f"reserve_{product.name}_gen_gas_mw"], 20.0, atol=1e-6)
    np.testing.assert_allclose(ts["gen_gas_mw"], 40.0, atol=1e-6)
    assert r.economics.net_value_usd == pytest.approx(4 * 9_400.0, abs=1e-4)
    start, end = n_plus_1_margins_mw(inp, ts)
    np.testing.assert_allclose(np.minimum(start, end), 0.0, atol=1e-6)
    assert r.reliability.n_plus_1_ok is True


def test_n_plus_1_at_the_start_of_an_interval_uses_that_intervals_load(make_inputs, make_battery) -> None:
    # One 15 MW unit online (N+1 loses it: firm 0); critical load 5, 5, 10, 10 MW; 1 h intervals, ride-through
    # 60 min, so the battery must hold load / 0.95 MWh above its 25 MWh floor. Prices 300, 300, 10, 300: it
    # sells in hours 0-1 and recharges in hour 2. At the START of hour 2 (the SOC at the end of hour 1) the
    # load is already 10 MW: SOC must be >= 25 + 10 / 0.95 = 35.526 there, not the 25 + 5 / 0.95 = 30.263
    # an end-of-interval check alone (hour 1's load) would allow.
    from dcep_opt import LoadInputs

    fleet = FleetInputs(name="gas", count=1, p_max_mw=15.0, fuel_usd_per_mwh=800.0, initial_units_online=1)
    b = make_battery(soc_initial_mwh=40.0, soc_final_min_mwh=40.0, degradation_usd_per_mwh=0.0)
    loads = (LoadInputs("it", "critical", np.array([5.0, 5.0, 10.0, 10.0])),)
    inp = make_inputs(
        [300.0, 300.0, 10.0, 300.0],
        loads=loads,
        battery=b,
        fleets=(fleet,),
        redundancy_units=1,
        ride_through_minutes=60.0,
    )
    r = solve_dispatch(inp).result
    soc = r.timeseries["bess_soc_mwh"]
    assert r.solver.status == "optimal"
    assert soc[1] == pytest.approx(25.0 + 10.0 / 0.95, abs=1e-6)
    start, end = n_plus_1_margins_mw(inp, r.timeseries)
    assert start.min() >= -1e-6 and end.min() >= -1e-6
    assert r.reliability.n_plus_1_ok is True


def test_independent_rule_counts_awarded_headroom_as_firm(make_inputs) -> None:
    # The same site as above under reliability.n_plus_1_reserve_rule = "independent": N+1 only needs
    # 15 s - 15 >= 25 (s = 4 gives 45), so the whole headroom above minimum output is sold: 4 x (15 - 5) =
    # 40 MW of REGUP at $500 with the units at their 20 MW minimum and 5 MW imported at $40.
    # Net per hour: 40 * 500 - 5 * 40 - 20 * 30 = 19,200.
    product = ReserveProduct("REGUP", "up", 1.0, np.full(4, 500.0), deploy_minutes=5.0)
    inp = make_inputs(
        [40.0] * 4,
        critical_mw=25.0,
        fleets=(_fleet(),),
        products=(product,),
        redundancy_units=1,
        n1_reserves_same_event=False,
    )
    r = solve_dispatch(inp).result
    ts = r.timeseries
    assert r.solver.status == "optimal"
    np.testing.assert_allclose(ts["reserve_REGUP_gen_gas_mw"], 40.0, atol=1e-6)
    np.testing.assert_allclose(ts["gen_gas_mw"], 20.0, atol=1e-6)
    assert r.economics.net_value_usd == pytest.approx(4 * 19_200.0, abs=1e-4)
    # recomputed margins follow the rule: 60 - 15 - 25 = 20 MW at both ends, N+1 held
    start, end = n_plus_1_margins_mw(inp, ts)
    np.testing.assert_allclose(start, 20.0, atol=1e-6)
    np.testing.assert_allclose(end, 20.0, atol=1e-6)
    assert r.reliability.n_plus_1_ok is True
    # and the same schedule judged under the same-event rule is short by the 40 MW award: 20 - 40 = -20
    same = dataclasses.replace(inp, n1_reserves_same_event=True)
    start_same, _ = n_plus_1_margins_mw(same, ts)
    np.testing.assert_allclose(start_same, -20.0, atol=1e-6)
