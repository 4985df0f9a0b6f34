"""Representative days (tsam) and the representative-period error, measured against the full horizon."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import SolveOptions, representative_days
from dcep_opt.studies._design_check import full_horizon_value, predicted_value

EXACT = SolveOptions(mip_gap=0.0)
FLAT = [30.0] * 24  # day type A
TWO_PRICE = [30.0] * 12 + [90.0] * 12  # day type B


def six_days(make_inputs, make_battery):
    """Days 0-3 flat $30, days 4-5 $30 then $90; 10 MW critical load; lossless 10 MW / 20 MWh battery
    from 10 MWh, floor 5, ending >= 10: a B day moves 9 MWh from $30 to $90 hours (+$540), an A day nothing."""
    bat = make_battery(
        power_mw=10.0,
        energy_mwh=20.0,
        pcs_mva=12.0,
        soc_min_mwh=1.0,
        soc_max_mwh=19.0,
        soc_initial_mwh=10.0,
        soc_final_min_mwh=10.0,
        floor_mwh=5.0,
        charge_efficiency=1.0,
        discharge_efficiency=1.0,
        degradation_usd_per_mwh=0.0,
    )
    return make_inputs(FLAT * 4 + TWO_PRICE * 2, critical_mw=10.0, battery=bat)


def test_typical_days_are_real_days_weighted_to_the_horizon(make_inputs, make_battery):
    inp = six_days(make_inputs, make_battery)
    days = representative_days(inp, n_typical=2, keep_extremes=False)
    assert sorted(d.weight_days for d in days) == [2.0, 4.0]
    for d in days:  # a medoid is a real day: its prices are the horizon's own
        np.testing.assert_array_equal(
            d.inputs.energy_price_usd_per_mwh, inp.energy_price_usd_per_mwh[24 * d.day : 24 * d.day + 24]
        )
    assert {d.day < 4 for d in days} == {True, False}
    # the extreme (highest-price) day is kept as its own period; every horizon day is counted once
    with_extremes = representative_days(inp, n_typical=1, keep_extremes=True)
    assert sum(d.weight_days for d in with_extremes) == 6.0
    assert any(d.extreme and d.day >= 4 for d in with_extremes)
    # no more days than asked for: the horizon is used whole
    assert [d.weight_days for d in representative_days(inp, n_typical=8)] == [1.0] * 6


def test_representative_period_error_is_measured_against_the_full_horizon(make_inputs, make_battery):
    inp = six_days(make_inputs, make_battery)
    a_day, b_day = -10 * 24 * 30.0, -(10 * 12 * 30 + 10 * 12 * 90) + 9 * 60.0
    scale = 8760 / (24 * 6)
    full, baseline, status, bad = full_horizon_value(inp, {}, EXACT)
    assert status == "optimal" and bad == 0
    # over the horizon day 4 need not end at 10 MWh: it sells down to the 5 MWh floor and day 5 refills it at
    # $30, so 5 MWh more cross from $30 to $90 (+$300) than two separate B days can move
    carry = 5 * 60.0
    assert full == pytest.approx(scale * (4 * a_day + 2 * b_day + carry), abs=1e-3)
    assert baseline == pytest.approx(scale * (4 * a_day + 2 * (b_day - 540.0)), abs=1e-6)
    # two typical days capture both day types; what they miss is the carry between days
    exact, _rows = predicted_value(representative_days(inp, 2, keep_extremes=False), {}, EXACT)
    assert exact - full == pytest.approx(-scale * carry, abs=1e-3)
    # one typical day (a flat medoid standing for all six) misses the two B days as well
    one, _rows = predicted_value(representative_days(inp, 1, keep_extremes=False), {}, EXACT)
    assert one - full == pytest.approx(scale * (2 * (a_day - b_day) - carry), abs=1e-3)
