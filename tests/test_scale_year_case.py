"""The year case: a full year of real ERCOT prices on 15-min intervals, and rolling horizon on a real day."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from dcep_models import apply_overrides, case_data, load_case
from dcep_opt import SolveOptions, prepare_inputs, solve_dispatch, solve_rolling

CASES = Path(__file__).resolve().parents[1] / "cases"
YEAR = CASES / "ercot_50mw_year_2025.json"


def test_year_case_has_35040_intervals_priced_from_the_2024_file() -> None:
    case = load_case(YEAR)
    inputs = prepare_inputs(case)
    assert inputs.n_intervals == 35_040
    with (CASES / "data/ercot/hb_hubavg_rtm_15min_2024.csv").open() as f:
        prices = [float(row["SPP"]) for row in csv.DictReader(f)]
    assert len(prices) == 35_136  # calendar 2024 is a leap year; the case takes its first 365 days
    np.testing.assert_allclose(inputs.energy_price_usd_per_mwh, prices[:35_040])
    assert inputs.interval_starts[-1].startswith("2024-12-30T23:45:00")


def test_rolling_on_a_real_july_day_stays_under_the_full_solve_bound() -> None:
    case = load_case(YEAR)
    day = apply_overrides(
        case_data(case), {"time.horizon_hours": 24, "time.start": "2024-07-15T00:00:00"}, case.base_dir
    )
    inputs = prepare_inputs(day)
    options = SolveOptions(time_limit_s=60, mip_gap=1e-4)
    full = solve_dispatch(inputs, options).result
    assert full.solver.status == "optimal" and full.solver.best_bound_usd is not None
    rolled = solve_rolling(inputs, 64, 32, options)  # 16 h windows committing 8 h
    assert rolled.complete and not rolled.not_optimal
    # with no min up/down breach at the seams the stitched schedule is feasible for the full model,
    # so HiGHS's proven bound on the full optimum caps it
    assert rolled.min_up_down_breaches == 0
    value = rolled.result.economics.net_value_usd
    assert value <= full.solver.best_bound_usd + 1e-6
    assert value == pytest.approx(full.economics.net_value_usd, rel=0.01)
    soc = rolled.result.timeseries["bess_soc_mwh"]
    b = inputs.battery
    ts = rolled.result.timeseries
    prev = np.concatenate([[b.soc_initial_mwh], soc[:-1]])
    h = inputs.interval_hours
    dyn = prev + b.charge_efficiency * h * ts["bess_charge_mw"] - h / b.discharge_efficiency * ts["bess_discharge_mw"]
    np.testing.assert_allclose(soc[[32, 64]], dyn[[32, 64]], atol=1e-6)  # the seams


def test_dcep_run_on_the_year_refuses_in_a_fraction_of_its_budget_and_writes_nothing(tmp_path, capsys) -> None:
    # The year builds in ~25 s now, inside the 120 s budget, so the build estimate lets it through; its
    # first day cannot solve in 1/365 of the budget (1.85 s CPU for 0.3 s), so the command refuses it
    # instead of solving for minutes without a solution (measured before: 2 min 44 s, no solution).
    from dcep_cli.main import main

    out = tmp_path / "results.json"
    out.write_bytes(b"old\n")
    assert main(["run", str(YEAR), "-q", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "not built" in err and "first 96 intervals alone did not solve" in err and "dcep year" in err
    assert out.read_bytes() == b"old\n"
