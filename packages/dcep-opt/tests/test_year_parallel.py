"""Parallel-in-time dispatch: the stitched schedule, its certified bound and independence from the workers.

References are independent of the windows: the full-horizon MILP solved whole (small enough here),
and invariants recomputed from the stitched series alone (SOC continuity, min up/down).
"""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import (
    BatteryInputs,
    DispatchInputs,
    FleetInputs,
    GridInputs,
    LoadInputs,
    ReserveProduct,
    SolveOptions,
    solve_dispatch,
    solve_year,
    task_pool,
)
from dcep_opt.studies._rolling import count_min_up_down_breaches, slice_inputs

EXACT = SolveOptions(time_limit_s=60.0, mip_gap=0.0)


def _week(days: int = 4) -> DispatchInputs:
    """Hourly days with an evening peak, a spike, a gas fleet with min up/down, and regulation-up sales."""
    n = 24 * days
    hour = np.arange(n) % 24
    rng = np.random.default_rng(11)
    price = np.where((hour >= 17) & (hour <= 21), 95.0, np.where(hour < 6, 12.0, 38.0)) + rng.uniform(-6, 6, n)
    price[30] = 420.0
    price[24 * (days - 1) + 19] = 300.0
    battery = BatteryInputs(
        power_mw=10.0,
        energy_mwh=40.0,
        pcs_mva=11.0,
        soc_min_mwh=2.0,
        soc_max_mwh=38.0,
        soc_initial_mwh=20.0,
        soc_final_min_mwh=20.0,
        floor_mwh=8.0,
        degradation_usd_per_mwh=1.0,
    )
    fleet = FleetInputs(
        name="gas",
        count=3,
        p_max_mw=8.0,
        p_min_mw=3.0,
        fuel_usd_per_mwh=55.0,
        start_cost_usd=150.0,
        start_intervals=1,
        min_up_intervals=4,
        min_down_intervals=3,
        q_max_mvar_per_unit=4.0,
    )
    regup = ReserveProduct(
        name="REGUP",
        direction="up",
        duration_hours=0.5,
        price_usd_per_mw_h=np.full(n, 9.0) + rng.uniform(0, 4, n),
        storage_eligible=True,
        generator_eligible=True,
    )
    return DispatchInputs(
        name="four days",
        interval_hours=1.0,
        energy_price_usd_per_mwh=price,
        import_adder_usd_per_mwh=np.zeros(n),
        loads=(LoadInputs("it", "critical", np.full(n, 18.0)),),
        grid=GridInputs(max_import_mw=30.0, max_export_mw=12.0, poi_mva=45.0),
        battery=battery,
        fleets=(fleet,),
        products=(regup,),
        ride_through_minutes=0.0,
    )


@pytest.fixture(scope="module")
def serial_year():
    inputs = _week()
    with task_pool(serial=True) as pool:
        return inputs, solve_year(inputs, 24, pool, EXACT, pilot_intervals=24)


def test_bound_is_above_the_full_optimum_which_is_above_the_stitched_schedule(serial_year):
    inputs, year = serial_year
    full = solve_dispatch(inputs, EXACT).result
    assert full.solver.status == "optimal"
    best = full.economics.net_value_usd
    stitched = year.result.economics.net_value_usd
    tol = 1e-6 * abs(best) + 1e-6
    assert year.complete and not year.stopped_early
    assert year.bound_usd is not None and year.bound_usd >= best - tol  # a valid bound (maximising net value)
    assert stitched <= best + tol  # the stitched schedule is feasible for the full model
    # the printed gap is exactly what the bound and the stitched value say (honest)
    assert year.gap == pytest.approx((year.bound_usd - stitched) / abs(year.bound_usd), abs=1e-12)
    assert year.result.solver.best_bound_usd == year.bound_usd and year.result.solver.mip_gap == year.gap
    assert year.gap >= -1e-9
    # the bound is tight here (within 1 % of the true optimum: 0.87 % with the pilot LP's duals as seam
    # prices, one pass; the windows' fixed-commitment duals gave < 0.5 % on this toy but looser bounds on the
    # year case, see studies/_year); the stitched schedule is not: the pilot LP asks for 0 units at the first
    # seam where the optimum keeps 3 on until it, and a settled seam then stops them 3 h (min down) early.
    # Measured 6.2 % below the optimum: the gap says so, honestly.
    assert year.bound_usd - best <= 1e-2 * abs(best)
    assert len(year.windows) == 4 and year.worst_window_gap is not None


def test_the_windows_gaps_in_usd_add_up_to_the_years_gap(serial_year):
    # the stitched net value is recomputed from the stitched time series (finish_result); the windows' gaps
    # come from each window's own objective and bound: their sum meets the year's gap only if the seam values
    # cancel and the stitched series is worth what the windows said
    _inputs, year = serial_year
    gaps = [w.gap_usd for w in year.windows]
    assert all(g is not None and g >= -1e-6 for g in gaps)  # each bound is above its own schedule
    net = year.result.solver.objective_usd
    assert sum(gaps) == pytest.approx(year.bound_usd - net, abs=1e-3)
    worst = year.worst_window
    assert worst is not None and worst.gap_usd == max(gaps)


def test_stitched_schedule_is_feasible_across_seams(serial_year):
    inputs, year = serial_year
    ts = year.result.timeseries
    assert ts["bess_soc_mwh"].size == inputs.n_intervals
    # SOC continuity recomputed from the charge and discharge series alone, through every seam
    b = inputs.battery
    soc = b.soc_initial_mwh + np.cumsum(
        b.charge_efficiency * ts["bess_charge_mw"] - ts["bess_discharge_mw"] / b.discharge_efficiency
    )
    np.testing.assert_allclose(soc, ts["bess_soc_mwh"], atol=1e-6)
    assert ts["bess_soc_mwh"][-1] >= b.soc_final_min_mwh - 1e-6
    # min up/down over the whole horizon, counted from the stitched series (time in state carried)
    assert count_min_up_down_breaches(inputs.fleets, ts) == 0 == year.min_up_down_breaches
    units = ts["gen_gas_units_online"]
    np.testing.assert_allclose(np.diff(np.concatenate([[0.0], units])), ts["gen_gas_starts"] - ts["gen_gas_stops"])


def test_same_result_to_the_cent_on_two_dask_workers(serial_year):
    import dask.distributed  # noqa: F401  (dcep-opt[dask]: installed in every session testing dcep-opt)

    inputs, year = serial_year
    with task_pool(n_workers=2) as pool:
        on_dask = solve_year(inputs, 24, pool, EXACT, pilot_intervals=24)
    assert on_dask.workers == 2
    assert round(on_dask.result.economics.net_value_usd, 2) == round(year.result.economics.net_value_usd, 2)
    assert on_dask.bound_usd == pytest.approx(year.bound_usd, abs=0.005)
    for col, values in year.result.timeseries.items():
        np.testing.assert_array_equal(on_dask.result.timeseries[col], values, err_msg=col)


def test_grouped_pilots_give_the_same_year_on_one_and_two_dask_workers():
    # 17 days, 16 seams: MIN_PILOT_TASKS makes 8 pilot LPs of 2 seams each (the year case's 7-seam LPs, in
    # small); the grouping depends on the horizon only, so the workers cannot change any seam or window
    import dask.distributed  # noqa: F401  (dcep-opt[dask]: installed in every session testing dcep-opt)

    from dcep_opt.studies._year import MIN_PILOT_TASKS, _pilot_tasks

    inputs = _week(days=17)
    seams = list(range(24, inputs.n_intervals, 24))
    assert len(_pilot_tasks(inputs, seams, 24, EXACT)) == MIN_PILOT_TASKS < len(seams)
    with task_pool(serial=True) as pool:
        serial = solve_year(inputs, 24, pool, EXACT, pilot_intervals=24)
    with task_pool(n_workers=2) as pool:
        on_dask = solve_year(inputs, 24, pool, EXACT, pilot_intervals=24)
    assert serial.complete and on_dask.workers == 2 and serial.min_up_down_breaches == 0
    assert round(on_dask.result.economics.net_value_usd, 2) == round(serial.result.economics.net_value_usd, 2)
    assert on_dask.bound_usd == pytest.approx(serial.bound_usd, abs=0.005)
    assert serial.bound_usd >= serial.result.economics.net_value_usd - 1e-6
    for col, values in serial.result.timeseries.items():
        np.testing.assert_array_equal(on_dask.result.timeseries[col], values, err_msg=col)


@pytest.mark.parametrize("per_pilot", [1, 2, 3, 7])
def test_pilot_groups_give_every_seam_its_half_pilot_on_both_sides(per_pilot):
    """Grouped pilots: every seam once, in order, inside one LP that reaches at least half the pilot
    horizon before and after it (where the horizon has that much), each LP at least the pilot long."""
    from dcep_opt.studies._year import _pilot_tasks

    inputs = _week(days=9)
    n, half = inputs.n_intervals, 12
    seams = list(range(24, n, 24))
    tasks = _pilot_tasks(inputs, seams, 2 * half, EXACT, per_pilot)
    assert len(tasks) == -(-len(seams) // per_pilot)
    seen = []
    lo = 0
    for span, ats, _opts in tasks:
        m = span.n_intervals
        assert m >= min(2 * half, n)
        # the span's first price locates it in the horizon (prices differ interval to interval here)
        lo = int(np.flatnonzero(inputs.energy_price_usd_per_mwh == span.energy_price_usd_per_mwh[0])[0])
        for at in ats:
            assert min(half, lo + at) <= at and at + min(half, n - lo - at) <= m
            seen.append(lo + at)
    assert seen == seams


def test_subgradient_passes_only_tighten_a_still_valid_bound(serial_year):
    inputs, year = serial_year
    with task_pool(serial=True) as pool:
        tighter = solve_year(inputs, 24, pool, EXACT, pilot_intervals=24, bound_passes=3)
    best = solve_dispatch(inputs, EXACT).result.economics.net_value_usd
    assert tighter.bound_usd is not None and year.bound_usd is not None
    assert best - 1e-6 * abs(best) <= tighter.bound_usd <= year.bound_usd + 1e-9
    # the schedule is the same: only the seams' prices (and so the bound) moved
    assert tighter.result.economics.net_value_usd == year.result.economics.net_value_usd


def test_bound_from_the_schedule_model_equals_a_fresh_build_and_its_relaxation_bounds_it():
    """The bound model exported from a solved schedule (pins and fixed integers undone, start freed) has the
    same MILP optimum as the bound model built afresh; its LP relaxation is above it (a weaker valid bound),
    and equal to it when the relaxation's solution is integral."""
    from dataclasses import replace

    from dcep_opt._build import build_model
    from dcep_opt._solve import solve_model
    from dcep_opt.studies._seams import pilot_seams, relax_window_start, with_start
    from dcep_opt.studies._year import _pilot_tasks, _WindowTask, schedule_window, solve_bound_lp, unpack

    inputs = _week()
    lp_options = replace(EXACT, mip_gap=0.0)
    targets = [t for task in _pilot_tasks(inputs, [24, 48, 72], 24, lp_options) for t in pilot_seams(task)]
    targets = [replace(t, value_usd_per_mwh=30.0 + 5 * j, unit_values_usd=(12.0 * j,)) for j, t in enumerate(targets)]
    integral_seen = 0
    for k in range(4):
        start = targets[k - 1] if k > 0 else None
        end = targets[k] if k < 3 else None
        window = with_start(slice_inputs(inputs, 24 * k, 24 * (k + 1), final_target=k == 3), start)
        facts, _ts = schedule_window(_WindowTask(k, 24 * k, 24 * (k + 1), window, start, end, EXACT, EXACT))
        fresh = build_model(window).model
        relax_window_start(fresh, start, end)
        expected = solve_model(fresh, EXACT).best_bound_usd
        lp = unpack(facts["bound_lp"])
        milp = solve_bound_lp(lp, start, end, EXACT)
        relaxed = solve_bound_lp(lp, start, end, EXACT, relaxed=True)
        assert milp["bound_termination"] == "optimal"
        assert milp["bound_usd"] == pytest.approx(expected, rel=1e-7, abs=1e-6), k
        assert relaxed["bound_usd"] >= milp["bound_usd"] - 1e-6
        # an LP started from the basis of other seam prices reaches the same optimum
        if end is not None:
            other = replace(end, value_usd_per_mwh=end.value_usd_per_mwh + 7.0)
            first = solve_bound_lp(lp, start, other, EXACT, relaxed=True)
            warm = solve_bound_lp(lp, start, end, EXACT, relaxed=True, basis=first["basis"])
            assert first["basis"] is not None
            assert warm["bound_usd"] == pytest.approx(relaxed["bound_usd"], rel=1e-9, abs=1e-6)
        if relaxed["integral"]:
            integral_seen += 1
            assert relaxed["bound_usd"] == pytest.approx(milp["bound_usd"], abs=1e-5)
        # the priced schedule is feasible for the bound model: its priced objective is below the bound
        priced = facts["objective_usd"] + (0.0 if end is None else end.value_usd_per_mwh * end.soc_mwh)
        priced += 0.0 if end is None else end.unit_values_usd[0] * end.units[0]
        priced -= (
            0.0
            if start is None
            else start.value_usd_per_mwh * start.soc_mwh + start.unit_values_usd[0] * start.units[0]
        )
        assert priced <= milp["bound_usd"] + 1e-6
