"""Shadow prices of the fixed LP against hand calculations and a finite-difference re-solve."""

from __future__ import annotations

import pulp
import pytest

from dcep_explain import DualsError, compute_duals
from dcep_opt import FleetInputs, solve_dispatch


def test_balance_dual_is_lmp_plus_adder_when_grid_is_marginal(make_site):
    # 15-minute intervals: the balance row is in MW, the objective in USD, so dual = -(LMP + adder) * 0.25 h
    inputs = make_site([30.0, 50.0], 10.0, interval_hours=0.25, adder_usd_per_mwh=2.0)
    duals = compute_duals(solve_dispatch(inputs))
    assert duals.dual("balance", 0) == pytest.approx(-(30.0 + 2.0) * 0.25)
    assert duals.dual("balance", 1) == pytest.approx(-(50.0 + 2.0) * 0.25)
    assert duals.energy_price_usd_per_mwh(0) == pytest.approx(32.0)
    assert duals.energy_price_usd_per_mwh(1) == pytest.approx(52.0)
    # net value by hand: -(10 MW * 0.25 h) * (32 + 52)
    assert duals.objective_usd == pytest.approx(-10 * 0.25 * (32 + 52))


def _poi_case(make_site, demand_mw=80.0):
    gas = FleetInputs("gas", 1, 50.0, 0.0, fuel_usd_per_mwh=70.0, initial_units_online=1)
    return make_site([40.0], demand_mw, max_import_mw=60.0, interval_hours=0.25, fleets=(gas,))


def test_poi_import_cap_dual_is_generator_cost_minus_lmp(make_site):
    solved = solve_dispatch(_poi_case(make_site))
    duals = compute_duals(solved)
    # import 60 MW at $40, the generator covers 20 MW at $70: it is the marginal source
    assert duals.energy_price_usd_per_mwh(0) == pytest.approx(70.0)
    cap = duals.bounds["grid-import"][(0,)]
    assert cap.side == "upper" and cap.bound == pytest.approx(60.0)
    assert cap.dual == pytest.approx((70.0 - 40.0) * 0.25)
    assert duals.objective_usd == pytest.approx(-(60 * 40 + 20 * 70) * 0.25)
    assert duals.objective_usd == pytest.approx(solved.result.solver.objective_usd)
    assert duals.n_fixed == len(solved.model.index.integer_variables())


def test_balance_dual_matches_a_finite_difference_resolve(make_site):
    base = solve_dispatch(_poi_case(make_site, 80.0)).result.solver.objective_usd
    bumped = solve_dispatch(_poi_case(make_site, 81.0)).result.solver.objective_usd
    duals = compute_duals(solve_dispatch(_poi_case(make_site, 80.0)))
    assert bumped - base == pytest.approx(duals.dual("balance", 0))


def test_stored_energy_value_matches_a_finite_difference_resolve(make_site, make_battery):
    # two-price day: charge at $20, sell at $80; one more MWh initially stored is worth its later use
    prices = [20.0, 20.0, 80.0, 80.0]
    inputs = make_site(prices, 5.0, max_export_mw=100.0, battery=make_battery(soc_initial_mwh=0.5))
    more = make_site(prices, 5.0, max_export_mw=100.0, battery=make_battery(soc_initial_mwh=1.5))
    duals = compute_duals(solve_dispatch(inputs))
    delta = solve_dispatch(more).result.solver.objective_usd - solve_dispatch(inputs).result.solver.objective_usd
    # soc_initial is the rhs of the first bess-soc row
    assert duals.dual("bess-soc", 0) == pytest.approx(delta)
    # by hand: charging is power-limited (0.5 + 2 x 9 MWh = 18.5 < 20 MWh), the $80 discharge is
    # energy-limited (2 x 10 MW / 0.9 = 22.2 MWh wanted), so one more MWh sells as 0.9 MWh at $80
    assert delta == pytest.approx(80.0 * 0.9)


def test_solved_dispatch_is_left_untouched(make_site):
    solved = solve_dispatch(_poi_case(make_site))
    ints = solved.model.index.integer_variables()
    before = [(v.varValue, v.cat, v.lowBound, v.upBound) for v in ints]
    compute_duals(solved)
    assert [(v.varValue, v.cat, v.lowBound, v.upBound) for v in ints] == before
    assert all(v.cat == pulp.LpInteger for v in ints)


def test_rows_are_also_keyed_by_pulp_name(make_site):
    solved = solve_dispatch(_poi_case(make_site))
    duals = compute_duals(solved)
    con = solved.model.index.constraints["balance"][(0,)]
    assert duals.by_name[con.name] is duals.rows["balance"][(0,)]


def test_no_solution_raises(make_site):
    gas = FleetInputs("gas", 1, 10.0, 0.0, fuel_usd_per_mwh=50.0)
    infeasible = make_site([30.0], 15.0, fleets=(gas,), redundancy_units=1)
    solved = solve_dispatch(infeasible, diagnose=False)
    assert solved.result.solver.status == "infeasible"
    with pytest.raises(DualsError, match="no solution"):
        compute_duals(solved)


def test_importing_explain_makes_no_highs_object() -> None:
    # dcep-opt absorbs highspy's banner on the first solver use; importing explain must not be one (issue 9)
    import subprocess
    import sys

    script = (
        "import dcep_explain\n"
        "import dcep_opt._highs as h\n"
        "assert h._BANNER_DONE is False, 'a Highs object was made at import'\n"
        "print('done')\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout == "done\n"
    assert "HiGHS" not in out.stderr
