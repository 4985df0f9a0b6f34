"""Grid-outage ride-through: exact survival times against hand calculations."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import (
    BatteryInputs,
    DispatchResult,
    FleetInputs,
    SolveOptions,
    SolverFacts,
    analyse_outages,
    outage_csv,
    simulate_outage,
    solve_dispatch,
)
from dcep_opt.studies._outage import CAUSE_ENERGY, CAUSE_POWER, UnitBlock


def _battery(usable_mwh: float = 10.0, power_mw: float = 25.0, eta: float = 0.95, **over: float) -> BatteryInputs:
    """A battery whose SOC minimum is 0, so ``soc_mwh`` is the usable energy."""
    base = dict(
        power_mw=power_mw,
        energy_mwh=100.0,
        pcs_mva=power_mw,
        soc_min_mwh=0.0,
        soc_max_mwh=100.0,
        soc_initial_mwh=usable_mwh,
        soc_final_min_mwh=0.0,
        floor_mwh=0.0,
        charge_efficiency=eta,
        discharge_efficiency=eta,
    )
    base.update(over)
    return BatteryInputs(**base)  # type: ignore[arg-type]


# --- one outage, by hand -----------------------------------------------------------------------


def test_battery_alone_carries_20mw_for_28_5_min():
    # 10 MWh * 0.95 delivered / 20 MW = 0.475 h = 28.5 min
    run = simulate_outage([20.0], 15.0, 240.0, 10.0, _battery())
    assert run.minutes == pytest.approx(28.5, abs=1e-9)
    assert run.cause == CAUSE_ENERGY


def test_offline_unit_with_10_min_start_is_bridged_and_survives():
    # the battery needs 20 MW * 10 min / 0.95 = 3.51 MWh of its 10 MWh to bridge the start
    run = simulate_outage([20.0], 15.0, 240.0, 10.0, _battery(), [UnitBlock(10.0, 20.0)])
    assert run.minutes == 240.0 and run.cause == ""


def test_unit_slower_than_the_battery_bridge_fails_at_28_5_min():
    run = simulate_outage([20.0], 15.0, 240.0, 10.0, _battery(), [UnitBlock(30.0, 20.0)])
    assert run.minutes == pytest.approx(28.5, abs=1e-9)
    assert run.cause == CAUSE_ENERGY


def test_units_online_need_no_battery():
    assert simulate_outage([20.0], 15.0, 240.0, 0.0, None, [UnitBlock(0.0, 20.0)]).minutes == 240.0
    # an empty battery (at its minimum) changes nothing
    assert simulate_outage([20.0], 15.0, 240.0, 0.0, _battery(0.0), [UnitBlock(0.0, 20.0)]).minutes == 240.0


def test_no_battery_no_generation_fails_at_once():
    run = simulate_outage([20.0], 15.0, 60.0, 0.0, None)
    assert run.minutes == 0.0 and run.cause == CAUSE_POWER


def test_battery_power_below_the_deficit_fails_at_once():
    run = simulate_outage([20.0], 15.0, 60.0, 50.0, _battery(50.0, power_mw=15.0))
    assert run.minutes == 0.0 and run.cause == CAUSE_POWER
    # a 10 MW unit online leaves a 10 MW deficit the 15 MW inverter can carry: 50 * 0.95 / 10 h = 285 min
    run = simulate_outage([20.0], 15.0, 600.0, 50.0, _battery(50.0, power_mw=15.0), [UnitBlock(0.0, 10.0)])
    assert run.minutes == pytest.approx(285.0, abs=1e-9)


def test_demand_steps_are_followed_exactly():
    # eta 1: 10 MW for 15 min uses 2.5 MWh, the other 7.5 MWh carry 30 MW for 15 min -> 30 min
    run = simulate_outage([10.0, 30.0], 15.0, 120.0, 10.0, _battery(10.0, power_mw=40.0, eta=1.0))
    assert run.minutes == pytest.approx(30.0, abs=1e-9)


def test_demand_wraps_round_the_horizon():
    # 3 MW then 12 MW, repeated: eta 1, 6 MWh: 15 min at 3 (0.75) + 15 min at 12 (3.0) + 15 min at 3 (0.75)
    # leaves 1.5 MWh, which carries 12 MW for 7.5 min -> 52.5 min
    run = simulate_outage([3.0, 12.0], 15.0, 240.0, 6.0, _battery(6.0, eta=1.0))
    assert run.minutes == pytest.approx(52.5, abs=1e-9)


def test_generator_surplus_recharges_the_battery():
    # 20 MW online; 10 MW load for the first hour charges an empty 10 MW battery to its 5 MWh max,
    # then 30 MW load leaves a 10 MW deficit: 5 MWh / 10 MW = 30 min -> 90 min in all
    b = _battery(0.0, power_mw=10.0, eta=1.0, soc_max_mwh=5.0)
    run = simulate_outage([10.0, 30.0, 30.0], 60.0, 240.0, 0.0, b, [UnitBlock(0.0, 20.0)])
    assert run.minutes == pytest.approx(90.0, abs=1e-9)


def test_survival_is_capped_at_the_duration():
    assert simulate_outage([1.0], 15.0, 30.0, 100.0, _battery(100.0)).minutes == 30.0


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        simulate_outage([], 15.0, 30.0, 1.0, None)
    with pytest.raises(ValueError):
        simulate_outage([1.0], 15.0, 0.0, 1.0, None)


# --- every start of a schedule ---------------------------------------------------------------------


def _facts(status: str = "optimal") -> SolverFacts:
    return SolverFacts(status, status, "kOptimal", 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0)


def _schedule(make_inputs, start_time_min: float, start_intervals: int = 1, ride_through_minutes: float = 15.0):
    """4 x 15 min, 20 MW critical; SOC 15 -> [15, 10, 12, 20] MWh (min 5); 2 x 20 MW units, one started
    in interval 2 and online from then on."""
    battery = _battery(power_mw=25.0, soc_min_mwh=5.0, soc_initial_mwh=15.0)
    fleet = FleetInputs(
        name="gas", count=2, p_max_mw=20.0, start_time_min=start_time_min, start_intervals=start_intervals
    )
    inputs = make_inputs(
        [30.0] * 4,
        critical_mw=20.0,
        interval_hours=0.25,
        battery=battery,
        fleets=(fleet,),
        ride_through_minutes=ride_through_minutes,
    )
    ts = {
        "demand_critical_mw": np.full(4, 20.0),
        "bess_soc_mwh": np.array([15.0, 10.0, 12.0, 20.0]),
        "gen_gas_units_online": np.array([0.0, 0.0, 1.0, 1.0]),
        "gen_gas_starts": np.array([0.0, 0.0, 1.0, 0.0]),
    }
    labels = ["00:00", "00:15", "00:30", "00:45"]
    return inputs, DispatchResult("hand", 0.25, labels, ts, None, None, _facts())


def test_every_start_survives_when_starts_take_10_min(make_inputs):
    inputs, result = _schedule(make_inputs, start_time_min=10.0)
    report = analyse_outages(inputs, result, 4.0)
    # lower SOC of each interval's ends: [15, 10, 10, 12] -> usable [10, 5, 5, 7] MWh
    np.testing.assert_allclose(report.soc_at_outage_mwh, [15.0, 10.0, 10.0, 12.0])
    np.testing.assert_allclose(report.battery_only_min, [28.5, 14.25, 14.25, 19.95])
    np.testing.assert_allclose(report.survival_min, [240.0] * 4)
    np.testing.assert_allclose(report.units_synced, [0, 0, 0, 1])
    assert report.fraction_survived == 1.0
    assert report.ride_through_met
    assert report.worst_index == 1  # every start survives: the shortest battery bridge is the most exposed


def test_starts_fail_where_the_bridge_is_shorter_than_a_15_min_start(make_inputs):
    inputs, result = _schedule(make_inputs, start_time_min=15.0)
    report = analyse_outages(inputs, result, 4.0)
    # t=0: 28.5 min of battery > 15 min start; t=1, t=2 (unit still starting, 15 min left): 14.25 min;
    # t=3: one unit synchronised carries the 20 MW
    np.testing.assert_allclose(report.survival_min, [240.0, 14.25, 14.25, 240.0])
    assert report.causes == ["", CAUSE_ENERGY, CAUSE_ENERGY, ""]
    assert report.worst_index == 1 and report.worst_start == "00:15"
    assert report.worst_survival_min == pytest.approx(14.25)
    assert report.fraction_survived == 0.5
    assert not report.ride_through_met
    rows = outage_csv(report).splitlines()
    assert rows[0].startswith("outage_start,soc_at_outage_mwh") and len(rows) == 5
    assert rows[2].split(",")[-2:] == ["False", CAUSE_ENERGY]


def test_a_unit_started_last_interval_has_only_its_remaining_start_time(make_inputs):
    # 25 min start (2 intervals); at t=3 the unit started at t=2 has 10 min left, the other 25 min:
    # 7 MWh usable bridges 19.95 min > 10 -> survives
    inputs, result = _schedule(make_inputs, start_time_min=25.0, start_intervals=2)
    result.timeseries["gen_gas_units_online"] = np.array([0.0, 0.0, 1.0, 1.0])
    report = analyse_outages(inputs, result, 1.0)
    assert report.units_synced[3] == 0
    assert report.survival_min[3] == 60.0
    # t=2: 25 min left on both units, 5 MWh bridge 14.25 min
    assert report.survival_min[2] == pytest.approx(14.25)


def test_analysis_refuses_a_result_without_schedule(make_inputs):
    inputs, result = _schedule(make_inputs, start_time_min=10.0)
    with pytest.raises(ValueError, match="duration"):
        analyse_outages(inputs, result, float("nan"))
    empty = DispatchResult("hand", 0.25, [], {}, None, None, _facts("infeasible"))
    with pytest.raises(ValueError, match="infeasible"):
        analyse_outages(inputs, empty, 1.0)


def test_battery_bridge_matches_the_solved_ride_through_column(make_inputs, make_battery):
    # flat critical demand within the inverter's rating: the battery-only bridge is the same quantity
    # as the runner's ride_through_min column (computed independently in dcep_opt._economics)
    prices = [20.0, 60.0, 10.0, 80.0, 30.0, 30.0]
    inputs = make_inputs(prices, critical_mw=20.0, battery=make_battery(), ride_through_minutes=15.0)
    solved = solve_dispatch(inputs, SolveOptions(time_limit_s=30, mip_gap=0.0))
    assert solved.result.solver.status == "optimal"
    report = analyse_outages(inputs, solved.result, 24.0)
    np.testing.assert_allclose(report.battery_only_min, solved.result.timeseries["ride_through_min"], rtol=1e-9)
    assert report.ride_through_met == solved.result.reliability.ride_through_ok


def test_losing_every_unit_leaves_the_battery_bridge(make_inputs):
    inputs, result = _schedule(make_inputs, start_time_min=10.0)
    report = analyse_outages(inputs, result, 4.0, units_lost=2)
    np.testing.assert_allclose(report.survival_min, [28.5, 14.25, 14.25, 19.95])
    np.testing.assert_allclose(report.survival_min, report.battery_only_min)


def test_losing_the_running_unit_is_the_worst_single_loss(make_inputs):
    # 15 min starts. t=3: one unit synchronised, one offline. Losing the running unit leaves the
    # offline one at 15 min: 7 MWh usable bridge 19.95 min -> carried. Losing 2 of 2: 19.95 min.
    inputs, result = _schedule(make_inputs, start_time_min=15.0)
    one = analyse_outages(inputs, result, 4.0, units_lost=1)
    np.testing.assert_allclose(one.survival_min, [240.0, 14.25, 14.25, 240.0])
    assert one.units_lost == 1
    many = analyse_outages(inputs, result, 4.0, units_lost=5)  # more than exist: all are lost
    np.testing.assert_allclose(many.survival_min, [28.5, 14.25, 14.25, 19.95])
    with pytest.raises(ValueError, match="units_lost"):
        analyse_outages(inputs, result, 4.0, units_lost=-1)


def test_worst_loss_over_two_fleets_is_found():
    # 30 MW load, battery bridges 20 min (10 MWh * 1.0 / 30 MW); a 30 MW unit online and two 15 MW
    # units online. Lose one unit: losing the 30 MW unit leaves 30 MW (fine), losing a 15 MW unit leaves
    # 45 MW: survives either way. Lose two: worst is the 30 MW + a 15 MW unit -> 15 MW left, deficit
    # 15 MW: 10 MWh / 15 MW = 40 min.
    from dcep_opt.studies._outage import _after_losses

    blocks = [UnitBlock(0.0, 30.0, 1), UnitBlock(0.0, 30.0, 2)]
    b = _battery(10.0, power_mw=40.0, eta=1.0)
    worst = min(simulate_outage([30.0], 60.0, 240.0, 10.0, b, left).minutes for left in _after_losses(blocks, 2))
    assert worst == pytest.approx(40.0)
    assert len(_after_losses(blocks, 2)) == 2  # (1 big + 1 small) or (2 small)
