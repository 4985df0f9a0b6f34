"""Representative days (tsam) and the representative-period error, measured against the full horizon."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import SolveOptions, representative_days
from dcep_opt.studies._design_check import full_horizon_parallel, full_horizon_value, predicted_value
from dcep_opt.studies._representative import baseline_anchor_usd, calibrated_weights, price_tail_usd_per_mw

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


def test_raked_weights_match_the_day_count_and_the_price_tail_by_hand():
    # two clusters of 2 days, tails 0 and 10 USD/MW, target 30: w0 + w1 = 4 and 10 w1 = 30 -> (1, 3)
    w = calibrated_weights(np.array([2.0, 2.0]), np.array([0.0, 10.0]), 30.0)
    assert w is not None and w == pytest.approx([1.0, 3.0], rel=1e-9)
    # counts already on target: unchanged
    same = calibrated_weights(np.array([4.0, 2.0]), np.array([0.0, 600.0]), 1200.0)
    assert same is not None and same == pytest.approx([4.0, 2.0], rel=1e-12)
    # no positive weights reach a tail beyond every day's (4 days x 10 = 40 at most), nor one day alone
    assert calibrated_weights(np.array([2.0, 2.0]), np.array([0.0, 10.0]), 50.0) is None
    assert calibrated_weights(np.array([4.0]), np.array([10.0]), 40.0) is None


def test_peak_days_are_kept_whole_and_the_rest_is_clustered(make_inputs, make_battery):
    # days 0-3 flat $30, day 4 $30 then $90, day 5 a $30 day with one $1,000 hour: the largest price tail
    spike = [30.0] * 18 + [1000.0] + [30.0] * 5
    inp = make_inputs(FLAT * 4 + TWO_PRICE + spike, critical_mw=10.0)
    mean = (6 * 24 * 30.0 + 12 * 60.0 + 970.0) / 144  # $41.74: only the $90 hours and the spike lie above
    tails = price_tail_usd_per_mw(inp)
    assert tails[5] == pytest.approx(1000.0 - mean) and tails[4] == pytest.approx(12 * (90.0 - mean))
    days = representative_days(inp, n_typical=2, keep_extremes=False, n_peak=1)
    assert (days[0].day, days[0].weight_days, days[0].extreme) == (5, 1.0, True)
    # the other five: the flat days and the two-price day, their weights still the day counts
    assert sorted((d.day < 4, d.weight_days) for d in days[1:]) == [(False, 1.0), (True, 4.0)]
    with pytest.raises(ValueError, match="n_peak"):
        representative_days(inp, n_peak=-1)


def test_baseline_anchor_is_the_exact_baseline_the_days_miss(make_inputs, make_battery):
    inp = six_days(make_inputs, make_battery)
    scale = 8760 / (24 * 6)
    # one typical day (a flat medoid, weight 6) prices the 10 MW load at $30 all day: 6 x -$7,200; the horizon
    # pays 4 x -$7,200 + 2 x -(12 x $300 + 12 x $900) = -$57,600
    days = representative_days(inp, 1, keep_extremes=False)
    assert [(d.day < 4, d.weight_days) for d in days] == [(True, 6.0)]
    assert baseline_anchor_usd(inp, days) == pytest.approx(scale * (-57_600.0 + 6 * 7_200.0))
    # two typical days hold both day types: nothing to anchor
    assert baseline_anchor_usd(inp, representative_days(inp, 2, keep_extremes=False)) == pytest.approx(0.0)
    # anchored, the one-day prediction misses only the value over the baseline of the two B days (+$540 each)
    # and the carry between them
    one, _rows = predicted_value(days, {}, EXACT)
    full, _base, _status, _bad = full_horizon_value(inp, {}, EXACT)
    anchored = one + baseline_anchor_usd(inp, days)
    assert anchored - full == pytest.approx(-scale * (2 * 540.0 + 5 * 60.0), abs=1e-3)


def test_parallel_full_horizon_finds_the_carry_between_days(make_inputs, make_battery):
    inp = six_days(make_inputs, make_battery)
    year, _inp = full_horizon_parallel(inp, {}, EXACT, serial=True)
    a_day, b_day = -10 * 24 * 30.0, -(10 * 12 * 30 + 10 * 12 * 90) + 9 * 60.0
    optimum = 4 * a_day + 2 * b_day + 5 * 60.0  # the carry of test_representative_period_error_is_measured...
    e = year.result.economics
    assert year.complete and e is not None and year.bound_usd is not None
    # the stitched 24 h windows carry the 5 MWh from day 4 to day 5 (seams set by the pilot LPs): the optimum,
    # $300 above six days solved alone; the certified bound never falls below it
    assert e.net_value_usd == pytest.approx(optimum, abs=1e-3)
    assert year.bound_usd >= optimum - 1e-6
