"""Rules written once and used everywhere: units still starting, firm capacity after losing k units."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import firm_capacity_mw, n_plus_1_margin_mw, solve_dispatch


def test_starting_window_by_hand(make_fleet) -> None:
    f = make_fleet(start_intervals=2)
    assert list(f.starting_window(0)) == [0]
    assert list(f.starting_window(5)) == [4, 5]  # started at 4 or 5: not yet synchronised at 5
    assert list(make_fleet(start_intervals=0).starting_window(5)) == []


def test_firm_capacity_by_hand() -> None:
    assert firm_capacity_mw([(15.0, 4)], 1) == 45.0
    assert firm_capacity_mw([(20.0, 1), (10.0, 3)], 1) == 30.0  # the 20 MW unit is the one lost
    assert firm_capacity_mw([(20.0, 1), (10.0, 3)], 2) == 20.0
    assert firm_capacity_mw([(20.0, 1)], 3) == 0.0
    assert firm_capacity_mw([(20.0, -1.0)], 0) == 0.0
    with pytest.raises(ValueError):
        firm_capacity_mw([(20.0, 1)], -1)


def test_synced_units_and_margin_recomputed_from_the_columns(make_inputs, make_fleet, make_battery) -> None:
    fleet = make_fleet(count=3, start_intervals=2, min_up_intervals=2, min_down_intervals=1, initial_units_online=2)
    inp = make_inputs(
        [30.0, 30.0, 200.0, 200.0, 200.0, 30.0], critical_mw=12.0, fleets=(fleet,), redundancy_units=1,
        battery=make_battery(power_mw=10.0, pcs_mva=10.0),
    )  # fmt: skip
    ts = solve_dispatch(inp).result.timeseries
    online, starts = ts["gen_gas_units_online"], ts["gen_gas_starts"]
    assert starts.sum() >= 1  # the schedule starts units, so the start window matters
    for t in range(inp.n_intervals):
        still_starting = sum(starts[tau] for tau in range(max(0, t - 1), t + 1))  # start time = 2 intervals
        assert ts["gen_gas_units_synced"][t] == online[t] - still_starting
    margin = n_plus_1_margin_mw(inp, ts)
    assert margin is not None
    # generation part by hand: synced units of 15 MW, one lost; battery part is n1_deliverable_mw
    firm_gen = np.maximum(ts["gen_gas_units_synced"] - 1, 0) * 15.0
    battery = margin + ts["demand_critical_mw"] - firm_gen
    assert np.all(battery >= -1e-9) and np.all(battery <= 10.0 + 1e-9)


def test_ride_through_column_at_the_floor_is_the_one_rule(make_inputs, make_battery) -> None:
    from dcep_models import ride_through_energy_mwh, ride_through_minutes
    from dcep_opt import ride_through_minutes as column

    b = make_battery(soc_initial_mwh=25.0)  # floor 25 MWh, soc_min 5 MWh, eta_dis 0.95; starts on the floor
    inp = make_inputs([30.0] * 3, critical_mw=20.0, battery=b)
    ts = {"demand_critical_mw": np.full(3, 20.0), "bess_soc_mwh": np.full(3, b.floor_mwh)}
    at_floor = ride_through_minutes(b.floor_mwh - b.soc_min_mwh, b.discharge_efficiency, 20.0)
    assert at_floor == pytest.approx(20.0 * 0.95 / 20.0 * 60.0)  # 57 min by hand
    np.testing.assert_allclose(column(inp, ts), at_floor)
    assert ride_through_energy_mwh(at_floor, 0.95, 20.0) == pytest.approx(b.floor_mwh - b.soc_min_mwh)
