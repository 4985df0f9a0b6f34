"""dcep-explain on the default ERCOT case: fixed-LP duals agree with the MILP and with the schedule."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dcep_cli.main import main
from dcep_explain import explain_dispatch
from dcep_models import load_case
from dcep_opt import prepare_inputs, solve_dispatch

CASE = Path(__file__).resolve().parents[1] / "cases" / "ercot_50mw.json"


@pytest.fixture(scope="module")
def explained():
    return explain_dispatch(solve_dispatch(prepare_inputs(load_case(CASE))))


def test_fixed_lp_reproduces_the_milp_objective(explained) -> None:
    assert explained.duals.objective_usd == pytest.approx(explained.result.solver.objective_usd, rel=1e-7, abs=1e-4)
    assert explained.duals.n_fixed == explained.result.solver.n_integer


def test_interior_grid_import_prices_energy_at_lmp_plus_adder(explained) -> None:
    # complementary slackness: an import strictly inside (0, cap) whose other rows carry no price
    # makes the grid the marginal source, so the balance price is LMP + adder (ERCOT case: 15 min)
    inp, ts, duals = explained.inputs, explained.result.timeseries, explained.duals
    imp = ts["grid_import_mw"]
    checked = 0
    for t in range(inp.n_intervals):
        if not 1e-3 < imp[t] < inp.grid.max_import_mw - 1e-3:
            continue
        others = [
            row.dual
            for fam in ("poi-mva", "xfmr-mva", "poi-pf", "grid-excl")
            for key, row in duals.rows.get(fam, {}).items()
            if key[-1] == t
        ]
        if any(others):
            continue
        lmp = inp.energy_price_usd_per_mwh[t] + inp.import_adder_usd_per_mwh[t]
        assert duals.energy_price_usd_per_mwh(t) == pytest.approx(lmp), t
        checked += 1
    assert checked >= 10


def test_poi_import_binds_exactly_where_the_schedule_sits_on_the_cap(explained) -> None:
    imp = explained.result.timeseries["grid_import_mw"]
    at_cap = set(np.flatnonzero(np.abs(imp - explained.inputs.grid.max_import_mw) <= 1e-6).tolist())
    bound = {lim.interval for lim in explained.limits if lim.name == "poi-import"}
    assert bound == at_cap


def test_cli_explains_the_evening_peak(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(CASE), "--time", "18:00", "--top", "5"]) == 0
    out = capsys.readouterr().out
    # 18:00 is a peak hour: 35 $/MWh x 2.5
    assert "Interval 72 (2025-08-14T18:00:00-05:00)" in out
    assert "LMP $87.50/MWh" in out
    assert "[battery]" in out and "[generator:gas]" in out
